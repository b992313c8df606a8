import type {
  WorkloadFacts,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { computeDrift } from './computeDrift';

function workload(overrides: Partial<WorkloadFacts> = {}): WorkloadFacts {
  return {
    kind: 'Deployment',
    name: 'api',
    namespace: 'shop',
    podLabels: { app: 'api' },
    terminationGracePeriodSeconds: 30,
    containers: [
      {
        name: 'app',
        requests: { cpu: '500m', memory: '512Mi' },
        limits: { cpu: '1', memory: '1Gi' },
        hasReadinessProbe: true,
        hasLivenessProbe: true,
        hasPreStopHook: true,
      },
    ],
    scalers: [
      {
        kind: 'HorizontalPodAutoscaler',
        name: 'api',
        namespace: 'shop',
        minReplicas: 2,
        maxReplicas: 10,
        metrics: ['Resource/cpu'],
        target: 'Deployment/api',
      },
    ],
    pdbs: [{ name: 'api', maxUnavailable: 1 }],
    origin: 'manifests',
    ...overrides,
  };
}

const set = (...workloads: WorkloadFacts[]): WorkloadSetFacts => ({
  workloads,
  danglingScalers: [],
  resourceQuotas: [],
});

const live = (overrides: Partial<WorkloadFacts> = {}) =>
  workload({
    origin: 'kubernetes',
    location: 'prod',
    replicas: 4,
    ...overrides,
  });

describe('computeDrift', () => {
  it('finds nothing when live and manifests agree (quantities by value, grace default 30, replicas owned by the HPA)', () => {
    const manifest = workload({
      terminationGracePeriodSeconds: undefined,
      containers: [
        {
          name: 'app',
          requests: { cpu: '0.5', memory: '0.5Gi' },
          limits: { cpu: '1000m', memory: '1024Mi' },
          hasReadinessProbe: true,
          hasLivenessProbe: true,
          hasPreStopHook: true,
        },
      ],
      namespace: undefined,
    });
    expect(computeDrift(set(live()), set(manifest))).toEqual([]);
  });

  it('reports autoscaler bounds, PDB budgets, requests, probes and grace period with both values', () => {
    const changed = live({
      terminationGracePeriodSeconds: 10,
      scalers: [
        {
          ...workload().scalers[0],
          maxReplicas: 6,
          metrics: ['Resource/memory'],
        },
      ],
      pdbs: [{ name: 'api', maxUnavailable: 0 }],
      containers: [
        {
          ...workload().containers[0],
          requests: { cpu: '250m', memory: '512Mi' },
          hasPreStopHook: false,
        },
      ],
    });
    const [drift] = computeDrift(set(changed), set(workload()));
    expect(drift).toMatchObject({
      workload: 'Deployment/api',
      namespace: 'shop',
      cluster: 'prod',
    });
    expect(drift.differences).toEqual(
      expect.arrayContaining([
        { field: 'terminationGracePeriodSeconds', live: 10, manifest: 30 },
        { field: 'container app requests.cpu', live: '250m', manifest: '500m' },
        { field: 'container app hasPreStopHook', live: false, manifest: true },
        {
          field: 'HorizontalPodAutoscaler/api maxReplicas',
          live: 6,
          manifest: 10,
        },
        {
          field: 'HorizontalPodAutoscaler/api metrics',
          live: ['Resource/memory'],
          manifest: ['Resource/cpu'],
        },
        {
          field: 'PodDisruptionBudget/api maxUnavailable',
          live: 0,
          manifest: 1,
        },
      ]),
    );
    expect(drift.differences).toHaveLength(6);
  });

  it('reports objects present on one side only', () => {
    const drift = computeDrift(
      set(live({ scalers: [], pdbs: [] }), live({ name: 'sidecar-job' })),
      set(workload(), workload({ name: 'worker' })),
    );
    expect(
      drift.map(d => [
        d.workload,
        d.differences.map(x => [x.field, x.live, x.manifest]),
      ]),
    ).toEqual([
      [
        'Deployment/api',
        [
          ['HorizontalPodAutoscaler/api', null, 'present'],
          ['PodDisruptionBudget/api', null, 'present'],
        ],
      ],
      ['Deployment/sidecar-job', [['workload', 'present', null]]],
      ['Deployment/worker', [['workload', null, 'present']]],
    ]);
  });

  it('compares pinned replicas only when nothing autoscales, and each cluster separately', () => {
    const manifest = workload({ scalers: [], replicas: 3 });
    const drift = computeDrift(
      set(
        live({ scalers: [], replicas: 3 }),
        live({ scalers: [], replicas: 2, location: 'dr' }),
      ),
      set(manifest),
    );
    expect(drift).toEqual([
      {
        workload: 'Deployment/api',
        namespace: 'shop',
        cluster: 'dr',
        differences: [{ field: 'replicas', live: 2, manifest: 3 }],
      },
    ]);
    // With an HPA the live count is the autoscaler's choice, not drift.
    expect(
      computeDrift(set(live({ replicas: 7 })), set(workload({ replicas: 3 }))),
    ).toEqual([]);
  });

  it('does not match workloads of another namespace', () => {
    const drift = computeDrift(
      set(live()),
      set(workload({ namespace: 'other' })),
    );
    expect(drift.map(d => d.differences[0].field)).toEqual([
      'workload',
      'workload',
    ]);
  });
});
