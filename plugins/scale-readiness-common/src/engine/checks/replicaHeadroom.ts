/**
 * `autoscaling.hpa-max-headroom`: how far the replica count can grow, and the
 * workloads that cannot add pods at all (a chain break at any factor above 1).
 */
import type { Fact, WorkloadFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import {
  capacityOutcome,
  CapacityItem,
  fmt,
  ratio,
  workloadEvidence,
  workloadLabel,
} from './helpers';
import { maxField, scalerBounds, scalerLabel, workloadGate } from './workloads';

const PEAK_FIX =
  "Record the peak replica count: set 'scale-readiness.io/peak-replicas' on the component, or configure the live Kubernetes source.";

/** Why a workload cannot add pods: no autoscaler, or every autoscaler has max ≤ min. @public */
export interface FixedReplicas {
  replicas: number;
  reason: string;
}

/**
 * A workload that cannot add pods whatever the load: it has no autoscaler
 * (fixed at `spec.replicas`, default 1), or every autoscaler's maximum is not
 * above its minimum. Undefined when some autoscaler can scale out (or has no
 * maxReplicas, which is reported as unknown).
 * @public
 */
export function fixedReplicas(w: WorkloadFacts): FixedReplicas | undefined {
  if (w.scalers.length === 0) {
    const replicas = w.replicas ?? 1;
    return {
      replicas,
      reason: `no autoscaler, fixed at ${replicas} replica${
        replicas === 1 ? '' : 's'
      }`,
    };
  }
  const bounds = w.scalers.map(s => ({ s, b: scalerBounds(s) }));
  if (bounds.some(x => x.b.max === undefined || x.b.max > x.b.min))
    return undefined;
  const top = bounds.reduce((a, b) =>
    (b.b.max as number) > (a.b.max as number) ? b : a,
  );
  return {
    replicas: top.b.max as number,
    reason: `${scalerLabel(top.s)} has min = max = ${top.b.max}`,
  };
}

/**
 * A workload that cannot add pods survives today's load and nothing more: its
 * headroom is 1× whether or not its peak is known, so it breaks a request
 * chain at any growth factor above 1 (and is named as the weakest link).
 */
function fixedItem(
  fact: Fact<unknown>,
  w: WorkloadFacts,
  fixed: FixedReplicas,
): CapacityItem {
  return {
    label: workloadLabel(w),
    headroom: 1,
    detail: `${fixed.reason}: it cannot add pods, so it breaks at any growth above 1×`,
    evidence: workloadEvidence(fact, w, {
      kind: w.kind,
      workload: w.name,
      replicas: fixed.replicas,
      autoscalers: w.scalers.map(scalerLabel),
      peakReplicas: w.peakReplicas ?? null,
    }),
    fix: (factor: number) => {
      const base = Math.max(fixed.replicas, w.peakReplicas ?? 0);
      const target = Math.ceil(base * factor - 1e-9);
      return w.scalers.length === 0
        ? `Add a HorizontalPodAutoscaler (or KEDA ScaledObject) for ${w.kind}/${
            w.name
          } with maxReplicas ≥ ${target} (${base} replicas × ${fmt(
            factor,
          )}), and remove spec.replicas from its manifest.`
        : `Raise maxReplicas of ${w.scalers
            .map(scalerLabel)
            .join(
              ', ',
            )} above minReplicas, to ≥ ${target} (${base} replicas × ${fmt(
            factor,
          )}).`;
    },
  };
}

/** `autoscaling.hpa-max-headroom` (capacity) @public */
export const hpaMaxHeadroomCheck: CheckDefinition = {
  id: 'autoscaling.hpa-max-headroom',
  dimension: 'autoscaling',
  title: 'Autoscaler maximum absorbs the growth factor',
  description:
    'Capacity check. Reads maxReplicas of each autoscaler and the observed peakReplicas. Headroom = maxReplicas / peakReplicas; min over workloads. A workload that cannot add pods (no autoscaler, or every autoscaler with maxReplicas ≤ minReplicas) has headroom 1× whether or not its peak is known: it breaks a chain at any factor above 1. Below the growth factor fails, below growth factor × headroomWarnMargin warns; unknown when the peak of a scaling workload is unknown.',
  severity: 'high',
  capacity: true,
  evaluate(facts, ctx) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const items: CapacityItem[] = g.workloads.map(w => {
      const fixed = fixedReplicas(w);
      if (fixed) return fixedItem(g.fact, w, fixed);
      const peak = w.peakReplicas;
      const scalers = w.scalers.map(s => ({ s, b: scalerBounds(s) }));
      const noMax = scalers.filter(x => x.b.max === undefined);
      let cap: number | undefined;
      let capText: string;
      let tightest = scalers[0];
      if (noMax.length > 0) {
        cap = undefined;
        capText = `${scalerLabel(noMax[0].s)} has no maxReplicas`;
      } else {
        tightest = scalers.reduce((a, b) =>
          (b.b.max as number) < (a.b.max as number) ? b : a,
        );
        cap = tightest.b.max as number;
        capText = `${maxField(tightest.s)} ${cap}`;
      }
      const observed = {
        kind: w.kind,
        workload: w.name,
        maxReplicas: cap ?? null,
        peakReplicas: peak ?? null,
      };
      const evidence = workloadEvidence(g.fact, w, observed);
      if (peak === undefined || cap === undefined) {
        return {
          label: workloadLabel(w),
          headroom: undefined,
          detail:
            peak === undefined ? `${capText}, peak replicas unknown` : capText,
          evidence,
          unknownFix:
            peak === undefined
              ? PEAK_FIX
              : `Set maxReplicas on ${scalerLabel(noMax[0].s)}.`,
        };
      }
      return {
        label: workloadLabel(w),
        headroom: ratio(cap, peak),
        detail: `${capText} / peak ${peak}`,
        evidence,
        fix: (factor: number) => {
          const target = Math.ceil(peak * factor - 1e-9);
          return `Raise ${maxField(tightest.s)} of ${scalerLabel(
            tightest.s,
          )} to ≥ ${target} (peak ${peak} × ${fmt(
            factor,
          )}), and check the node level can hold the extra pods.`;
        },
      };
    });
    return capacityOutcome(items, ctx, 'replica');
  },
};
