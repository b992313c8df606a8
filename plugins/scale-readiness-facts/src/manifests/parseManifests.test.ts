import { parse } from 'yaml';
import { buildWorkloadSet, parseManifests } from './parseManifests';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api, tier: web }
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: api:1
          resources:
            requests: { cpu: 500m, memory: 256Mi }
            limits: { cpu: 1, memory: 1Gi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /live, port: 8080 } }
          lifecycle:
            preStop: { exec: { command: [sleep, "10"] } }
        - name: sidecar
          image: proxy:1
`;

const hpaV2 = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: api, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
    - type: External
      external: { metric: { name: queue_depth }, target: { type: Value, value: "30" } }
    - type: Pods
      pods: { metric: { name: rps }, target: { type: AverageValue, averageValue: "10" } }
`;

const file = (path: string, content: string) => ({ path, content });

describe('parseManifests', () => {
  it('extracts a Deployment with containers, probes, hooks and quantities as strings', () => {
    const { facts, errors } = parseManifests([
      file('deploy/api.yaml', deployment),
    ]);
    expect(errors).toEqual([]);
    expect(facts.workloads).toHaveLength(1);
    const api = facts.workloads[0];
    expect(api).toMatchObject({
      kind: 'Deployment',
      name: 'api',
      namespace: 'shop',
      replicas: 3,
      terminationGracePeriodSeconds: 45,
      podLabels: { app: 'api', tier: 'web' },
      origin: 'manifests',
      location: 'deploy/api.yaml',
    });
    expect(api.containers[0]).toEqual({
      name: 'app',
      requests: { cpu: '500m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
      hasReadinessProbe: true,
      hasLivenessProbe: true,
      hasPreStopHook: true,
    });
    expect(api.containers[1]).toEqual({
      name: 'sidecar',
      hasReadinessProbe: false,
      hasLivenessProbe: false,
      hasPreStopHook: false,
    });
    expect(typeof api.containers[0].limits?.cpu).toBe('string');
  });

  it('reads multi-document files and links an autoscaling/v2 HPA to its target', () => {
    const { facts, errors } = parseManifests(
      [
        file(
          'all.yaml',
          `${deployment}\n---\n${hpaV2}\n---\n# just a comment\n`,
        ),
      ],
      { origin: 'ci' },
    );
    expect(errors).toEqual([]);
    const [api] = facts.workloads;
    expect(api.origin).toBe('ci');
    expect(api.scalers).toEqual([
      {
        kind: 'HorizontalPodAutoscaler',
        name: 'api',
        namespace: 'shop',
        minReplicas: 2,
        maxReplicas: 10,
        metrics: ['Resource/cpu', 'External/queue_depth', 'Pods/rps'],
        target: 'Deployment/api',
      },
    ]);
    expect(facts.danglingScalers).toEqual([]);
  });

  it('supports autoscaling/v1 HPAs (CPU) and applies the minReplicas default', () => {
    const v1 = `
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: db }
spec:
  scaleTargetRef: { kind: StatefulSet, name: db }
  maxReplicas: 5
  targetCPUUtilizationPercentage: 60
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: pg }] }
`;
    const { facts, errors } = parseManifests([file('db.yml', v1)]);
    expect(errors).toEqual([]);
    const [db] = facts.workloads;
    expect(db.kind).toBe('StatefulSet');
    expect(db.replicas).toBeUndefined();
    expect(db.scalers[0]).toMatchObject({
      minReplicas: 1,
      maxReplicas: 5,
      metrics: ['Resource/cpu'],
      target: 'StatefulSet/db',
    });
  });

  it('reports an HPA without a matching workload as dangling', () => {
    const { facts } = parseManifests([
      file('a.yaml', deployment),
      file('b.yaml', hpaV2.replace('name: api }', 'name: gone }')),
      file(
        'c.yaml',
        hpaV2
          .replace('namespace: shop }', 'namespace: other }')
          .replace('name: api,', 'name: api2,'),
      ),
    ]);
    expect(facts.workloads[0].scalers).toEqual([]);
    expect(
      facts.danglingScalers.map(s => `${s.namespace}/${s.target}`),
    ).toEqual(['shop/Deployment/gone', 'other/Deployment/api']);
  });

  it('reports a PDB whose selector matches no pod as an orphan', () => {
    const { facts } = parseManifests([
      file('a.yaml', deployment),
      file(
        'pdb.yaml',
        `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api-old, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: api-old } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: api } }
`,
      ),
    ]);
    expect(facts.workloads[0].pdbs.map(p => p.name)).toEqual(['api']);
    expect(facts.orphanPdbs).toEqual([
      { name: 'api-old', namespace: 'shop', maxUnavailable: 1 },
    ]);
  });

  it('applies KEDA ScaledObject defaults and maps triggers to metrics', () => {
    const keda = `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: api-keda, namespace: shop }
spec:
  scaleTargetRef: { name: api }
  triggers:
    - type: kafka
      metadata: { topic: orders }
    - type: cpu
      metadata: { value: "60" }
`;
    const { facts, errors } = parseManifests([
      file('x.yaml', `${deployment}---${keda}`),
    ]);
    expect(errors).toEqual([]);
    expect(facts.workloads[0].scalers).toEqual([
      {
        kind: 'ScaledObject',
        name: 'api-keda',
        namespace: 'shop',
        minReplicas: 0,
        maxReplicas: 100,
        metrics: ['External/kafka', 'Resource/cpu'],
        target: 'Deployment/api',
      },
    ]);
    const explicit = parseManifests([
      file(
        'y.yaml',
        keda.replace(
          'triggers:',
          'minReplicaCount: 2\n  maxReplicaCount: 7\n  triggers:',
        ),
      ),
    ]);
    expect(explicit.facts.danglingScalers[0]).toMatchObject({
      minReplicas: 2,
      maxReplicas: 7,
    });
  });

  it('attaches PDBs by matchLabels and matchExpressions, v1 and v1beta1', () => {
    const worker = deployment
      .replace('name: api\n', 'name: worker\n')
      .replace('labels: { app: api, tier: web }', 'labels: { app: worker }');
    const pdbs = `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api-pdb, namespace: shop }
spec:
  minAvailable: 1
  selector: { matchLabels: { app: api } }
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: { name: web-pdb, namespace: shop }
spec:
  maxUnavailable: "25%"
  selector:
    matchExpressions:
      - { key: tier, operator: In, values: [web, edge] }
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: { name: empty-beta }
spec: { minAvailable: 1, selector: {} }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: all-pods, namespace: shop }
spec: { maxUnavailable: 1, selector: {} }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: not-worker, namespace: shop }
spec:
  minAvailable: 2
  selector:
    matchExpressions: [{ key: app, operator: NotIn, values: [worker] }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: elsewhere, namespace: other }
spec: { minAvailable: 1, selector: { matchLabels: { app: api } } }
`;
    const { facts, errors } = parseManifests([
      file('a.yaml', deployment),
      file('b.yaml', worker),
      file('pdb.yaml', pdbs),
    ]);
    expect(errors).toEqual([]);
    const byName = Object.fromEntries(
      facts.workloads.map(w => [w.name, w.pdbs]),
    );
    expect(byName.api).toEqual([
      { name: 'api-pdb', minAvailable: 1 },
      { name: 'web-pdb', maxUnavailable: '25%' },
      { name: 'all-pods', maxUnavailable: 1 },
      { name: 'not-worker', minAvailable: 2 },
    ]);
    expect(byName.worker).toEqual([{ name: 'all-pods', maxUnavailable: 1 }]);
  });

  it('reads ResourceQuotas and List objects', () => {
    const list = `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ResourceQuota
    metadata: { name: compute, namespace: shop }
    spec: { hard: { requests.cpu: "20" } }
    status:
      hard: { requests.cpu: "20", pods: 50 }
      used: { requests.cpu: 12500m, pods: 31 }
  - apiVersion: v1
    kind: ResourceQuota
    metadata: { name: declared-only }
    spec: { hard: { limits.memory: 64Gi } }
`;
    const { facts, errors } = parseManifests([file('q.yaml', list)]);
    expect(errors).toEqual([]);
    expect(facts.resourceQuotas).toEqual([
      {
        name: 'compute',
        namespace: 'shop',
        hard: { 'requests.cpu': '20', pods: '50' },
        used: { 'requests.cpu': '12500m', pods: '31' },
      },
      { name: 'declared-only', hard: { 'limits.memory': '64Gi' } },
    ]);
  });

  it('reports bad YAML with file and document, and keeps parsing the rest', () => {
    const { facts, errors } = parseManifests([
      file('good.yaml', deployment),
      file(
        'bad.yaml',
        `${hpaV2}\n---\nkind: Deployment\nmetadata: { name: [unclosed\n`,
      ),
    ]);
    expect(facts.workloads.map(w => w.name)).toEqual(['api']);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('bad.yaml');
    expect(errors[0].message).toMatch(/\(document 2\)$/);
    expect(facts.workloads[0].scalers).toHaveLength(1);
  });

  it('reports wrongly typed fields and nameless objects as errors', () => {
    const { errors } = parseManifests([
      file('r.yaml', deployment.replace('replicas: 3', 'replicas: three')),
      file('n.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec: {}\n'),
    ]);
    expect(errors).toEqual([
      { path: 'n.yaml', message: 'Deployment without metadata.name' },
      {
        path: 'r.yaml',
        message:
          'Deployment api: spec.replicas must be an integer, got "three"',
      },
    ]);
  });

  it('ignores unrelated objects and is independent of file order', () => {
    const other =
      'apiVersion: v1\nkind: Service\nmetadata: { name: api }\n---\nfoo: bar\n---\n42\n';
    const files = [
      file('z.yaml', deployment),
      file('a.yaml', other),
      file('m.yaml', hpaV2),
    ];
    const forward = parseManifests(files);
    const backward = parseManifests([...files].reverse());
    expect(forward.errors).toEqual([]);
    expect(forward).toEqual(backward);
    expect(parseManifests([file('svc.yaml', other)]).facts).toEqual({
      workloads: [],
      danglingScalers: [],
      resourceQuotas: [],
    });
  });

  it('keeps the first definition of a duplicated workload', () => {
    const { facts } = parseManifests([
      file('b.yaml', deployment.replace('replicas: 3', 'replicas: 9')),
      file('a.yaml', deployment),
    ]);
    expect(facts.workloads).toHaveLength(1);
    expect(facts.workloads[0]).toMatchObject({
      replicas: 3,
      location: 'a.yaml',
    });
  });
});

describe('buildWorkloadSet', () => {
  it('builds the same facts from parsed objects as parseManifests from text', () => {
    const fromText = parseManifests([
      file('b/hpa.yaml', hpaV2),
      file('a/deploy.yaml', deployment),
    ]);
    const fromObjects = buildWorkloadSet([
      { value: parse(hpaV2), path: 'b/hpa.yaml' },
      { value: parse(deployment), path: 'a/deploy.yaml' },
    ]);
    expect(fromObjects).toEqual(fromText);
    expect(fromObjects.facts.workloads[0].scalers.map(s => s.name)).toEqual([
      'api',
    ]);
  });

  it('keeps document order within a file and reports the line of a bad object', () => {
    const { facts, errors } = buildWorkloadSet(
      [
        { value: parse(deployment), path: 'x.yaml', line: 1 },
        {
          value: parse(deployment.replace('replicas: 3', 'replicas: 7')),
          path: 'x.yaml',
          line: 30,
        },
        {
          value: parse(deployment.replace('replicas: 3', 'replicas: many')),
          path: 'x.yaml',
          line: 60,
          document: 3,
        },
      ],
      { origin: 'cli' },
    );
    expect(facts.workloads).toHaveLength(1);
    expect(facts.workloads[0]).toMatchObject({ replicas: 3, origin: 'cli' });
    expect(errors).toEqual([
      {
        path: 'x.yaml',
        line: 60,
        message:
          'Deployment api: spec.replicas must be an integer, got "many" (document 3)',
      },
    ]);
  });
});
