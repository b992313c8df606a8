/**
 * Container-level autoscaling checks (HPA / KEDA on Deployments and StatefulSets).
 */
import type { CheckDefinition, CheckOutcome } from '../types';
import { hpaMaxHeadroomCheck } from './replicaHeadroom';

export { fixedReplicas, hpaMaxHeadroomCheck } from './replicaHeadroom';
export type { FixedReplicas } from './replicaHeadroom';
import {
  listLabels,
  notApplicable,
  workloadEvidence,
  workloadLabel,
} from './helpers';
import {
  maxField,
  minField,
  resourceMetrics,
  scalerBounds,
  scalerLabel,
  workloadGate,
} from './workloads';

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

/** `autoscaling.resource-requests` @public */
export const resourceRequestsCheck: CheckDefinition = {
  id: 'autoscaling.resource-requests',
  dimension: 'autoscaling',
  title: 'CPU and memory requests on every container',
  description:
    'Reads the containers of each workload. Fails when a container has no CPU or memory request; the failure is critical when an autoscaler scales on that resource (utilisation is a percentage of the request, so the HPA cannot scale without it).',
  severity: 'high',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const problems: string[] = [];
    const fixes: string[] = [];
    let critical = false;
    const evidence = [];
    for (const w of g.workloads) {
      const scaledOn = resourceMetrics(w);
      const missingByContainer: string[] = [];
      for (const c of w.containers) {
        const missing = (['cpu', 'memory'] as const).filter(
          r => !c.requests?.[r],
        );
        if (missing.length > 0) {
          missingByContainer.push(c.name);
          const hits = missing.filter(r => scaledOn.has(r));
          if (hits.length > 0) critical = true;
          problems.push(
            `${w.kind}/${w.name} container '${c.name}' has no ${missing.join(
              '/',
            )} request${
              hits.length > 0
                ? ` while its autoscaler scales on ${hits.join('/')}`
                : ''
            }`,
          );
        }
      }
      evidence.push(
        workloadEvidence(g.fact, w, {
          kind: w.kind,
          workload: w.name,
          containers: w.containers,
          scaledOn: scaledOn.size > 0 ? [...scaledOn] : [],
        }),
      );
      if (missingByContainer.length > 0) {
        fixes.push(
          `Set resources.requests.cpu and resources.requests.memory on container${
            missingByContainer.length > 1 ? 's' : ''
          } ${missingByContainer.join(', ')} of ${w.kind}/${w.name}.`,
        );
      }
    }
    if (problems.length === 0) {
      return {
        status: 'pass',
        message: 'Every container sets CPU and memory requests.',
        evidence,
      };
    }
    const outcome: CheckOutcome = {
      status: 'fail',
      message: `${problems.join('; ')}.${
        critical
          ? ' A utilisation target is a percentage of the request: without it the autoscaler cannot compute utilisation and never scales.'
          : ' The scheduler cannot place pods reliably without requests.'
      }`,
      evidence,
      remediation: fixes.join(' '),
    };
    if (critical) outcome.severity = 'critical';
    return outcome;
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

/** Container-level autoscaling checks. @public */
export const CONTAINER_AUTOSCALING_CHECKS: readonly CheckDefinition[] = [
  hpaPresentCheck,
  minReplicasCheck,
  maxAboveMinCheck,
  hpaMaxHeadroomCheck,
  hpaTargetExistsCheck,
  resourceRequestsCheck,
  replicasNotPinnedCheck,
];
