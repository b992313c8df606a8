import { parseEntityRef } from '@backstage/catalog-model';
import { limitLabel } from './checkTitles';
import type {
  CheckStatus,
  ReadinessLevel,
  Severity,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Display labels of levels and dimensions (shared with the CSV exports). */
export {
  DIMENSION_LABELS,
  LEVEL_LABELS,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Levels from lowest to highest. */
export const LEVELS: readonly ReadinessLevel[] = [
  'not-ready',
  'bronze',
  'silver',
  'gold',
];

/** Display labels of check statuses. */
export const STATUS_LABELS: Record<CheckStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

/** Statuses, worst first (unknown is never better than a warning). */
export const STATUS_ORDER: readonly CheckStatus[] = [
  'fail',
  'warn',
  'unknown',
  'pass',
  'not-applicable',
];

/** Severities, most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** Formats a growth factor as `2.5×` (at most two decimals). */
export function formatFactor(factor: number): string {
  if (!Number.isFinite(factor)) {
    return '∞×';
  }
  return `${Number(factor.toFixed(2))}×`;
}

/** Formats a headroom: a factor, or `unbounded` for null. */
export function formatHeadroom(headroom: number | null | undefined): string {
  if (headroom === null || headroom === undefined) {
    return 'unbounded';
  }
  return formatFactor(headroom);
}

/** Formats a 0–100 score; null means there was nothing to score. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) {
    return 'no applicable checks';
  }
  return String(Math.round(score));
}

/** Formats a 0–1 ratio as a percentage. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return '–';
  }
  return `${Math.round(ratio * 100)}%`;
}

/** Formats an ISO time for display; returns the input when it is not a date. */
export function formatTime(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * A duration in seconds as `3 d 4 h`, `2 h 5 min`, `40 s`: the one unit format
 * for every duration on every page (time to access, grant time left).
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds))
    return '–';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** A duration in hours, in the format of {@link formatDuration}. */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined
    ? '–'
    : formatDuration(hours * 3600);
}

/** Formats an ISO time as a date only (`31 Dec 2026` in the user's locale). */
export function formatDate(iso: string | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      });
}

/** Short name of an entity ref (`component:default/orders-db` → `orders-db`). */
export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** Compact JSON for evidence values (long values are cut). */
export function compactJson(value: unknown, maxLength = 300): string {
  let text: string;
  try {
    text =
      typeof value === 'string'
        ? value
        : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Worst status of a list (`null` when empty). */
export function worstStatus(
  statuses: readonly CheckStatus[],
): CheckStatus | null {
  for (const status of STATUS_ORDER) {
    if (statuses.includes(status)) {
      return status;
    }
  }
  return null;
}

/**
 * Sentence describing a headroom against the growth factor, in plain words,
 * e.g. `survives 2.5× — breaks at Orders table (write capacity)`.
 */
export function describeHeadroom(
  headroom: number | null,
  limit?: { entityRef: string; checkId: string; message?: string },
  displayName?: (entityRef: string) => string | undefined,
): string {
  if (headroom === null) {
    return 'no capacity limit found (unbounded or not measured)';
  }
  const where = limit
    ? ` — breaks at ${
        displayName?.(limit.entityRef) ?? shortRef(limit.entityRef)
      } (${limitLabel(limit)})`
    : '';
  return `survives ${formatFactor(headroom)}${where}`;
}

/** Whether a headroom meets a growth factor (null = unbounded = meets it). */
export function meetsFactor(
  headroom: number | null | undefined,
  factor: number,
): boolean {
  return headroom === null || headroom === undefined || headroom >= factor;
}
