/**
 * Scale-in behaviour (dimension `autoscaling`, ids `scale-in.*`): how fast
 * autoscalers remove pods, whether pods let nodes be scaled in, and whether
 * a worker can drain within its termination grace period.
 */
import type { ScalerFacts, WorkloadFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import { judgeAll } from './rolloutSpread';
import { factEvidence, workloadLabel, worst } from './helpers';
import { scalerBounds, workloadGate } from './workloads';

/** Kubernetes default scale-down stabilisation window (seconds). */
const DEFAULT_WINDOW = 300;
/** Below this window, a scale-down that may remove half the pods fails. */
const MIN_WINDOW = 60;

/** Largest share of the pods one scale-down period may remove (1 = all). */
function largestDrop(s: ScalerFacts): number {
  const policies = s.scaleDown?.policies ?? [];
  if (policies.length === 0) return 1; // default: 100 % per 15 s
  const max = scalerBounds(s).max ?? 1;
  const shares = policies.map(p =>
    p.type === 'Percent' ? p.value / 100 : p.value / Math.max(1, max),
  );
  // selectPolicy Max (default) takes the largest change, Min the smallest.
  return s.scaleDown?.selectPolicy === 'Min'
    ? Math.min(...shares)
    : Math.max(...shares);
}

function judgeScaleDown(w: WorkloadFacts) {
  const label = workloadLabel(w);
  const hpas = w.scalers.filter(s => s.kind === 'HorizontalPodAutoscaler');
  const verdicts = hpas.map(s => {
    const name = `HorizontalPodAutoscaler/${s.name}`;
    if (s.scaleDown?.selectPolicy === 'Disabled') {
      return {
        status: 'pass' as const,
        text: `${label}: ${name} never scales down (selectPolicy Disabled)`,
      };
    }
    const window = s.scaleDown?.stabilizationWindowSeconds ?? DEFAULT_WINDOW;
    const drop = Math.min(1, largestDrop(s));
    const detail = `${name} stabilisation ${window} s${
      s.scaleDown?.stabilizationWindowSeconds === undefined ? ' (default)' : ''
    }, up to ${Math.round(drop * 100)} % of pods per period`;
    const fix = `Set spec.behavior.scaleDown on ${name}: stabilizationWindowSeconds ≥ ${DEFAULT_WINDOW} and a policy such as { type: Percent, value: 10, periodSeconds: 60 }, so a dip between two peaks does not remove the pods the next peak needs.`;
    if (window < MIN_WINDOW && drop >= 0.5) {
      return {
        status: 'fail' as const,
        text: `${label}: ${detail}: one quiet minute removes half the capacity or more`,
        fix,
      };
    }
    if (window < MIN_WINDOW) {
      return {
        status: 'warn' as const,
        text: `${label}: ${detail}: a window under ${MIN_WINDOW} s flaps`,
        fix,
      };
    }
    return { status: 'pass' as const, text: `${label}: ${detail}` };
  });
  if (verdicts.length === 0)
    return {
      status: 'not-applicable' as const,
      text: `${label}: no HorizontalPodAutoscaler`,
    };
  const rank = { pass: 0, warn: 1, fail: 2 };
  return verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a));
}

/** `scale-in.scale-down-behaviour` @public */
export const scaleDownBehaviourCheck: CheckDefinition = {
  id: 'scale-in.scale-down-behaviour',
  dimension: 'autoscaling',
  title: 'Autoscalers scale down gently',
  description:
    'Reads spec.behavior.scaleDown of each HorizontalPodAutoscaler (unset: the Kubernetes defaults, a 300 s stabilisation window and up to 100 % of the pods per 15 s). Fails when the stabilisation window is under 60 s and one period may remove half the pods or more; warns on a window under 60 s; passes otherwise (selectPolicy Disabled passes); not applicable without HPAs.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    return judgeAll(g.fact, g.workloads, () => true, judgeScaleDown, {
      pass: 'Scale-down is damped',
      problem: 'Scale-down removes capacity too fast',
      unknownFix: '',
    });
  },
};

function judgeNodeScaleIn(w: WorkloadFacts) {
  const label = workloadLabel(w);
  const blockers = w.evictionBlockers ?? [];
  if (blockers.length === 0)
    return {
      status: 'pass' as const,
      text: `${label}: pods can be moved off a node`,
    };
  return {
    status: 'warn' as const,
    text: `${label}: pod annotation ${blockers.join(
      ', ',
    )} keeps every node running one of its pods from being scaled in or consolidated`,
    fix: `Remove ${blockers
      .map(b => b.split('=')[0])
      .join(', ')} from the pod template of ${w.kind}/${
      w.name
    }; protect the pods with a PodDisruptionBudget instead.`,
  };
}

