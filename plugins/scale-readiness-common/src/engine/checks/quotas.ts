/**
 * Quota checks: cloud / declared quotas and Kubernetes ResourceQuotas.
 */
import type { QuotaFact, WorkloadSetFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import { formatQuantityLike, parseQuantity } from '../quantity';
import {
  capacityOutcome,
  CapacityItem,
  fmt,
  gate,
  notApplicable,
  ratio,
} from './helpers';

function quotaLabel(q: QuotaFact): string {
  return `quota '${q.name}' (${q.id})`;
}

/** `quotas.headroom` (capacity) @public */
export const quotaHeadroomCheck: CheckDefinition = {
  id: 'quotas.headroom',
  dimension: 'quotas',
  title: 'Quotas absorb the growth factor',
  description:
    'Capacity check. Reads the quotas section (AWS Service Quotas, Lambda, DynamoDB, API Gateway, quotas declared with scale-readiness.io/quotas). Headroom = min over quotas of limit / peak. Names the weakest quota, whether it is adjustable, its increase URL and note. When one source failed while others answered, a failing known quota still fails, otherwise the result is unknown (the missing quota may be the weakest). Not applicable when no quota is known.',
  severity: 'high',
  capacity: true,
  evaluate(facts, ctx) {
    const g = gate<QuotaFact[]>(facts, 'quotas', false);
    if (!g.ok) return g.outcome;
    const quotas = g.value;
    if (quotas.length === 0)
      return notApplicable(
        'No quota is declared or discovered for this entity.',
      );
    const items: CapacityItem[] = quotas.map(q => ({
      label: quotaLabel(q),
      headroom: ratio(q.limit, q.peak),
      detail: `limit ${fmt(q.limit)} / peak ${fmt(q.peak)}${
        q.unit ? ` ${q.unit}` : ''
      } (${q.origin})`,
      evidence: {
        source: q.origin || g.fact.source,
        location: g.fact.location,
        at: g.fact.collectedAt,
        observed: q,
      },
      fix: (factor: number) => {
        const unit = q.unit ? ` ${q.unit}` : '';
        if (q.adjustable === false) {
          return `'${q.name}' cannot be raised: keep peak usage below ${fmt(
            Math.floor((q.limit / factor) * 100) / 100,
          )}${unit} (cache, batch, or shard across accounts/regions).`;
        }
        const target = Math.ceil(q.peak * factor - 1e-9);
        return `Request an increase of '${
          q.name
        }' to ≥ ${target}${unit} (peak ${fmt(q.peak)} × ${fmt(factor)})${
          q.increaseUrl ? ` at ${q.increaseUrl}` : ''
        }.`;
      },
    }));
    const outcome = capacityOutcome(items, ctx, 'quota');
    let weakest: QuotaFact | undefined;
    let weakestHeadroom = Infinity;
    quotas.forEach((q, i) => {
      const h = items[i].headroom;
      if (typeof h === 'number' && h < weakestHeadroom) {
        weakest = q;
        weakestHeadroom = h;
      }
    });
    if (weakest) {
      const w: QuotaFact = weakest;
      if (w.adjustable === true)
        outcome.message += ` '${w.name}' is adjustable${
          w.increaseUrl ? `: ${w.increaseUrl}` : ''
        }.`;
      else if (w.adjustable === false)
        outcome.message += ` '${w.name}' is not adjustable.`;
      else if (w.increaseUrl) outcome.message += ` Increase: ${w.increaseUrl}.`;
      if (w.note) outcome.message += ` Note: ${w.note}`;
    }
    // Some sources answered and another failed (e.g. declared quotas ok, AWS
    // throttled): a failing known quota still fails, but "pass" on a partial
    // view is not a pass — the missing quotas may be the weakest.
    if (
      g.fact.error &&
      (outcome.status === 'pass' || outcome.status === 'warn')
    ) {
      return {
        ...outcome,
        status: 'unknown',
        message: `Quotas that could be read: ${outcome.message} Others could not be read (${g.fact.error}), so the weakest quota is unknown.`,
        remediation:
          'Fix the failing quota source; the check re-runs on the next pass.',
      };
    }
    return outcome;
  },
};

/**
 * The ResourceQuotas that limit the workloads: those of a namespace a workload
 * runs in. A quota of another namespace read with them (a left-over in the
 * same manifests folder) does not limit them; it is reported as an unowned
 * object instead. When a namespace is not known (the quota's or a workload's,
 * as in manifests applied with `kubectl -n`), or there are no workloads, every
 * quota is kept.
 */
function quotasOfWorkloadNamespaces(
  value: WorkloadSetFacts,
): NonNullable<WorkloadSetFacts['resourceQuotas']> {
  const quotas = value.resourceQuotas ?? [];
  const workloads = value.workloads ?? [];
  if (workloads.length === 0 || workloads.some(w => !w.namespace))
    return quotas;
  const namespaces = new Set(workloads.map(w => w.namespace));
  return quotas.filter(q => !q.namespace || namespaces.has(q.namespace));
}

/** `quotas.k8s-resource-quota` (capacity) @public */
export const k8sResourceQuotaCheck: CheckDefinition = {
  id: 'quotas.k8s-resource-quota',
  dimension: 'quotas',
  title: 'Namespace ResourceQuota absorbs the growth factor',
  description:
    'Capacity check. Reads resourceQuotas of the workloads section (those of the namespaces the workloads run in): per quota and resource, status.hard / status.used (Kubernetes quantities such as 500m, 2, 1Gi, 1e3); min over all. Unknown when used is missing; not applicable when no ResourceQuota applies.',
  severity: 'high',
  capacity: true,
  evaluate(facts, ctx) {
    const g = gate<WorkloadSetFacts>(facts, 'workloads', false);
    if (!g.ok) return g.outcome;
    const quotas = quotasOfWorkloadNamespaces(g.value);
    if (quotas.length === 0)
      return notApplicable(
        'No Kubernetes ResourceQuota applies to the workloads.',
      );
    const items: CapacityItem[] = [];
    for (const rq of quotas) {
      const label = `ResourceQuota/${rq.name}${
        rq.namespace ? ` (namespace ${rq.namespace})` : ''
      }`;
      const evidence = {
        source: g.fact.source,
        location: g.fact.location,
        at: g.fact.collectedAt,
        observed: rq,
      };
      for (const [resource, hardText] of Object.entries(rq.hard ?? {})) {
        const hard = parseQuantity(hardText);
        const usedText = rq.used?.[resource];
        const used = parseQuantity(usedText);
        if (hard === undefined || used === undefined) {
          items.push({
            label: `${label} ${resource}`,
            headroom: undefined,
            detail:
              hard === undefined
                ? `hard '${hardText}' is not a quantity`
                : 'used is not known',
            evidence,
            unknownFix:
              'Read ResourceQuotas from the live cluster (status.used), not only from manifests.',
          });
          continue;
        }
        items.push({
          label: `${label} ${resource}`,
          headroom: ratio(hard, used),
          detail: `hard ${hardText} / used ${usedText}`,
          evidence,
          fix: (factor: number) =>
            `Raise ${resource} of ${label} to ≥ ${formatQuantityLike(
              used * factor,
              hardText,
            )} (used ${usedText} × ${fmt(factor)}).`,
        });
      }
    }
    if (items.length === 0)
      return notApplicable('The ResourceQuotas set no hard limit.');
    return capacityOutcome(items, ctx, 'ResourceQuota');
  },
};

/** Quota checks. @public */
export const QUOTA_CHECKS: readonly CheckDefinition[] = [
  quotaHeadroomCheck,
  k8sResourceQuotaCheck,
];
