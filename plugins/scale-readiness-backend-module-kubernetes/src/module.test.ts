/**
 * End to end: the real Backstage Kubernetes backend against fake clusters,
 * the real Scale Readiness backend and this module, verified through the
 * Scale Readiness REST API.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  FakeCluster,
  FakeKubernetesApi,
  unusedPort,
} from './__testUtils__/FakeKubernetesApi';
import { KubernetesBackendClient } from './client/KubernetesBackendClient';
import { deployment, nodePool } from './__testUtils__/objects';
import {
  populateClusters,
  scenarioConfig,
  scenarioEntities,
  writeManifests,
} from './__testUtils__/scenario';
import { startStack, type Stack } from './__testUtils__/startStack';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

type Check = {
  id: string;
  status: string;
  headroom?: number | null;
  message: string;
  evidence: Array<{ source: string; location?: string; observed?: any }>;
};

describe('live Kubernetes source end to end', () => {
  let api: FakeKubernetesApi;
  let prod: FakeCluster;
  let stack: Stack;
  let tmp: string;

  async function entity(name: string, kind = 'component') {
    const response = await request(stack.server)
      .get(`/api/scale-readiness/entities/${kind}/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body as {
      result: { checks: Check[] };
      facts: Array<Record<string, any>>;
    };
  }

  async function check(
    name: string,
    id: string,
    kind = 'component',
  ): Promise<Check> {
    const found = (await entity(name, kind)).result.checks.find(
      c => c.id === id,
    );
    if (!found) throw new Error(`${name} has no result for ${id}`);
    return found;
  }

  beforeAll(async () => {
    api = await FakeKubernetesApi.start();
    ({ prod } = populateClusters(api));
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-k8s-')),
    );
    const catalogFile = await writeManifests(tmp);
    stack = await startStack({
      knex: await databases.init('SQLITE_3'),
      entities: scenarioEntities(catalogFile),
      config: scenarioConfig({
        api,
        drUrl: `http://127.0.0.1:${await unusedPort()}`,
        manifestsRoot: tmp,
      }),
    });
    // The first pass stores manifests and live facts; drift is computed
    // against the stored manifests on the second.
    await stack.runPass();
    await stack.runPass();
  });

  afterAll(async () => {
    await stack?.stop();
    await api?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('reads the HPA at 4 of max 10 live: headroom 2.5×, fails at 3×, passes at 2×', async () => {
    const headroom = await check('checkout', 'autoscaling.hpa-max-headroom');
    expect(headroom.status).toBe('fail');
    expect(headroom.headroom).toBe(2.5);
    expect(headroom.message).toContain('maxReplicas 10 / peak 4');
    expect(headroom.evidence[0]).toMatchObject({
      source: 'kubernetes',
      location: 'prod',
      observed: { workload: 'checkout', maxReplicas: 10, peakReplicas: 4 },
    });

    const simulated = await request(stack.server)
      .post('/api/scale-readiness/simulate')
      .set('Authorization', mockCredentials.user.header())
      .send({ growthFactor: 2, entityRefs: ['component:default/checkout'] });
    expect(simulated.status).toBe(200);
    const at2 = simulated.body.results[0].checks.find(
      (c: Check) => c.id === 'autoscaling.hpa-max-headroom',
    );
    expect(at2).toMatchObject({ status: 'pass', headroom: 2.5 });
  });

  it('live facts win over the manifests (HPA max 20 there) for scoring', async () => {
    const { facts } = await entity('checkout');
    const workloads = facts[0].workloads;
    expect(workloads.source).toBe('kubernetes');
    expect(workloads.status).toBe('ok');
    expect(workloads.value.workloads).toHaveLength(1);
    expect(workloads.value.workloads[0]).toMatchObject({
      kind: 'Deployment',
      name: 'checkout',
      namespace: 'shop',
      origin: 'kubernetes',
      location: 'prod',
      replicas: 4,
      peakReplicas: 4,
      terminationGracePeriodSeconds: 45,
    });
  });

  it('reports the dangling HPA, not the other team’s HPA of the namespace', async () => {
    const dangling = await check('checkout', 'autoscaling.hpa-target-exists');
    expect(dangling.status).toBe('fail');
    expect(dangling.message).toContain(
      'HorizontalPodAutoscaler/checkout-legacy targets Deployment/checkout-v1',
    );
    expect(dangling.message).not.toContain('recommendations');
    expect(prod.requests).toContain(
      'GET /apis/apps/v1/namespaces/shop/deployments/checkout-v1',
    );
  });

  it('finds the unlabelled PDB with maxUnavailable 0 through the namespace and fails scale-in', async () => {
    const budget = await check('checkout', 'scale-in.pdb-allows-disruption');
    expect(budget.status).toBe('fail');
    expect(budget.message).toContain('checkout');
    expect(budget.evidence[0]).toMatchObject({
      source: 'kubernetes',
      location: 'prod',
    });
    const present = await check('checkout', 'scale-in.pdb-present');
    expect(present.status).toBe('pass');
  });

  it('fails node headroom on the Karpenter NodePools at 90 % of their CPU limit', async () => {
    const node = await check('checkout', 'autoscaling.node-headroom');
    expect(node.status).toBe('fail');
    expect(node.headroom).toBe(1.11);
    expect(node.message).toContain('NodePools CPU limit 100 / used 90');
    expect(node.evidence[0].observed).toMatchObject({
      name: 'prod',
      nodePools: [
        { name: 'general', limitCpu: 80, usedCpu: 72 },
        { name: 'spot', limitCpu: 20, usedCpu: 18 },
      ],
      readFrom: ['karpenter.sh/v1 NodePools: 2'],
    });
    // Page size 1: the NodePools were read in pages with a continue token.
    expect(
      prod.requests.some(r =>
        r.startsWith('GET /apis/karpenter.sh/v1/nodepools?limit=1&continue='),
      ),
    ).toBe(true);
    // The cluster Resource itself gets the same node-level finding.
    const resource = await check(
      'prod',
      'autoscaling.node-headroom',
      'resource',
    );
    expect(resource).toMatchObject({ status: 'fail', headroom: 1.11 });
  });

  it('fails node headroom on the cluster-autoscaler group at its maximum', async () => {
    const node = await check('batch-worker', 'autoscaling.node-headroom');
    expect(node.status).toBe('fail');
    expect(node.headroom).toBe(1);
    expect(node.message).toContain('node groups max 5 / current 5 nodes');
    expect(node.evidence[0].observed).toMatchObject({
      name: 'batch',
      nodeGroups: [
        { name: 'ng-batch', minSize: 1, maxSize: 5, currentSize: 5 },
      ],
    });
  });

  it('makes workloads unknown where a needed list is forbidden (403), naming the cluster', async () => {
    const present = await check('batch-worker', 'autoscaling.hpa-present');
    expect(present.status).toBe('unknown');
    expect(present.message).toContain("cluster 'batch'");
    expect(present.message).toContain('403');
    expect(present.message).toContain('poddisruptionbudgets.policy');
  });

  it('says unknown, not pass, for what only the unreachable cluster could tell', async () => {
    const present = await check('billing', 'autoscaling.hpa-present');
    expect(present.status).toBe('unknown');
    expect(present.message).toContain("cluster 'dr'");
    const node = await check('billing', 'autoscaling.node-headroom');
    expect(node.status).toBe('unknown');
    expect(node.message).toContain("cluster 'dr'");
    // Other clusters still count: checkout is scored from prod, with a note.
    const { facts } = await entity('checkout');
    expect(facts[0].workloads.status).toBe('ok');
    expect(facts[0].workloads.error).toContain("cluster 'dr': unreachable");
  });

  it('makes the sections of a failed live source unknown with its error, not the manifests (issue 16, item 3)', async () => {
    const present = await check('ledger', 'autoscaling.hpa-present');
    expect(present.status).toBe('unknown');
    expect(present.message).toContain("cluster 'dr'");
    const { facts } = await entity('ledger');
    expect(facts[0].workloads).toMatchObject({
      status: 'error',
      source: 'kubernetes',
    });
    expect(facts[0].workloads.error).toContain("cluster 'dr'");
    expect(facts[0].workloads.value).toBeUndefined();
    const node = await check('ledger', 'autoscaling.node-headroom');
    expect(node.status).toBe('unknown');
  });

  it('reports drift between the cluster and the manifests, showing both values', async () => {
    const drift = await check('checkout', 'autoscaling.manifest-drift');
    expect(drift.status).toBe('warn');
    expect(drift.message).toContain(
      'HorizontalPodAutoscaler/checkout maxReplicas live 10, manifests 20',
    );
    expect(drift.message).toContain(
      'PodDisruptionBudget/checkout maxUnavailable live 0, manifests 1',
    );
    // Requests written as 0.5 in the manifests equal the live 500m.
    expect(drift.message).not.toContain('requests.cpu');
    expect(drift.evidence.map(e => e.source)).toEqual([
      'kubernetes',
      'manifests',
    ]);
    expect(drift.evidence[1].location).toBe('./manifests/checkout/');
    const other = await check('batch-worker', 'autoscaling.manifest-drift');
    expect(other.status).toBe('not-applicable');
  });

  it('keeps the observed peak over the window after the workload scales back in', async () => {
    prod.apply(
      deployment('checkout', { ns: 'shop', id: 'checkout', replicas: 6 }),
    );
    await stack.runPass();
    prod.apply(
      deployment('checkout', { ns: 'shop', id: 'checkout', replicas: 4 }),
    );
    await stack.runPass();
    const headroom = await check('checkout', 'autoscaling.hpa-max-headroom');
    expect(headroom.headroom).toBe(1.66);
    expect(headroom.evidence[0].observed).toMatchObject({
      maxReplicas: 10,
      peakReplicas: 6,
    });
    const { facts } = await entity('checkout');
    expect(facts[0].workloads.value.workloads[0]).toMatchObject({
      replicas: 4,
      peakReplicas: 6,
    });
  });

  describe('proxy client against the real Kubernetes backend', () => {
    function client() {
      const base = `http://localhost:${stack.port}/api/kubernetes`;
      return new KubernetesBackendClient({
        discovery: {
          getBaseUrl: async () => base,
          getExternalBaseUrl: async () => base,
        },
        auth: mockServices.auth({ pluginId: 'scale-readiness' }),
        timeoutMs: 10_000,
        pageSize: 1,
      });
    }

    it('restarts a paged list whose continue token expired (410) and returns every item once', async () => {
      let changed = false;
      prod.onListPage = (plural, page) => {
        if (plural === 'nodepools' && page === 0 && !changed) {
          changed = true;
          prod.apply(nodePool('burst', '10', '0'));
        }
      };
      try {
        const list = await client().proxyList(
          'prod',
          '/apis/karpenter.sh/v1/nodepools',
        );
        expect(list?.kind).toBe('NodePoolList');
        expect(list?.items.map(i => (i.metadata as any).name)).toEqual([
          'burst',
          'general',
          'spot',
        ]);
        expect(
          prod.responses.some(r =>
            /^410 GET \/apis\/karpenter.sh\/v1\/nodepools\?limit=1&continue=/.test(
              r,
            ),
          ),
        ).toBe(true);
      } finally {
        prod.onListPage = undefined;
        prod.remove('karpenter.sh/v1', 'NodePool', 'burst');
      }
    });

    it('tells an absent CRD or object (API server 404) from a forbidden list or an unknown cluster', async () => {
      const c = client();
      await expect(
        c.proxyList('batch', '/apis/karpenter.sh/v1/nodepools'),
      ).resolves.toBeUndefined();
      await expect(
        c.proxyGet(
          'prod',
          '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
        ),
      ).resolves.toBeUndefined();
      await expect(
        c.proxyList(
          'batch',
          '/apis/policy/v1/namespaces/jobs/poddisruptionbudgets',
        ),
      ).rejects.toMatchObject({
        status: 403,
        reason: 'Forbidden',
        cluster: 'batch',
      });
      await expect(
        c.proxyGet('nowhere', '/api/v1/namespaces'),
      ).rejects.toMatchObject({
        status: 404,
        fromApiServer: false,
      });
      await expect(c.listClusters()).resolves.toEqual(['prod', 'batch', 'dr']);
    });
  });
});