/** `scale-in.node-scale-in` @public */
export const nodeScaleInCheck: CheckDefinition = {
  id: 'scale-in.node-scale-in',
  dimension: 'autoscaling',
  title: 'Pods let nodes scale in',
  description:
    'Reads the pod-template annotations cluster-autoscaler.kubernetes.io/safe-to-evict: "false" and karpenter.sh/do-not-disrupt (or do-not-evict): "true". Warns when a workload carries one: the nodes its pods run on are never scaled in or consolidated after a peak. Passes otherwise.',
  severity: 'low',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const outcome = judgeAll(
      g.fact,
      g.workloads,
      () => true,
      judgeNodeScaleIn,
      {
        pass: 'Nodes can be scaled in',
        problem: 'Nodes cannot be scaled in',
        unknownFix: '',
      },
    );
    const capacity = facts.nodeCapacity;
    const blocked =
      capacity?.status === 'ok'
        ? (capacity.value?.clusters ?? []).flatMap(c =>
            (c.nodePools ?? [])
              .filter(p => p.scaleInBlocked)
              .map(p => ({ cluster: c.name, pool: p })),
          )
        : [];
    if (blocked.length === 0) return outcome;
    const text = blocked
      .map(
        b =>
          `NodePool ${b.pool.name} in cluster '${b.cluster}': ${b.pool.scaleInBlocked}`,
      )
      .join('; ');
    return {
      status: worst(
        outcome.status === 'not-applicable' ? 'pass' : outcome.status,
        'warn',
      ),
      message: `${
        outcome.status === 'pass' || outcome.status === 'not-applicable'
          ? 'Nodes cannot be scaled in'
          : outcome.message.replace(/\.$/, '')
      }: ${text}: Karpenter never removes or consolidates its nodes after a peak.`,
      evidence: [
        ...(outcome.evidence ?? []),
        factEvidence(capacity!, { blockedNodePools: blocked }),
      ],
      remediation: `${
        outcome.remediation ? `${outcome.remediation} ` : ''
      }Give spec.disruption.budgets of ${blocked
        .map(b => `NodePool ${b.pool.name}`)
        .join(
          ', ',
        )} a non-zero nodes value (e.g. '10%'), or restrict the '0' budget to a schedule (business hours).`,
    };
  },
};

function isQueueWorker(w: WorkloadFacts): boolean {
  return w.scalers.some(
    s =>
      s.kind === 'ScaledObject' &&
      s.metrics.some(m => m.startsWith('External/')),
  );
}

function judgeDrain(w: WorkloadFacts) {
  const label = workloadLabel(w);
  const grace = w.terminationGracePeriodSeconds ?? 30;
  const graceText = `terminationGracePeriodSeconds ${grace} s${
    w.terminationGracePeriodSeconds === undefined ? ' (default)' : ''
  }`;
  if (w.drainSeconds === undefined) {
    return isQueueWorker(w)
      ? {
          status: 'unknown' as const,
          text: `${label}: a queue worker (KEDA on an external queue metric) with no declared drain time (${graceText})`,
          fix: `Measure how long ${w.kind}/${w.name} needs to finish in-flight messages after SIGTERM and declare it with the annotation 'scale-readiness.io/drain-seconds'.`,
        }
      : {
          status: 'not-applicable' as const,
          text: `${label}: no drain time declared`,
        };
  }
  if (w.drainSeconds > grace) {
    return {
      status: 'fail' as const,
      text: `${label}: drains in ${w.drainSeconds} s but is killed after ${graceText}: in-flight work is lost on every scale-in`,
      fix: `Raise terminationGracePeriodSeconds of ${w.kind}/${w.name} to ≥ ${
        w.drainSeconds + 10
      } (drain ${
        w.drainSeconds
      } s + 10 s), or make the worker stop taking work sooner.`,
    };
  }
  return {
    status: 'pass' as const,
    text: `${label}: drains in ${w.drainSeconds} s within ${graceText}`,
  };
}

/** `scale-in.drain-time` @public */
export const drainTimeCheck: CheckDefinition = {
  id: 'scale-in.drain-time',
  dimension: 'autoscaling',
  title: 'Workers drain within the grace period',
  description:
    "Reads the drain time declared with 'scale-readiness.io/drain-seconds' (on the workload or its pod template) against terminationGracePeriodSeconds (unset = 30 s). Fails when the drain takes longer; passes when it fits; unknown for a queue worker (KEDA ScaledObject on an external metric) that declares none; not applicable otherwise.",
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const judged = g.workloads.map(w => ({ w, v: judgeDrain(w) }));
    const unknown = judged.filter(j => j.v.status === 'unknown');
    if (unknown.length > 0 && !judged.some(j => j.v.status === 'fail')) {
      return {
        status: 'unknown',
        message: `Drain time unknown: ${unknown
          .map(j => j.v.text)
          .join('; ')}.`,
        remediation: unknown.map(j => j.v.fix).join(' '),
      };
    }
    return judgeAll(
      g.fact,
      g.workloads.filter(w => judgeDrain(w).status !== 'unknown'),
      () => true,
      judgeDrain,
      {
        pass: 'Workers finish in-flight work before they are killed',
        problem: 'Workers are killed mid-work',
        unknownFix: '',
      },
    );
  },
};

/** Scale-in behaviour checks. @public */
export const SCALE_IN_BEHAVIOUR_CHECKS: readonly CheckDefinition[] = [
  scaleDownBehaviourCheck,
  nodeScaleInCheck,
  drainTimeCheck,
];
