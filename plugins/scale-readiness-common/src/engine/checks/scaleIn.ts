/**
 * Graceful scale-in checks (dimension `autoscaling`, ids `scale-in.*`):
 * PodDisruptionBudgets, termination grace period, preStop hooks, readiness probes.
 */
import type { WorkloadFacts } from '../../facts';
import type { CheckStatus } from '../../results';
import type { CheckDefinition, CheckOutcome } from '../types';
import { listLabels, workloadEvidence, worst } from './helpers';
import { workloadGate } from './workloads';

import {
  pdbAllowsDisruptionCheck,
  pdbPresentCheck,
  pdbVsMinReplicasCheck,
} from './disruptionBudgets';

export {
  allowedDisruptions,
  pdbAllowsDisruptionCheck,
  pdbPresentCheck,
  pdbVsMinReplicasCheck,
} from './disruptionBudgets';

/** `scale-in.grace-period` @public */
export const gracePeriodCheck: CheckDefinition = {
  id: 'scale-in.grace-period',
  dimension: 'autoscaling',
  title: 'Termination grace period long enough',
  description:
    'Reads terminationGracePeriodSeconds of each pod template (unset = the Kubernetes default of 30 s, stated in the message). Fails when below thresholds.minGracePeriodSeconds (default 30).',
  severity: 'medium',
  evaluate(facts, ctx) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const min = ctx.thresholds.minGracePeriodSeconds;
    const parts: string[] = [];
    const short: WorkloadFacts[] = [];
    const evidence = g.workloads.map(w => {
      const t = w.terminationGracePeriodSeconds ?? 30;
      parts.push(
        `${w.kind}/${w.name} ${t} s${
          w.terminationGracePeriodSeconds === undefined
            ? ' (unset: Kubernetes default 30 s)'
            : ''
        }`,
      );
      if (t < min) short.push(w);
      return workloadEvidence(g.fact, w, {
        kind: w.kind,
        workload: w.name,
        terminationGracePeriodSeconds: w.terminationGracePeriodSeconds ?? null,
        effective: t,
      });
    });
    if (short.length === 0) {
      return {
        status: 'pass',
        message: `Grace period ≥ ${min} s: ${listLabels(parts)}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `Grace period below ${min} s: ${listLabels(
        parts,
      )}. Pods are killed before in-flight requests finish.`,
      evidence,
      remediation: `Set terminationGracePeriodSeconds ≥ ${min} on ${listLabels(
        short.map(w => `${w.kind}/${w.name}`),
      )}, longer than the preStop delay plus the longest request.`,
    };
  },
};

/** Per-container boolean check shared by preStop and readiness-probe checks. */
function perContainer(
  facts: Parameters<CheckDefinition['evaluate']>[0],
  has: (c: WorkloadFacts['containers'][number]) => boolean,
  field: string,
  partialStatus: CheckStatus,
  why: string,
  fix: (w: WorkloadFacts, names: string[]) => string,
): CheckOutcome {
  const g = workloadGate(facts);
  if (!g.ok) return g.outcome;
  let status: CheckStatus = 'pass';
  const problems: string[] = [];
  const fixes: string[] = [];
  let containers = 0;
  const missingKey =
    field === 'preStop hook' ? 'withoutPreStopHook' : 'withoutReadinessProbe';
  const evidence = g.workloads.map(w => {
    const without = w.containers.filter(c => !has(c)).map(c => c.name);
    containers += w.containers.length;
    if (without.length > 0) {
      status = worst(
        status,
        without.length === w.containers.length ? 'fail' : partialStatus,
      );
      problems.push(
        `${w.kind}/${w.name} container${
          without.length > 1 ? 's' : ''
        } ${without.join(', ')}`,
      );
      fixes.push(fix(w, without));
    }
    return workloadEvidence(g.fact, w, {
      kind: w.kind,
      workload: w.name,
      containers: w.containers.length,
      [missingKey]: without,
    });
  });
  if (containers === 0) {
    return {
      status: 'unknown',
      message: 'The pod templates list no containers.',
      evidence,
      remediation:
        'Check that the manifests or live source expose the pod template.',
    };
  }
  if (status === 'pass')
    return { status, message: `Every container has a ${field}.`, evidence };
  return {
    status,
    message: `No ${field} on ${problems.join('; ')}. ${why}`,
    evidence,
    remediation: fixes.join(' '),
  };
}

/** `scale-in.prestop-hook` @public */
export const preStopHookCheck: CheckDefinition = {
  id: 'scale-in.prestop-hook',
  dimension: 'autoscaling',
  title: 'preStop hook lets endpoints drain',
  description:
    'Reads lifecycle.preStop of every container. Passes when all have one, warns when only some containers of a workload do, fails when a workload has none.',
  severity: 'medium',
  evaluate(facts) {
    return perContainer(
      facts,
      c => c.hasPreStopHook,
      'preStop hook',
      'warn',
      'Without a short preStop delay, pods stop while load balancers still route to them (errors on every scale-in).',
      (w, names) =>
        `Add lifecycle.preStop (e.g. exec sleep 5–10 s) to ${names.join(
          ', ',
        )} in ${w.kind}/${w.name}, shorter than terminationGracePeriodSeconds.`,
    );
  },
};

/** `scale-in.readiness-probe` @public */
export const readinessProbeCheck: CheckDefinition = {
  id: 'scale-in.readiness-probe',
  dimension: 'autoscaling',
  title: 'Readiness probe on every container',
  description:
    'Reads readinessProbe of every container. Fails when a container has none.',
  severity: 'high',
  evaluate(facts) {
    return perContainer(
      facts,
      c => c.hasReadinessProbe,
      'readiness probe',
      'fail',
      'New pods get traffic before they can serve it, and stopping pods are not removed from endpoints.',
      (w, names) =>
        `Add a readinessProbe to ${names.join(', ')} in ${w.kind}/${w.name}.`,
    );
  },
};

/** Graceful scale-in checks. @public */
export const SCALE_IN_CHECKS: readonly CheckDefinition[] = [
  pdbPresentCheck,
  pdbAllowsDisruptionCheck,
  pdbVsMinReplicasCheck,
  gracePeriodCheck,
  preStopHookCheck,
  readinessProbeCheck,
];
