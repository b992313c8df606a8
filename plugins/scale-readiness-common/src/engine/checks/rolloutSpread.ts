/**
 * Rollout safety and zone spread (dimension `autoscaling`): how much capacity
 * a release takes out, and whether the replicas survive the loss of a zone.
 */
import type { WorkloadFacts } from '../../facts';
import type { CheckStatus, Evidence } from '../../results';
import type { CheckDefinition, CheckOutcome } from '../types';
import { listLabels, workloadEvidence, workloadLabel, worst } from './helpers';
import { lowestReplicas, scalerBounds, workloadGate } from './workloads';

/** Topology keys that spread pods over zones. @public */
export const ZONE_TOPOLOGY_KEYS: readonly string[] = [
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
];

/** Share of the replicas a release may take out before it warns. */
const MAX_UNAVAILABLE_SHARE = 0.25;

/** Resolves `n` or `"n%"` against `replicas`, rounding down (maxUnavailable). */
function resolveDown(
  value: number | string | undefined,
  replicas: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value.trim());
  if (m) return Math.floor((Number(m[1]) * replicas) / 100 + 1e-9);
  return /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

interface Verdict {
  status: CheckStatus;
  text: string;
  fix?: string;
}

function judgeRollout(w: WorkloadFacts): Verdict {
  const s = w.strategy!;
  const label = workloadLabel(w);
  const lowest = lowestReplicas(w);
  if (s.type === 'canary') {
    return (s.steps ?? 0) > 0
      ? {
          status: 'pass',
          text: `${label}: Argo Rollouts canary in ${s.steps} steps`,
        }
      : {
          status: 'warn',
          text: `${label}: Argo Rollouts canary without steps (all traffic moves at once)`,
          fix: `Add spec.strategy.canary.steps to Rollout/${w.name} (e.g. setWeight 10 → pause → 50 → pause) so a bad version meets a fraction of the traffic.`,
        };
  }
  if (s.type === 'blueGreen')
    return { status: 'pass', text: `${label}: Argo Rollouts blue-green` };
  if (s.type === 'flagger') {
    return (s.steps ?? 0) > 0
      ? {
          status: 'pass',
          text: `${label}: Flagger canary (${s.definedBy}) in ${s.steps} steps`,
        }
      : {
          status: 'warn',
          text: `${label}: Flagger canary (${s.definedBy}) without analysis steps`,
          fix: `Set spec.analysis.stepWeight/maxWeight (or iterations) on ${s.definedBy}.`,
        };
  }
  if (s.type === 'Recreate') {
    return {
      status: 'fail',
      text: `${label}: strategy Recreate stops all ${lowest} pods before the new ones start (downtime on every release)`,
      fix: `Use strategy RollingUpdate with maxUnavailable 0 and maxSurge 25% on ${w.kind}/${w.name}.`,
    };
  }
  if (s.type === 'OnDelete') {
    return {
      status: 'warn',
      text: `${label}: updateStrategy OnDelete (a new version rolls out only as pods are deleted by hand)`,
      fix: `Use updateStrategy RollingUpdate on ${w.kind}/${w.name}.`,
    };
  }
  if (s.type !== 'RollingUpdate') {
    return {
      status: 'warn',
      text: `${label}: rollout strategy '${s.type}' is not understood`,
      fix: `Use RollingUpdate (maxUnavailable 0) or a canary on ${w.kind}/${w.name}.`,
    };
  }
  const down = resolveDown(s.maxUnavailable, lowest);
  const detail = `maxUnavailable ${s.maxUnavailable ?? 'unset'}${
    s.maxSurge !== undefined ? `, maxSurge ${s.maxSurge}` : ''
  } at ${lowest} replica${lowest === 1 ? '' : 's'}`;
  if (down === undefined) {
    return {
      status: 'warn',
      text: `${label}: ${detail} cannot be resolved`,
      fix: `Write maxUnavailable as an integer or a percentage on ${w.kind}/${w.name}.`,
    };
  }
  const fix = `Set maxUnavailable to 0 (with maxSurge ≥ 1) on ${w.kind}/${
    w.name
  }, or at most ${Math.floor(
    lowest * MAX_UNAVAILABLE_SHARE,
  )} of ${lowest} pods, so a release never takes more than ${
    MAX_UNAVAILABLE_SHARE * 100
  } % of the capacity out.`;
  if (down >= lowest) {
    return {
      status: 'fail',
      text: `${label}: ${detail} lets a release stop all ${lowest} pods at once`,
      fix,
    };
  }
  if (down / lowest > MAX_UNAVAILABLE_SHARE + 1e-9) {
    return {
      status: 'warn',
      text: `${label}: ${detail} takes ${down} of ${lowest} pods (${Math.round(
        (down / lowest) * 100,
      )} %) out during a release`,
      fix,
    };
  }
  return {
    status: 'pass',
    text: `${label}: ${detail} (${down} of ${lowest} pods out at most)`,
  };
}

