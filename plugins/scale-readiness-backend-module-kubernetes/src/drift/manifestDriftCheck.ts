import type {
  CheckDefinition,
  Evidence,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  DriftDifference,
  LiveWorkloadSetFacts,
  WorkloadDrift,
} from './computeDrift';

/** Id of the drift check. @public */
export const MANIFEST_DRIFT_CHECK_ID = 'autoscaling.manifest-drift';

const MAX_LISTED = 5;

function show(value: unknown): string {
  if (value === null || value === undefined) return 'absent';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeDifference(d: DriftDifference): string {
  if (d.field === 'workload') {
    return d.live === null ? 'only in the manifests' : 'only in the cluster';
  }
  return `${d.field} live ${show(d.live)}, manifests ${show(d.manifest)}`;
}

function describeWorkload(w: WorkloadDrift): string {
  const where = w.cluster ? ` in cluster '${w.cluster}'` : '';
  const ns = w.namespace ? ` (namespace ${w.namespace})` : '';
  const shown = w.differences.slice(0, MAX_LISTED).map(describeDifference);
  const more =
    w.differences.length > MAX_LISTED
      ? ` and ${w.differences.length - MAX_LISTED} more`
      : '';
  return `${w.workload}${ns}${where}: ${shown.join('; ')}${more}`;
}

/**
 * `autoscaling.manifest-drift`: warns when what runs in the cluster differs
 * from the component's manifests (replicas pinned without an autoscaler,
 * autoscaler bounds and metrics, PDBs, requests/limits, probes, preStop, grace
 * period, workloads on one side only). The live values are the ones scored by
 * the other checks; this check keeps the disagreement visible. Not applicable
 * unless the workloads were read live and the component also has manifests.
 * @public
 */
export const manifestDriftCheck: CheckDefinition = {
  id: MANIFEST_DRIFT_CHECK_ID,
  dimension: 'autoscaling',
  title: 'Live cluster matches the manifests',
  description:
    "Compares the live workloads read by the Kubernetes source with the workloads of the component's manifests (scale-readiness.io/manifests). Warns on any difference in autoscaler bounds and metrics, PodDisruptionBudgets, requests/limits, probes, preStop hooks, grace period, pinned replicas (only when nothing autoscales), or workloads present on one side only. Passes when they agree; not applicable without both sources. Live values are scored by the other checks.",
  severity: 'medium',
  evaluate(facts) {
    const fact = facts.workloads;
    if (!fact || fact.status !== 'ok' || fact.source !== 'kubernetes') {
      return {
        status: 'not-applicable',
        message:
          'The workloads were not read from a live cluster, so there is nothing to compare the manifests with.',
      };
    }
    const drift = (fact.value as LiveWorkloadSetFacts | undefined)?.drift;
    if (!drift) {
      return {
        status: 'not-applicable',
        message:
          'No manifests are known for this component (scale-readiness.io/manifests), so drift cannot be measured.',
      };
    }
    const manifestEvidence: Evidence = {
      source: 'manifests',
      location: drift.comparedWith,
      at: drift.manifestsCollectedAt,
    };
    if (drift.workloads.length === 0) {
      return {
        status: 'pass',
        message: `The live workloads in ${
          fact.location ?? 'the cluster'
        } match the manifests${
          drift.comparedWith ? ` in ${drift.comparedWith}` : ''
        }.`,
        evidence: [
          {
            source: fact.source,
            location: fact.location,
            at: fact.collectedAt,
          },
          manifestEvidence,
        ],
      };
    }
    const shown = drift.workloads.slice(0, MAX_LISTED).map(describeWorkload);
    const more =
      drift.workloads.length > MAX_LISTED
        ? ` And ${drift.workloads.length - MAX_LISTED} more workloads.`
        : '';
    return {
      status: 'warn',
      message: `The cluster differs from the manifests for ${
        drift.workloads.length
      } workload${drift.workloads.length === 1 ? '' : 's'}: ${shown.join(
        '. ',
      )}.${more} The live values are the ones scored.`,
      evidence: [
        ...drift.workloads.map(w => ({
          source: fact.source,
          location: w.cluster ?? drift.comparedWith,
          at: fact.collectedAt,
          observed: w,
        })),
        manifestEvidence,
      ],
      remediation: `Bring the cluster and the manifests${
        drift.comparedWith ? ` in ${drift.comparedWith}` : ''
      } back in line: sync or re-apply the manifests (GitOps), or commit what runs if the live change was intended.`,
    };
  },
};
