/**
 * Building blocks of check outcomes: evidence, labels and numbers in
 * messages, and the order of statuses.
 */
import type { Fact, WorkloadFacts } from '../../../facts';
import type { CheckStatus, Evidence } from '../../../results';
import type { CheckOutcome } from '../../types';

/** Formats a number for messages (at most two decimals, no trailing zeros). */
export function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Evidence for a whole fact section. */
export function factEvidence(
  fact: Fact<unknown>,
  observed?: unknown,
): Evidence {
  return {
    source: fact.source,
    location: fact.location,
    observed,
    at: fact.collectedAt,
  };
}

/** Evidence for one workload (its own origin and file/cluster, the section's time). */
export function workloadEvidence(
  fact: Fact<unknown>,
  w: WorkloadFacts,
  observed: unknown,
): Evidence {
  return {
    source: w.origin || fact.source,
    location: w.location ?? fact.location,
    observed,
    at: fact.collectedAt,
  };
}

/** `Deployment/api (namespace ns)`. */
export function workloadLabel(w: {
  kind: string;
  name: string;
  namespace?: string;
}): string {
  return w.namespace
    ? `${w.kind}/${w.name} (namespace ${w.namespace})`
    : `${w.kind}/${w.name}`;
}

/** A not-applicable outcome. */
export function notApplicable(message: string): CheckOutcome {
  return { status: 'not-applicable', message };
}

const STATUS_RANK: Record<CheckStatus, number> = {
  fail: 4,
  unknown: 3,
  warn: 2,
  pass: 1,
  'not-applicable': 0,
};

/** The worse of two statuses (fail > unknown > warn > pass > not-applicable). */
export function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}

/** Removes empty and repeated strings, keeping order. */
export function dedupe(values: Array<string | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** Joins up to `max` labels, then `and N more`. */
export function listLabels(labels: string[], max = 5): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, max).join(', ')} and ${labels.length - max} more`;
}

/** Days between an ISO date and now; undefined when the date does not parse. */
export function ageInDays(iso: string, now: Date): number | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / 86_400_000);
}