/** `autoscaling.rollout-safety` @public */
export const rolloutSafetyCheck: CheckDefinition = {
  id: 'autoscaling.rollout-safety',
  dimension: 'autoscaling',
  title: 'Releases keep capacity up',
  description:
    'Reads the rollout strategy of each workload: Deployment strategy (RollingUpdate maxUnavailable / maxSurge, defaults 25 %; Recreate), StatefulSet updateStrategy, Argo Rollouts canary steps or blue-green, a Flagger Canary targeting the workload. maxUnavailable is resolved (rounded down) at the lowest replica count. Fails on Recreate or when a release may stop every pod; warns when it may stop more than 25 % of them, on a canary without steps, or OnDelete; passes otherwise.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    return judgeAll(
      g.fact,
      g.workloads,
      w => w.strategy !== undefined,
      judgeRollout,
      {
        pass: 'Releases keep capacity up',
        problem: 'A release takes capacity out',
        unknownFix:
          'Re-read the manifests: the rollout strategy was not collected for these workloads.',
      },
    );
  },
};

function replicasAtMost(w: WorkloadFacts): number {
  const max = Math.max(
    w.replicas ?? 1,
    ...w.scalers.map(s => scalerBounds(s).max ?? 1),
  );
  return max;
}

function judgeSpread(w: WorkloadFacts): Verdict {
  const label = workloadLabel(w);
  const keys = w.spreadKeys ?? [];
  const most = replicasAtMost(w);
  const zone = keys.find(k => ZONE_TOPOLOGY_KEYS.includes(k));
  if (most <= 1)
    return { status: 'not-applicable', text: `${label}: 1 replica` };
  if (zone) return { status: 'pass', text: `${label}: spread over ${zone}` };
  const fix = `Add to the pod template of ${w.kind}/${w.name}: topologySpreadConstraints [{ maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: <pod labels> } }].`;
  if (keys.length > 0) {
    return {
      status: 'warn',
      text: `${label}: up to ${most} replicas spread over ${keys.join(
        ', ',
      )} only, not over zones`,
      fix,
    };
  }
  return {
    status: 'warn',
    text: `${label}: up to ${most} replicas with no topology spread or anti-affinity (one zone can hold them all)`,
    fix,
  };
}

/** `autoscaling.zone-spread` @public */
export const zoneSpreadCheck: CheckDefinition = {
  id: 'autoscaling.zone-spread',
  dimension: 'autoscaling',
  title: 'Replicas spread across zones',
  description:
    'Reads topologySpreadConstraints and pod anti-affinity (required or preferred) topology keys of each workload that runs more than one replica (spec.replicas or the autoscaler maximum). Passes when the pods are spread over topology.kubernetes.io/zone; warns when they are spread over other keys only (e.g. kubernetes.io/hostname) or not at all; not applicable for single-replica workloads.',
  severity: 'low',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    return judgeAll(g.fact, g.workloads, () => true, judgeSpread, {
      pass: 'Replicas survive the loss of a zone',
      problem: 'Replicas may all sit in one zone',
      unknownFix: '',
    });
  },
};

/** Judges every workload; the worst verdict wins; n/a when all are n/a. */
export function judgeAll(
  fact: Parameters<typeof workloadEvidence>[0],
  workloads: WorkloadFacts[],
  known: (w: WorkloadFacts) => boolean,
  judge: (w: WorkloadFacts) => Verdict,
  text: { pass: string; problem: string; unknownFix: string },
): CheckOutcome {
  let status: CheckStatus | undefined;
  const parts: string[] = [];
  const problems: string[] = [];
  const fixes: string[] = [];
  const unknown: string[] = [];
  const evidence: Evidence[] = [];
  for (const w of workloads) {
    if (!known(w)) {
      unknown.push(workloadLabel(w));
      continue;
    }
    const v = judge(w);
    evidence.push(
      workloadEvidence(fact, w, {
        workload: w.name,
        kind: w.kind,
        verdict: v.status,
        detail: v.text,
      }),
    );
    if (v.status === 'not-applicable') continue;
    status = status ? worst(status, v.status) : v.status;
    parts.push(v.text);
    if (v.status !== 'pass') problems.push(v.text);
    if (v.fix) fixes.push(v.fix);
  }
  if (unknown.length > 0 && (status === undefined || status === 'pass')) {
    return {
      status: 'unknown',
      message: `Not known for ${listLabels(unknown)}.`,
      evidence,
      remediation: text.unknownFix,
    };
  }
  if (status === undefined) {
    return {
      status: 'not-applicable',
      message: `Nothing to judge: ${listLabels(
        evidence.map(e => String((e.observed as { detail: string }).detail)),
      )}.`,
    };
  }
  if (status === 'pass') {
    return { status, message: `${text.pass}: ${listLabels(parts)}.`, evidence };
  }
  return {
    status,
    message: `${text.problem}: ${listLabels(problems)}.`,
    evidence,
    remediation: fixes.join(' '),
  };
}
