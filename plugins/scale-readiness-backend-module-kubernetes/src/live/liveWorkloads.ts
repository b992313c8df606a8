import type {
  WorkloadFacts,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  buildWorkloadSet,
  type ManifestObject,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { ReplicaSample } from '../database/PeakReplicaStore';
import type { ClusterReadout, KubeObject, LiveKind } from './clusterReadout';

/** Fact `origin` and provider id of live workloads. */
export const LIVE_ORIGIN = 'kubernetes';

/** Key of one workload in one cluster (peak replicas, drift). */
export function workloadKey(
  cluster: string,
  w: { kind: string; name: string; namespace?: string },
): string {
  return `${cluster}|${w.namespace ?? ''}|${w.kind}|${w.name}`;
}

const KIND_ORDER: LiveKind[] = [
  'Deployment',
  'StatefulSet',
  'Rollout',
  'Canary',
  'HorizontalPodAutoscaler',
  'ScaledObject',
  'PodDisruptionBudget',
  'ResourceQuota',
];

/**
 * Workload facts of one cluster, built from the live objects with the same
 * extraction and linking as repository manifests (`buildWorkloadSet` of
 * `-node`): scalers attach to the workload they target, PDBs to every
 * workload whose pod labels they select, scalers without a target are
 * dangling. Each workload's `location` is the cluster name.
 */
export function buildClusterWorkloads(readout: ClusterReadout): {
  facts: WorkloadSetFacts;
  errors: string[];
} {
  const objects: ManifestObject[] = KIND_ORDER.flatMap(kind =>
    (readout.objects[kind] ?? []).map(value => ({
      value,
      path: readout.cluster,
    })),
  );
  const { facts, errors } = buildWorkloadSet(objects, { origin: LIVE_ORIGIN });
  return {
    facts,
    errors: errors.map(e => `${readout.cluster}: ${e.message}`),
  };
}

function desiredReplicas(obj: KubeObject): number | undefined {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const status = (obj.status ?? {}) as Record<string, unknown>;
  const value =
    typeof spec.replicas === 'number' ? spec.replicas : status.replicas;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : undefined;
}

/**
 * The replica counts observed now: `spec.replicas` (what the autoscaler
 * asked for), else `status.replicas`, of every Deployment and StatefulSet.
 */
export function replicaSamples(
  entityRef: string,
  readout: ClusterReadout,
): ReplicaSample[] {
  const samples: ReplicaSample[] = [];
  for (const kind of ['Deployment', 'StatefulSet', 'Rollout'] as const) {
    for (const obj of readout.objects[kind] ?? []) {
      const meta = (obj.metadata ?? {}) as Record<string, unknown>;
      const replicas = desiredReplicas(obj);
      if (typeof meta.name !== 'string' || replicas === undefined) continue;
      samples.push({
        entityRef,
        cluster: readout.cluster,
        namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
        kind,
        name: meta.name,
        replicas,
      });
    }
  }
  return samples;
}

/**
 * Sets `peakReplicas` of each workload to the peak observed in the window
 * (looked up by {@link workloadKey}); a workload without a recorded peak
 * keeps its current replica count as the peak.
 */
export function applyPeaks(
  cluster: string,
  facts: WorkloadSetFacts,
  peaks: ReadonlyMap<string, number>,
): WorkloadSetFacts {
  return {
    ...facts,
    workloads: facts.workloads.map((w): WorkloadFacts => {
      const observed = [peaks.get(workloadKey(cluster, w)), w.replicas].filter(
        (n): n is number => n !== undefined,
      );
      return observed.length === 0
        ? w
        : { ...w, peakReplicas: Math.max(...observed) };
    }),
  };
}

/** Concatenates per-cluster workload sets (a workload may run in several clusters). */
export function concatWorkloadSets(sets: WorkloadSetFacts[]): WorkloadSetFacts {
  return {
    workloads: sets.flatMap(s => s.workloads),
    danglingScalers: sets.flatMap(s => s.danglingScalers),
    resourceQuotas: sets.flatMap(s => s.resourceQuotas),
  };
}
