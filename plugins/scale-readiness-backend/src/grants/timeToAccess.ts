import type {
  TimeToAccess,
  TimeToAccessSummary,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Nearest-rank percentile (`p` in 0–100) of unsorted values; null when empty.
 * The median is p50 with interpolation between the two middle values.
 */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50) {
    const mid = sorted.length / 2;
    return Number.isInteger(mid)
      ? (sorted[mid - 1] + sorted[mid]) / 2
      : sorted[Math.floor(mid)];
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Time-to-access of a team: seconds from request to active access, median and
 * p90. Real grants are measured; dry-run ones only when there is nothing else
 * (and the answer says so).
 */
export function summariseTimeToAccess(
  team: string,
  windowDays: number,
  activations: Array<{ requestedAt: Date; activatedAt: Date; dryRun: boolean }>,
): TimeToAccess {
  const real = activations.filter(a => !a.dryRun);
  const measured = real.length > 0 ? real : activations;
  const seconds = measured.map(
    a => Math.max(0, a.activatedAt.getTime() - a.requestedAt.getTime()) / 1000,
  );
  return {
    team,
    windowDays,
    count: seconds.length,
    medianSeconds: percentile(seconds, 50),
    p90Seconds: percentile(seconds, 90),
    dryRun: real.length === 0 && activations.length > 0,
  };
}

/**
 * The time-to-access a quarterly review freezes per team (hours), from the
 * grants' measurement (seconds); undefined when no grant became active in
 * the window, so a review shows "no data" rather than 0 h.
 */
export function timeToAccessSummary(
  measured: TimeToAccess,
): TimeToAccessSummary | undefined {
  if (measured.count === 0) return undefined;
  const hours = (s: number | null) =>
    s === null ? null : Math.round((s / 3600) * 100) / 100;
  return {
    samples: measured.count,
    medianHours: hours(measured.medianSeconds),
    p90Hours: hours(measured.p90Seconds),
  };
}
