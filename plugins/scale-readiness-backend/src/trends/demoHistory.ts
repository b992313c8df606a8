import type { ScorecardRow } from '@scale-readiness/plugin-scale-readiness-common';
import type { ReadinessStore } from '../database';
import type { DatabaseTrendStore } from './DatabaseTrendStore';
import { rollupRows, snapshotRows } from './snapshot';
import { dayOf, type TrendRowInput } from './types';

/** Days of generated history: today's real point plus the 89 days before it. */
export const DEMO_HISTORY_DAYS = 90;

const DAY_MS = 86_400_000;

/** FNV-1a hash of a string: the seed of a scope's demo series. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small deterministic PRNG, values in [0, 1). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A plausible past of one scope that ends at its real value: it starts lower
 * (a team improving toward today), moves in steps (scores change when a fix
 * lands, not every day) with noise that fades out, and reaches `today`'s
 * value exactly on the last generated day (yesterday). Deterministic: the
 * same ref and values give the same series.
 */
export function demoSeries(
  today: TrendRowInput,
  todayDay: string,
  days = DEMO_HISTORY_DAYS,
): TrendRowInput[] {
  const rnd = random(hash(today.scopeRef));
  const n = days - 1; // generated days, yesterday last
  const scoreDrop = 8 + rnd() * 22; // the score started 8–30 points lower
  const headroomRatio = 0.45 + rnd() * 0.35; // headroom started at 45–80 %
  const extraAtRisk = Math.ceil(today.components * (0.1 + rnd() * 0.3));
  const end = new Date(`${todayDay}T00:00:00Z`).getTime();
  const out: TrendRowInput[] = [];
  let stepped = 0; // progress so far, moved in steps
  for (let i = 0; i < n; i++) {
    const t = (i + 1) / n; // 1 on the last generated day
    // most days nothing changes; on some the progress catches up
    if (i === n - 1 || rnd() < 0.18) stepped = t;
    const ease = 1 - (1 - stepped) ** 2;
    const fade = 1 - t;
    const noise = (rnd() - 0.5) * 2 * fade;
    const score =
      today.score === null
        ? null
        : clamp(
            Math.round(today.score - scoreDrop * (1 - ease) + noise * 4),
            0,
            100,
          );
    const headroom =
      today.weakestHeadroom === null
        ? null
        : Math.max(
            0.1,
            round2(
              today.weakestHeadroom *
                (headroomRatio + (1 - headroomRatio) * ease) *
                (1 + noise * 0.05),
            ),
          );
    const atRisk =
      today.scope === 'entity'
        ? Number(headroom !== null && headroom < today.growthFactor)
        : Math.min(
            today.components,
            today.atRisk + Math.round(extraAtRisk * (1 - ease)),
          );
    out.push({
      ...today,
      day: dayOf(new Date(end - (n - i) * DAY_MS)),
      score: i === n - 1 ? today.score : score,
      weakestHeadroom: i === n - 1 ? today.weakestHeadroom : headroom,
      atRisk: i === n - 1 ? today.atRisk : atRisk,
    });
  }
  return out;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function entityRow(r: ScorecardRow, growthFactor: number, day: string) {
  return {
    scope: 'entity' as const,
    scopeRef: r.entityRef,
    day,
    score: r.score,
    weakestHeadroom: r.chainHeadroom,
    components: 1,
    atRisk: Number(r.chainHeadroom !== null && r.chainHeadroom < growthFactor),
    growthFactor,
  };
}

/** What {@link seedDemoHistory} did. */
export interface DemoHistoryResult {
  /** Rows offered (days that already had a row kept it). */
  generated: number;
  /** True once the seed ran or had run before (nothing left to do). */
  complete: boolean;
}

/**
 * Seeds {@link DEMO_HISTORY_DAYS} days of demo history (`demo = true`) for
 * every team, the organisation and every owned component, ending at today's
 * real values (`scaleReadiness.trends.demoHistory`; `setupTrends` calls it
 * once the org has settled). Runs once: it does nothing when demo rows
 * exist, or while no component has a result yet.
 * Never overwrites a row (measured rows of a day win), so a second run by
 * another replica writes nothing new.
 */
export async function seedDemoHistory(options: {
  readiness: ReadinessStore;
  trends: DatabaseTrendStore;
  growthFactor: number;
  at?: Date;
}): Promise<DemoHistoryResult> {
  const { readiness, trends, growthFactor } = options;
  const at = options.at ?? new Date();
  if (await trends.hasDemo()) return { generated: 0, complete: true };
  const snapshot = await snapshotRows(readiness);
  if (snapshot.all.length === 0) return { generated: 0, complete: false };
  const day = dayOf(at);
  const today = [
    ...rollupRows(snapshot, growthFactor, day),
    ...snapshot.all.map(r => entityRow(r, growthFactor, day)),
  ];
  const rows = today.flatMap(r => demoSeries(r, day));
  await trends.insertDemo(rows, at);
  return { generated: rows.length, complete: true };
}
