import { mapWithConcurrency } from '@scale-readiness/plugin-scale-readiness-node';

/** A time interval in epoch milliseconds, `end` exclusive. */
export interface Interval {
  start: number;
  end: number;
}

/** The largest number of intervals open at one instant, and when it was first reached. */
export interface PeakConcurrency {
  peak: number;
  /** Epoch ms the peak was first reached; undefined without intervals. */
  at?: number;
}

/**
 * Maximum number of overlapping intervals, by a sweep line over their start
 * (+1) and end (−1) events. Intervals are half-open `[start, end)`: a job that
 * starts the millisecond another one completes does not overlap it, so
 * back-to-back jobs on one runner count as 1. Empty or inverted intervals
 * (skipped jobs) count for nothing. O(n log n).
 */
export function peakConcurrency(
  intervals: Iterable<Interval>,
): PeakConcurrency {
  const events: Array<[number, number]> = [];
  for (const { start, end } of intervals) {
    if (!(end > start)) continue;
    events.push([start, 1], [end, -1]);
  }
  // At equal times ends (−1) sort before starts (+1).
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  const result: PeakConcurrency = { peak: 0 };
  for (const [time, delta] of events) {
    open += delta;
    if (open > result.peak) {
      result.peak = open;
      result.at = time;
    }
  }
  return result;
}

/**
 * {@link mapWithConcurrency} of -node that stops at the first failure: items
 * not started yet reject at once instead of calling a source that is failing
 * (each call would retry with backoff). Rejects with the first error.
 */
export async function mapFailFast<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  let failure: unknown;
  return mapWithConcurrency(items, limit, async item => {
    if (failure !== undefined) throw failure;
    try {
      return await fn(item);
    } catch (e) {
      failure ??= e;
      throw e;
    }
  });
}
