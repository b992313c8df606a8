import type {
  HistoryEntry,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ResultStore, ScorecardReadModel } from '../database';
import { computeRollup } from '../database/rollup';
import {
  dayOf,
  ORG_SCOPE_REF,
  type TrendPoint,
  type TrendRowInput,
} from './types';

/** The lowest known chain headroom of some rows (null when none is known). */
export function weakestHeadroom(rows: ScorecardRow[]): number | null {
  let min: number | null = null;
  for (const r of rows) {
    if (r.chainHeadroom !== null && (min === null || r.chainHeadroom < min)) {
      min = r.chainHeadroom;
    }
  }
  return min;
}

function rowFor(
  scope: 'team' | 'org',
  scopeRef: string,
  rows: ScorecardRow[],
  growthFactor: number,
  day: string,
): TrendRowInput {
  const rollup = computeRollup(rows, growthFactor);
  return {
    scope,
    scopeRef,
    day,
    score: rollup.score,
    weakestHeadroom: weakestHeadroom(rows),
    components: rollup.components,
    atRisk: rollup.atRisk,
    growthFactor,
  };
}

/** Every team's rows (over its sub-tree) and every owned component's row. */
export async function snapshotRows(
  store: ScorecardReadModel & ResultStore,
): Promise<{
  teams: { teamRef: string; rows: ScorecardRow[] }[];
  all: ScorecardRow[];
}> {
  const { rows: teamRows } = await store.listTeamRollups({
    offset: 0,
    limit: 100_000,
  });
  const teams: { teamRef: string; rows: ScorecardRow[] }[] = [];
  const all = new Map<string, ScorecardRow>();
  for (const team of teamRows) {
    const groups = await store.getDescendantGroups(team.teamRef);
    const rows = await store.getRowsByOwners(groups);
    for (const r of rows) all.set(r.entityRef, r);
    teams.push({ teamRef: team.teamRef, rows });
  }
  return { teams, all: [...all.values()] };
}

/**
 * Today's rollup of every team (over its sub-tree, as the team page shows
 * it) and of the organisation (every owned component), from the stored rows.
 */
export async function computeDailySnapshot(
  store: ScorecardReadModel & ResultStore,
  growthFactor: number,
  at: Date,
): Promise<TrendRowInput[]> {
  return rollupRows(await snapshotRows(store), growthFactor, dayOf(at));
}

/** The team and org rows of a day from {@link snapshotRows}. */
export function rollupRows(
  { teams, all }: Awaited<ReturnType<typeof snapshotRows>>,
  growthFactor: number,
  day: string,
): TrendRowInput[] {
  return [
    ...teams.map(t => rowFor('team', t.teamRef, t.rows, growthFactor, day)),
    rowFor('org', ORG_SCOPE_REF, all, growthFactor, day),
  ];
}

/**
 * Daily points of one component from its result history (which holds a row
 * per change): each day carries the last state of that day, or of the last
 * change before it. Days before the first known state are left out.
 * `history` is newest first, as `ReadinessStore.getHistory` returns it.
 */
export function dailyPointsFromHistory(
  history: HistoryEntry[],
  fromDay: string,
  toDay: string,
  growthFactor: number,
): TrendPoint[] {
  const oldestFirst = [...history].sort((a, b) => a.at.localeCompare(b.at));
  const points: TrendPoint[] = [];
  let i = 0;
  let current: HistoryEntry | undefined;
  for (
    let d = new Date(`${fromDay}T00:00:00Z`);
    dayOf(d) <= toDay;
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const day = dayOf(d);
    while (i < oldestFirst.length && dayOf(new Date(oldestFirst[i].at)) <= day)
      current = oldestFirst[i++];
    if (!current) continue;
    points.push({
      day,
      score: current.score,
      weakestHeadroom: current.chainHeadroom,
      components: 1,
      atRisk:
        current.chainHeadroom !== null && current.chainHeadroom < growthFactor
          ? 1
          : 0,
      demo: false,
    });
  }
  return points;
}

/**
 * The history of one component from `fromDay` on, plus the last change
 * before it (the state the window starts in). Pages newest first.
 */
export async function historySince(
  store: Pick<ResultStore, 'getHistory'>,
  entityRef: string,
  fromDay: string,
): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  let before: Date | undefined;
  for (let page = 0; page < 50; page++) {
    const items = await store.getHistory(entityRef, { limit: 500, before });
    for (const item of items) {
      out.push(item);
      if (dayOf(new Date(item.at)) < fromDay) return out;
    }
    if (items.length < 500) return out;
    before = new Date(items[items.length - 1].at);
  }
  return out;
}
