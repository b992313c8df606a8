import { parseManifests } from './parseManifests';

const file = (content: string) => [{ path: 'k8s/app.yaml', content }];

describe('rollout, spread and scale-in behaviour from manifests (issue 16, signals 1–3)', () => {
  it('treats an Argo Rollout as a scale target: the HPA pointing at it is linked, not dangling', () => {
    const { facts, errors } = parseManifests(
      file(`
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  strategy:
    canary:
      maxSurge: 1
      maxUnavailable: 0
      steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: 5m } }]
  template:
    metadata: { labels: { app: web } }
    spec:
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway }
      containers: [{ name: app }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web }
  minReplicas: 3
  maxReplicas: 30
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 0
      selectPolicy: Max
      policies: [{ type: Percent, value: 100, periodSeconds: 15 }]
`),
    );
    expect(errors).toEqual([]);
    expect(facts.danglingScalers).toEqual([]);
    const [rollout] = facts.workloads;
    expect(rollout).toMatchObject({
      kind: 'Rollout',
      name: 'web',
      strategy: { type: 'canary', steps: 4, maxSurge: 1, maxUnavailable: 0 },
      spreadKeys: ['topology.kubernetes.io/zone'],
    });
    expect(rollout.scalers[0].scaleDown).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  });

  it('reads Deployment strategy defaults, anti-affinity, eviction blockers, drain time and a Flagger Canary', () => {
    const { facts, errors } = parseManifests(
      file(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  annotations: { scale-readiness.io/drain-seconds: "90" }
spec:
  template:
    metadata:
      labels: { app: worker }
      annotations:
        cluster-autoscaler.kubernetes.io/safe-to-evict: "false"
        karpenter.sh/do-not-disrupt: "true"
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm: { topologyKey: kubernetes.io/hostname }
      containers: [{ name: app }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  strategy: { type: Recreate }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: app }] }
---
apiVersion: flagger.app/v1beta1
kind: Canary
metadata: { name: api }
spec:
  targetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  analysis: { interval: 1m, stepWeight: 10, maxWeight: 50 }
`),
    );
    expect(errors).toEqual([]);
    const [api, worker] = [...facts.workloads].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    expect(worker).toMatchObject({
      strategy: {
        type: 'RollingUpdate',
        maxUnavailable: '25%',
        maxSurge: '25%',
      },
      spreadKeys: ['kubernetes.io/hostname'],
      evictionBlockers: [
        'cluster-autoscaler.kubernetes.io/safe-to-evict=false',
        'karpenter.sh/do-not-disrupt=true',
      ],
      drainSeconds: 90,
    });
    // The Canary, not Recreate, rolls the Deployment out.
    expect(api.strategy).toEqual({
      type: 'flagger',
      steps: 5,
      definedBy: 'Canary/api',
    });
  });
});
