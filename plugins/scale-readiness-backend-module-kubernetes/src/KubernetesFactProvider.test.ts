import { mockServices } from '@backstage/backend-test-utils';
import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import type {
  FactContribution,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import type { KubernetesBackendClient } from './client/KubernetesBackendClient';
import { DEFAULT_KUBERNETES_SOURCE_CONFIG } from './config';
import type { PeakReplicaStore } from './database/PeakReplicaStore';
import type { LiveWorkloadSetFacts } from './drift/computeDrift';
import { KubernetesFactProvider } from './KubernetesFactProvider';
import {
  clusterResource,
  component,
  deployment,
  hpa,
} from './__testUtils__/objects';

const now = new Date('2026-11-25T10:00:00Z');

function provider(
  client: Partial<KubernetesBackendClient>,
  peaks: Partial<PeakReplicaStore> = {},
) {
  const store = {
    clustersSeen: jest.fn(async () => new Map()),
    record: jest.fn(async () => undefined),
    peaks: jest.fn(async () => new Map()),
    prune: jest.fn(async () => 0),
    ...peaks,
  };
  return {
    store,
    provider: new KubernetesFactProvider({
      client: client as KubernetesBackendClient,
      peaks: store as unknown as PeakReplicaStore,
      config: { ...DEFAULT_KUBERNETES_SOURCE_CONFIG, namespaceLookups: false },
      logger: mockServices.logger.mock(),
    }),
  };
}

const ctx = (
  entities: Array<ReturnType<typeof clusterResource>> = [],
  storedFacts?: FactProviderContext['storedFacts'],
): FactProviderContext => ({
  logger: mockServices.logger.mock(),
  catalog: {
    getEntitiesByRefs: async (refs: string[]) =>
      refs.map(r =>
        entities.find(e => `resource:default/${e.metadata.name}` === r),
      ),
  },
  now,
  storedFacts,
});

const answer = (
  cluster: string,
  resources: Array<{ type: string; resources: unknown[] }>,
): ObjectsByEntityResponse =>
  ({
    items: [
      { cluster: { name: cluster }, podMetrics: [], errors: [], resources },
    ],
  } as unknown as ObjectsByEntityResponse);

describe('KubernetesFactProvider', () => {
  it('contributes nothing when the Kubernetes backend has no cluster (the embedded default)', async () => {
    const queryWorkloads = jest.fn();
    const { provider: p } = provider({
      listClusters: async () => [],
      queryWorkloads,
    });
    const result = await p.collect([component('api', { id: 'api' })], ctx());
    expect(result.size).toBe(0);
    expect(queryWorkloads).not.toHaveBeenCalled();
  });

  it('makes linked entities unknown when the cluster list cannot be read', async () => {
    const { provider: p } = provider({
      listClusters: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    const result = await p.collect(
      [component('api', { id: 'api' }), component('docs')],
      ctx(),
    );
    expect([...result.keys()]).toEqual(['component:default/api']);
    expect(result.get('component:default/api')?.workloads).toMatchObject({
      status: 'error',
      source: 'kubernetes',
      error:
        'Kubernetes backend: cannot list clusters: Request failed with 503 Service Unavailable',
    });
    expect(result.get('component:default/api')?.nodeCapacity).toMatchObject({
      status: 'error',
      error:
        'Kubernetes backend: cannot list clusters: Request failed with 503 Service Unavailable',
    });
  });

  it('turns a failed entity query into an error section for that entity only', async () => {
    const { provider: p } = provider({
      listClusters: async () => ['prod'],
      queryWorkloads: async ref => {
        if (ref === 'component:default/broken')
          throw new Error('Entity ref missing');
        return answer('prod', [
          {
            type: 'deployments',
            resources: [
              deployment('api', { ns: 'shop', id: 'api', replicas: 2 }),
            ],
          },
          {
            type: 'horizontalpodautoscalers',
            resources: [
              hpa('api', {
                ns: 'shop',
                id: 'api',
                target: 'api',
                min: 2,
                max: 8,
              }),
            ],
          },
        ]);
      },
      queryCustomResources: async () => ({ items: [] }),
      proxyList: async () => ({ items: [] }),
      proxyGet: async () => undefined,
    });
    const result = await p.collect(
      [component('api', { id: 'api' }), component('broken', { id: 'broken' })],
      ctx(),
    );
    expect(result.get('component:default/api')?.workloads?.status).toBe('ok');
    expect(result.get('component:default/api')?.nodeCapacity).toMatchObject({
      status: 'ok',
      value: { clusters: [{ name: 'prod', nodeGroups: [], nodePools: [] }] },
    });
    expect(result.get('component:default/broken')?.workloads).toMatchObject({
      status: 'error',
      error: 'Kubernetes backend: Entity ref missing',
    });
  });

  describe('drift against the manifests facts from the provider context', () => {
    const client: Partial<KubernetesBackendClient> = {
      listClusters: async () => ['prod'],
      queryWorkloads: async () =>
        answer('prod', [
          {
            type: 'deployments',
            resources: [
              deployment('api', { ns: 'shop', id: 'api', replicas: 2 }),
            ],
          },
        ]),
      queryCustomResources: async () => ({ items: [] }),
      proxyList: async () => ({ items: [] }),
      proxyGet: async () => undefined,
    };
    const manifests: FactContribution = {
      workloads: {
        status: 'ok',
        source: 'manifests',
        location: './deploy/',
        collectedAt: '2026-11-24T00:00:00.000Z',
        value: {
          workloads: [],
          danglingScalers: [],
          resourceQuotas: [],
        } as WorkloadSetFacts,
      },
    };

    it("asks for the manifests provider's stored facts and attaches drift", async () => {
      const storedFacts = jest.fn(async (_id: string, refs: string[]) => {
        return new Map(refs.map(ref => [ref, manifests]));
      });
      const { provider: p } = provider(client);
      const result = await p.collect(
        [component('api', { id: 'api' }), component('docs')],
        ctx([], storedFacts),
      );
      expect(storedFacts).toHaveBeenCalledWith('manifests', [
        'component:default/api',
      ]);
      const workloads = result.get('component:default/api')?.workloads;
      expect(workloads?.status).toBe('ok');
      expect(
        (workloads?.value as LiveWorkloadSetFacts | undefined)?.drift,
      ).toEqual({
        comparedWith: './deploy/',
        manifestsCollectedAt: '2026-11-24T00:00:00.000Z',
        workloads: [
          {
            workload: 'Deployment/api',
            namespace: 'shop',
            cluster: 'prod',
            differences: [
              { field: 'workload', live: 'present', manifest: null },
            ],
          },
        ],
      });
    });

    it('reports no drift, and still the live facts, without stored facts or when they cannot be read', async () => {
      const { provider: p } = provider(client);
      const entities = [component('api', { id: 'api' })];
      const without = await p.collect(entities, ctx());
      const failing = await p.collect(
        entities,
        ctx([], async () => {
          throw new Error('no such table: facts');
        }),
      );
      for (const result of [without, failing]) {
        const workloads = result.get('component:default/api')?.workloads;
        expect(workloads?.status).toBe('ok');
        expect(
          (workloads?.value as LiveWorkloadSetFacts | undefined)?.drift,
        ).toBeUndefined();
      }
    });
  });

  it('records replica samples and reports node capacity for dependsOn cluster Resources', async () => {
    const { provider: p, store } = provider({
      listClusters: async () => ['prod', 'dr'],
      queryWorkloads: async () =>
        answer('prod', [
          {
            type: 'deployments',
            resources: [
              deployment('api', { ns: 'shop', id: 'api', replicas: 5 }),
            ],
          },
        ]),
      queryCustomResources: async () => ({ items: [] }),
      proxyList: async (cluster, path) =>
        cluster === 'dr' && path.includes('nodepools')
          ? {
              items: [
                {
                  metadata: { name: 'np' },
                  spec: { limits: { cpu: '10' } },
                  status: { resources: { cpu: '2' } },
                },
              ],
            }
          : undefined,
      proxyGet: async () => undefined,
    });
    const entities = [
      component('api', { id: 'api', dependsOn: ['resource:default/dr'] }),
    ];
    const result = await p.collect(entities, ctx([clusterResource('dr')]));
    expect(store.record).toHaveBeenCalledWith(
      [
        {
          entityRef: 'component:default/api',
          cluster: 'prod',
          namespace: 'shop',
          kind: 'Deployment',
          name: 'api',
          replicas: 5,
        },
      ],
      now,
    );
    const clusters = result.get('component:default/api')?.nodeCapacity?.value
      ?.clusters;
    expect(clusters?.map(c => [c.name, c.nodePools])).toEqual([
      ['dr', [{ name: 'np', limitCpu: 10, usedCpu: 2 }]],
      ['prod', []],
    ]);
  });
});
