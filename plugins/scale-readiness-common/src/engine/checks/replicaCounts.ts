/**
 * Replica counts of Deployments and StatefulSets: the minimum kept, room
 * between an autoscaler's minimum and maximum, and `spec.replicas` left to
 * the autoscaler.
 */
import type { CheckDefinition } from '../types';
import {
  listLabels,
  notApplicable,
  workloadEvidence,
  workloadLabel,
} from './helpers';
import {
  maxField,
  minField,
  scalerBounds,
  scalerLabel,
  workloadGate,
} from './workloads';

/** `autoscaling.min-replicas` @public */
export const minReplicasCheck: CheckDefinition = {
  id: 'autoscaling.min-replicas',
  dimension: 'autoscaling',
  title: 'At least the minimum number of replicas',
  description:
    'Reads the workloads section. Each autoscaler minReplicas (HPA default 1, KEDA minReplicaCount default 0), or spec.replicas (default 1) of a workload without autoscaler, must be ≥ thresholds.minReplicas (default 2); otherwise fail.',
  severity: 'high',
  evaluate(facts, ctx) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const min = ctx.thresholds.minReplicas;
    const problems: string[] = [];
    const fixes: string[] = [];
    const evidence = [];
    for (const w of g.workloads) {
      if (w.scalers.length > 0) {
        for (const s of w.scalers) {
          const b = scalerBounds(s);
          evidence.push(
            workloadEvidence(g.fact, w, {
              kind: s.kind,
              scaler: s.name,
              minReplicas: s.minReplicas ?? null,
              effective: b.min,
            }),
          );
          if (b.min < min) {
            problems.push(
              `${scalerLabel(s)} has ${minField(s)} ${b.min}${
                b.defaults.length ? ` (${b.defaults.join(', ')})` : ''
              }`,
            );
            fixes.push(`Set ${minField(s)} of ${scalerLabel(s)} to ≥ ${min}.`);
          }
        }
      } else {
        const replicas = w.replicas ?? 1;
        evidence.push(
          workloadEvidence(g.fact, w, {
            kind: w.kind,
            workload: w.name,
            replicas: w.replicas ?? null,
            effective: replicas,
          }),
        );
        if (replicas < min) {
          problems.push(
            `${workloadLabel(
              w,
            )} has no autoscaler and runs ${replicas} replica${
              replicas === 1 ? '' : 's'
            }${
              w.replicas === undefined
                ? ' (spec.replicas unset, Kubernetes default 1)'
                : ''
            }`,
          );
          fixes.push(
            `Add an autoscaler for ${w.kind}/${w.name} with minReplicas ≥ ${min} (or set spec.replicas ≥ ${min}).`,
          );
        }
      }
    }
    if (problems.length === 0) {
      return {
        status: 'pass',
        message: `Every workload keeps at least ${min} replicas.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `Fewer than ${min} replicas: ${problems.join(
        '; ',
      )}. A single pod is a single point of failure and drains take the service down.`,
      evidence,
      remediation: fixes.join(' '),
    };
  },
};

/** `autoscaling.max-above-min` @public */
export const maxAboveMinCheck: CheckDefinition = {
  id: 'autoscaling.max-above-min',
  dimension: 'autoscaling',
  title: 'Autoscaler can actually scale (max > min)',
  description:
    'Reads the autoscalers of the workloads. Fails when maxReplicas ≤ minReplicas (the autoscaler can never add a pod); unknown when an HPA has no maxReplicas; not applicable without autoscalers.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const pairs = g.workloads.flatMap(w =>
      w.scalers.map(s => ({ w, s, b: scalerBounds(s) })),
    );
    if (pairs.length === 0)
      return notApplicable(
        'No autoscaler targets the workloads (see autoscaling.hpa-present).',
      );
    const evidence = pairs.map(({ w, s, b }) =>
      workloadEvidence(g.fact, w, {
        kind: s.kind,
        scaler: s.name,
        min: b.min,
        max: b.max ?? null,
      }),
    );
    const unknown = pairs.filter(p => p.b.max === undefined);
    const bad = pairs.filter(p => p.b.max !== undefined && p.b.max <= p.b.min);
    if (bad.length > 0) {
      return {
        status: 'fail',
        message: `${listLabels(
          bad.map(p => `${scalerLabel(p.s)} (min ${p.b.min}, max ${p.b.max})`),
        )}: maximum not above minimum, so it never adds a pod.`,
        evidence,
        remediation: bad
          .map(
            p =>
              `Raise ${maxField(p.s)} of ${scalerLabel(p.s)} above ${p.b.min}.`,
          )
          .join(' '),
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'unknown',
        message: `${listLabels(
          unknown.map(p => scalerLabel(p.s)),
        )} has no maxReplicas in the collected facts.`,
        evidence,
        remediation:
          'Set maxReplicas on the HorizontalPodAutoscaler (it is a required field of autoscaling/v2).',
      };
    }
    return {
      status: 'pass',
      message: `Every autoscaler can scale out: ${listLabels(
        pairs.map(p => `${scalerLabel(p.s)} ${p.b.min}→${p.b.max}`),
      )}.`,
      evidence,
    };
  },
};

/** `autoscaling.replicas-not-pinned` @public */
export const replicasNotPinnedCheck: CheckDefinition = {
  id: 'autoscaling.replicas-not-pinned',
  dimension: 'autoscaling',
  title: 'Autoscaled Deployment does not pin spec.replicas',
  description:
    'Reads Deployments from manifests that an autoscaler targets. Warns when the manifest sets spec.replicas (every apply resets the count chosen by the autoscaler). Live objects always carry spec.replicas and are skipped; not applicable without an autoscaled Deployment from manifests.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const relevant = g.workloads.filter(
      w =>
        w.kind === 'Deployment' &&
        w.scalers.length > 0 &&
        w.origin !== 'kubernetes',
    );
    if (relevant.length === 0) {
      return notApplicable(
        'No autoscaled Deployment read from manifests (live objects always carry spec.replicas).',
      );
    }
    const evidence = relevant.map(w =>
      workloadEvidence(g.fact, w, {
        kind: w.kind,
        workload: w.name,
        replicas: w.replicas ?? null,
      }),
    );
    const pinned = relevant.filter(w => w.replicas !== undefined);
    if (pinned.length === 0) {
      return {
        status: 'pass',
        message: `spec.replicas is left to the autoscaler on ${listLabels(
          relevant.map(workloadLabel),
        )}.`,
        evidence,
      };
    }
    return {
      status: 'warn',
      message: `${listLabels(
        pinned.map(
          w => `${workloadLabel(w)} sets spec.replicas: ${w.replicas}`,
        ),
      )} while ${
        pinned.length === 1
          ? 'an autoscaler manages it'
          : 'autoscalers manage them'
      }: every apply resets the replica count, possibly scaling down during a peak.`,
      evidence,
      remediation: `Remove spec.replicas from the manifest of ${listLabels(
        pinned.map(w => `${w.kind}/${w.name}`),
      )}; the autoscaler owns the replica count.`,
    };
  },
};
