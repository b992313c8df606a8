/**
 * Whether autoscalers (HPA / KEDA) and workloads find each other: every
 * workload is targeted, every autoscaler's target exists.
 */
import type { CheckDefinition } from '../types';
import {
  listLabels,
  notApplicable,
  workloadEvidence,
  workloadLabel,
} from './helpers';
import { scalerLabel, workloadGate } from './workloads';

/** `autoscaling.hpa-present` @public */
export const hpaPresentCheck: CheckDefinition = {
  id: 'autoscaling.hpa-present',
  dimension: 'autoscaling',
  title: 'Autoscaler targets every workload',
  description:
    'Reads the workloads section. Passes when every Deployment/StatefulSet is the scale target of a HorizontalPodAutoscaler (autoscaling/v2) or KEDA ScaledObject; fails when one is not.',
  severity: 'high',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const missing = g.workloads.filter(w => w.scalers.length === 0);
    const evidence = g.workloads.map(w =>
      workloadEvidence(g.fact, w, {
        kind: w.kind,
        workload: w.name,
        scalers: w.scalers.map(s => s.name),
      }),
    );
    if (missing.length === 0) {
      return {
        status: 'pass',
        message: `Every workload is autoscaled: ${listLabels(
          g.workloads.map(
            w =>
              `${w.kind}/${w.name} ← ${w.scalers.map(scalerLabel).join(', ')}`,
          ),
        )}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `No HorizontalPodAutoscaler or KEDA ScaledObject targets ${listLabels(
        missing.map(workloadLabel),
      )}: ${missing.length === 1 ? 'it' : 'they'} cannot add pods under load.`,
      evidence,
      remediation: `Add a HorizontalPodAutoscaler (autoscaling/v2) or KEDA ScaledObject whose scaleTargetRef is ${listLabels(
        missing.map(w => `${w.kind}/${w.name}`),
      )}.`,
    };
  },
};

/** `autoscaling.hpa-target-exists` @public */
export const hpaTargetExistsCheck: CheckDefinition = {
  id: 'autoscaling.hpa-target-exists',
  dimension: 'autoscaling',
  title: 'Autoscaler targets an existing workload',
  description:
    'Reads danglingScalers of the workloads section. Fails (critical) when an HPA or ScaledObject names a scale target that does not exist; passes when every autoscaler has its target; not applicable without autoscalers.',
  severity: 'critical',
  evaluate(facts) {
    const g = workloadGate(facts, { allowEmpty: true });
    if (!g.ok) return g.outcome;
    const dangling = g.value.danglingScalers ?? [];
    if (dangling.length > 0) {
      return {
        status: 'fail',
        message: `${listLabels(
          dangling.map(s => `${scalerLabel(s)} targets ${s.target}`),
        )}, which does not exist: nothing is autoscaled by ${
          dangling.length === 1 ? 'it' : 'them'
        }.`,
        evidence: dangling.map(s => ({
          source: g.fact.source,
          location: g.fact.location,
          at: g.fact.collectedAt,
          observed: s,
        })),
        remediation: dangling
          .map(
            s =>
              `Fix scaleTargetRef of ${scalerLabel(
                s,
              )} to name the workload it should scale (now ${
                s.target
              }), or delete it.`,
          )
          .join(' '),
      };
    }
    if (g.workloads.length === 0) {
      const strict = workloadGate(facts);
      return strict.ok ? notApplicable('No workload.') : strict.outcome;
    }
    const scaled = g.workloads.filter(w => w.scalers.length > 0);
    if (scaled.length === 0)
      return notApplicable(
        'No autoscaler targets the workloads (see autoscaling.hpa-present).',
      );
    return {
      status: 'pass',
      message: `Every autoscaler targets an existing workload: ${listLabels(
        scaled.map(
          w => `${w.scalers.map(scalerLabel).join(', ')} → ${w.kind}/${w.name}`,
        ),
      )}.`,
      evidence: scaled.map(w =>
        workloadEvidence(g.fact, w, {
          kind: w.kind,
          workload: w.name,
          scalers: w.scalers.map(s => s.name),
        }),
      ),
    };
  },
};
