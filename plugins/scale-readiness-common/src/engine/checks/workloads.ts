/**
 * Workload helpers shared by the container-autoscaling and scale-in checks.
 */
import type {
  EntityFacts,
  Fact,
  ScalerFacts,
  WorkloadFacts,
  WorkloadSetFacts,
} from '../../facts';
import type { CheckOutcome } from '../types';
import { describeEntity, gate, notApplicable, profileOf } from './helpers';

/** Workload facts ready for a check, or the outcome to return instead. */
export type WorkloadGate =
  | {
      ok: true;
      fact: Fact<WorkloadSetFacts>;
      value: WorkloadSetFacts;
      workloads: WorkloadFacts[];
    }
  | { ok: false; outcome: CheckOutcome };

/**
 * Gates the `workloads` section for container checks.
 * - `error` → unknown.
 * - missing / not-configured → unknown for a runtime Component (it must run
 *   somewhere), not-applicable for other kinds, non-runtime and serverless types.
 * - present with no Deployment/StatefulSet → unknown for a runtime Component,
 *   not-applicable otherwise (unless `allowEmpty`).
 */
export function workloadGate(
  facts: EntityFacts,
  options: { allowEmpty?: boolean } = {},
): WorkloadGate {
  const profile = profileOf(facts);
  const reason = profile.expectsWorkloads
    ? `a ${describeEntity(facts)} must run somewhere`
    : false;
  const g = gate<WorkloadSetFacts>(facts, 'workloads', reason);
  if (!g.ok) return g;
  const workloads = g.value.workloads ?? [];
  if (workloads.length === 0 && !options.allowEmpty) {
    if (!profile.expectsWorkloads) {
      return {
        ok: false,
        outcome: notApplicable(
          `No Deployment or StatefulSet for this ${describeEntity(
            facts,
          )}: not applicable.`,
        ),
      };
    }
    return {
      ok: false,
      outcome: {
        status: 'unknown',
        message: `No Deployment or StatefulSet was found${
          g.fact.location ? ` in ${g.fact.location}` : ''
        } for this ${describeEntity(facts)}.`,
        evidence: [
          {
            source: g.fact.source,
            location: g.fact.location,
            at: g.fact.collectedAt,
            observed: { workloads: 0 },
          },
        ],
        remediation:
          "Point 'scale-readiness.io/manifests' at the folder holding the Deployment/StatefulSet, or check the 'backstage.io/kubernetes-id' label on the live objects.",
      },
    };
  }
  return { ok: true, fact: g.fact, value: g.value, workloads };
}

/** Effective min/max replicas of a scaler, with the Kubernetes/KEDA defaults applied. */
export interface ScalerBounds {
  min: number;
  /** undefined when an HPA has no maxReplicas (invalid object). */
  max: number | undefined;
  /** Text noting which defaults were applied. */
  defaults: string[];
}

/** HPA minReplicas defaults to 1; KEDA minReplicaCount to 0 and maxReplicaCount to 100. */
export function scalerBounds(s: ScalerFacts): ScalerBounds {
  const defaults: string[] = [];
  const isKeda = s.kind === 'ScaledObject';
  let min = s.minReplicas;
  if (min === undefined) {
    min = isKeda ? 0 : 1;
    defaults.push(
      `${
        isKeda ? 'minReplicaCount' : 'minReplicas'
      } unset (defaults to ${min})`,
    );
  }
  let max = s.maxReplicas;
  if (max === undefined && isKeda) {
    max = 100;
    defaults.push('maxReplicaCount unset (defaults to 100)');
  }
  return { min, max, defaults };
}

/** `HorizontalPodAutoscaler/api`. */
export function scalerLabel(s: ScalerFacts): string {
  return `${s.kind}/${s.name}`;
}

/**
 * The replica count a workload runs with at its lowest: the smallest scaler
 * minimum when it has scalers, else `spec.replicas` (Kubernetes default 1).
 */
export function lowestReplicas(w: WorkloadFacts): number {
  if (w.scalers.length > 0)
    return Math.min(...w.scalers.map(s => scalerBounds(s).min));
  return w.replicas ?? 1;
}

/** `name of HorizontalPodAutoscaler` for a field, KEDA naming aware. */
export function minField(s: ScalerFacts): string {
  return s.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas';
}

/** `maxReplicas` / `maxReplicaCount`. */
export function maxField(s: ScalerFacts): string {
  return s.kind === 'ScaledObject' ? 'maxReplicaCount' : 'maxReplicas';
}

/**
 * Resource names (cpu, memory) an autoscaler scales on: `Resource/cpu`,
 * `ContainerResource/memory`, or KEDA `cpu` / `memory` triggers.
 */
export function resourceMetrics(w: WorkloadFacts): Set<string> {
  const out = new Set<string>();
  for (const s of w.scalers) {
    for (const m of s.metrics) {
      const [type, name] = m.toLowerCase().split('/');
      if ((type === 'resource' || type === 'containerresource') && name)
        out.add(name);
      else if (type === 'cpu' || type === 'memory') out.add(type);
    }
  }
  return out;
}
