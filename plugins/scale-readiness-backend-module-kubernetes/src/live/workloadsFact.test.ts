import type {
  Fact,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { deployment, hpa, pdb } from '../__testUtils__/objects';
import type { ClusterReadout, KubeObject, LiveKind } from './clusterReadout';
import { buildWorkloadsFact } from './workloadsFact';

const now = new Date('2026-11-25T10:00:00Z');

function readout(
  cluster: string,
  objects: KubeObject[] = [],
  errors: string[] = [],
): ClusterReadout {
  const byKind = {
    Deployment: [],
    StatefulSet: [],
    Rollout: [],
    Canary: [],
    HorizontalPodAutoscaler: [],
    PodDisruptionBudget: [],
    ScaledObject: [],
    ResourceQuota: [],
  } as Record<LiveKind, KubeObject[]>;
  for (const obj of objects) byKind[obj.kind as LiveKind].push(obj);
  return {
    cluster,
    objects: byKind,
    errors,
    notes: [],
    unreachable: errors.some(e => e.startsWith('unreachable')),
  };
}

const api = [
  deployment('api', { ns: 'shop', id: 'api', replicas: 3 }),
  hpa('api', { ns: 'shop', id: 'api', target: 'api', min: 2, max: 9 }),
  pdb('api', { ns: 'shop', app: 'api', maxUnavailable: 1 }),
];

const input = (
  readouts: ClusterReadout[],
  extra: Partial<Parameters<typeof buildWorkloadsFact>[0]> = {},
) =>
  buildWorkloadsFact({
    readouts,
    knownClusters: new Set(),
    peaks: new Map(),
    selector: "label 'x'",
    now,
    ...extra,
  });

describe('buildWorkloadsFact', () => {
  it('builds linked workloads per cluster with the observed peak', () => {
    const fact = input([readout('prod', api), readout('eu', api)], {
      peaks: new Map([['prod|shop|Deployment|api', 7]]),
    });
    expect(fact.status).toBe('ok');
    expect(fact.location).toBe('prod, eu');
    expect(
      fact.value?.workloads.map(w => [
        w.location,
        w.replicas,
        w.peakReplicas,
        w.scalers.length,
        w.pdbs,
      ]),
    ).toEqual([
      ['prod', 3, 7, 1, [{ name: 'api', maxUnavailable: 1 }]],
      ['eu', 3, 3, 1, [{ name: 'api', maxUnavailable: 1 }]],
    ]);
  });

  it('is an error when a cluster running the entity, or known to, could not be read completely', () => {
    const partial = input([
      readout('prod', api, [
        'HTTP 403 forbidden listing poddisruptionbudgets.policy',
      ]),
    ]);
    expect(partial).toMatchObject({ status: 'error', location: 'prod' });
    expect(partial.error).toContain(
      "cluster 'prod': HTTP 403 forbidden listing poddisruptionbudgets.policy",
    );

    const known = input(
      [
        readout('prod', api),
        readout('dr', [], ['unreachable: connect ECONNREFUSED']),
      ],
      {
        knownClusters: new Set(['dr']),
      },
    );
    expect(known.status).toBe('error');
    expect(known.error).toContain("cluster 'dr': unreachable");
    expect(known.error).toContain(
      'the workloads found in prod are not scored alone',
    );
  });

  it('keeps the other clusters when a cluster the entity is not known to run in fails, noting it', () => {
    const fact = input([
      readout('prod', api),
      readout('dr', [], ['unreachable: connect ECONNREFUSED']),
    ]);
    expect(fact.status).toBe('ok');
    expect(fact.value?.workloads).toHaveLength(1);
    expect(fact.error).toBe(
      "cluster 'dr': unreachable: connect ECONNREFUSED (not known to run this component; not included)",
    );
  });

  it('is an error saying why when nothing was found', () => {
    expect(input([]).error).toBe(
      "Live workloads unknown: no Deployment, StatefulSet or autoscaler matches label 'x' in any cluster",
    );
    const unreachable = input([readout('dr', [], ['unreachable: timeout'])]);
    expect(unreachable.status).toBe('error');
    expect(unreachable.error).toContain(
      "not found in the clusters that answered, and cluster 'dr': unreachable: timeout",
    );
  });

  it('keeps an entity with only a dangling autoscaler (the target-exists check must see it)', () => {
    const fact = input([
      readout('prod', [
        hpa('api', { ns: 'shop', id: 'api', target: 'gone', min: 2, max: 4 }),
      ]),
    ]);
    expect(fact.status).toBe('ok');
    expect(fact.value?.workloads).toEqual([]);
    expect(fact.value?.danglingScalers.map(s => s.target)).toEqual([
      'Deployment/gone',
    ]);
  });

  it('attaches drift against ok manifests only', () => {
    const manifests: Fact<WorkloadSetFacts> = {
      status: 'ok',
      source: 'manifests',
      location: './deploy/',
      collectedAt: '2026-11-24T00:00:00.000Z',
      value: { workloads: [], danglingScalers: [], resourceQuotas: [] },
    };
    const fact = input([readout('prod', api)], { manifests });
    expect(fact.value?.drift).toEqual({
      comparedWith: './deploy/',
      manifestsCollectedAt: '2026-11-24T00:00:00.000Z',
      workloads: [
        {
          workload: 'Deployment/api',
          namespace: 'shop',
          cluster: 'prod',
          differences: [{ field: 'workload', live: 'present', manifest: null }],
        },
      ],
    });
    const failed = input([readout('prod', api)], {
      manifests: { ...manifests, status: 'error', value: undefined },
    });
    expect(failed.value?.drift).toBeUndefined();
  });
});
