import { formatFactor, formatScore } from '../../utils/format';
import type { ReadinessTrend } from '../../api/TrendsApi';

const DAY_MS = 86_400_000;

/** Milliseconds of a `YYYY-MM-DD` day (UTC midnight). */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** A short axis label of a day: `12 Nov` (UTC, so the day never shifts). */
export function formatShortDay(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** A day for the tooltip: `12 Nov 2026`. */
export function formatLongDay(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** About `count` evenly spaced whole-day ticks from `from` to `to` (inclusive). */
export function dayTicks(from: string, to: string, count = 6): number[] {
  const start = dayMs(from);
  const days = Math.max(0, Math.round((dayMs(to) - start) / DAY_MS));
  const step = Math.max(1, Math.ceil(days / (count - 1)));
  const out: number[] = [];
  for (let d = 0; d <= days; d += step) out.push(start + d * DAY_MS);
  if (out[out.length - 1] !== dayMs(to)) {
    // keep the last tick (today); drop the one before when they would touch
    if (days - (out.length - 1) * step < step / 2) out.pop();
    out.push(dayMs(to));
  }
  return out;
}

/** Days from `from` to `to`, both included. */
export function spanDays(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
}

function headroomText(h: number | null): string {
  return h === null ? 'unbounded' : formatFactor(h);
}

/**
 * One line for screen readers and the figure caption, e.g.
 * `Score 82 → 91 over 90 days; weakest headroom 1.4× (target 3×).`
 */
export function trendSummary(trend: ReadinessTrend): string {
  const { points, growthFactor } = trend;
  const target = `(target ${formatFactor(growthFactor)})`;
  const scores = points.filter(p => p.score !== null);
  const last = points[points.length - 1];
  const first = scores[0];
  const latest = scores[scores.length - 1];
  let scoreText = 'No score yet';
  if (latest && (scores.length === 1 || first.day === last.day)) {
    scoreText = `Score ${formatScore(latest.score)} on ${formatShortDay(
      dayMs(latest.day),
    )}`;
  } else if (latest) {
    scoreText = `Score ${formatScore(first.score)} → ${formatScore(
      latest.score,
    )} over ${spanDays(first.day, latest.day)} days`;
  }
  const demo = trend.demo
    ? ` Includes generated demo history (${
        points.filter(p => p.demo).length
      } of ${points.length} days).`
    : '';
  return `${scoreText}; weakest headroom ${headroomText(
    last.weakestHeadroom,
  )} ${target}.${demo}`;
}
