/**
 * Changes of a team's scorecard between two reviews. Pure; computed once when
 * a review is frozen (both sides are immutable, so the result never changes).
 */
import {
  type ChangeCounts,
  type ComponentChange,
  type Dimension,
  DIMENSIONS,
  type DimensionChange,
  LEVEL_RANK,
  type ReviewComponentSnapshot,
  type Rollup,
  type TeamChanges,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Scores are compared at this precision (two decimals). */
function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

function direction(
  before: number | null,
  after: number | null,
): 'improved' | 'regressed' | 'unchanged' {
  const b = round(before);
  const a = round(after);
  if (a === null || b === null || a === b) return 'unchanged';
  return a > b ? 'improved' : 'regressed';
}

/** Empty change counts. */
export function emptyCounts(): ChangeCounts {
  return { improved: 0, regressed: 0, new: 0, removed: 0, unchanged: 0 };
}

/** Adds `b` into `a`. */
export function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  return {
    improved: a.improved + b.improved,
    regressed: a.regressed + b.regressed,
    new: a.new + b.new,
    removed: a.removed + b.removed,
    unchanged: a.unchanged + b.unchanged,
  };
}

/**
 * How one component changed. A level going up or down decides; at the same
 * level the score (to two decimals) decides. Dimensions are compared by score;
 * one that became (or stopped being) applicable is listed but is neither
 * improved nor regressed. Check status changes are always listed.
 */
export function compareComponent(
  before: ReviewComponentSnapshot | undefined,
  after: ReviewComponentSnapshot | undefined,
): ComponentChange {
  const subject = (after ?? before)!;
  const base = {
    entityRef: subject.entityRef,
    ...(subject.title ? { title: subject.title } : {}),
  };
  const checks: ComponentChange['checks'] = {};
  const ids = new Set([
    ...Object.keys(before?.checks ?? {}),
    ...Object.keys(after?.checks ?? {}),
  ]);
  for (const id of [...ids].sort()) {
    const b = before?.checks[id] ?? null;
    const a = after?.checks[id] ?? null;
    if (a !== b) checks[id] = [b, a];
  }
  if (!before || !after) {
    return {
      ...base,
      change: before ? 'removed' : 'new',
      ...(before
        ? {
            levelBefore: before.level,
            scoreBefore: before.score,
            chainHeadroomBefore: before.chainHeadroom,
          }
        : {
            levelAfter: after!.level,
            scoreAfter: after!.score,
            chainHeadroomAfter: after!.chainHeadroom,
          }),
      dimensions: [],
      checks,
    };
  }

  const dimensions: DimensionChange[] = [];
  for (const d of DIMENSIONS) {
    const b = before.dimensions[d]?.score ?? null;
    const a = after.dimensions[d]?.score ?? null;
    if (round(a) !== round(b)) {
      dimensions.push({
        dimension: d,
        before: b,
        after: a,
        change: direction(b, a),
      });
    }
  }
  const levelDelta = LEVEL_RANK[after.level] - LEVEL_RANK[before.level];
  let change: ComponentChange['change'];
  if (levelDelta !== 0) change = levelDelta > 0 ? 'improved' : 'regressed';
  else change = direction(before.score, after.score);
  return {
    ...base,
    change,
    levelBefore: before.level,
    levelAfter: after.level,
    scoreBefore: before.score,
    scoreAfter: after.score,
    chainHeadroomBefore: before.chainHeadroom,
    chainHeadroomAfter: after.chainHeadroom,
    dimensions,
    checks,
  };
}

/** Whether anything about a component differs between two snapshots. */
function differs(c: ComponentChange): boolean {
  return (
    c.change !== 'unchanged' ||
    c.dimensions.length > 0 ||
    Object.keys(c.checks).length > 0 ||
    round(c.chainHeadroomBefore ?? null) !== round(c.chainHeadroomAfter ?? null)
  );
}

/**
 * Changes of one team between a previous snapshot and the current one.
 * `previous` is undefined when there is no earlier review at all (no
 * baseline: nothing is counted); an empty `components` list in `previous`
 * means the team was not in it (everything is new).
 */
export function diffTeam(
  previous:
    | {
        reviewId: string;
        components: readonly ReviewComponentSnapshot[];
        rollup?: Rollup;
      }
    | undefined,
  current: readonly ReviewComponentSnapshot[],
  currentRollup: Rollup,
): TeamChanges {
  const dimensions = Object.fromEntries(
    DIMENSIONS.map(d => [
      d,
      {
        before: previous?.rollup?.dimensions[d]?.score ?? null,
        after: currentRollup.dimensions[d]?.score ?? null,
        improved: 0,
        regressed: 0,
      },
    ]),
  ) as TeamChanges['dimensions'];
  const counts = emptyCounts();
  if (!previous) {
    return { counts, dimensions, components: [] };
  }

  const before = new Map(previous.components.map(c => [c.entityRef, c]));
  const after = new Map(current.map(c => [c.entityRef, c]));
  const refs = [...new Set([...before.keys(), ...after.keys()])].sort();
  const components: ComponentChange[] = [];
  for (const ref of refs) {
    const c = compareComponent(before.get(ref), after.get(ref));
    counts[c.change] += 1;
    for (const d of c.dimensions) {
      if (d.change !== 'unchanged')
        dimensions[d.dimension as Dimension][d.change] += 1;
    }
    if (differs(c)) components.push(c);
  }
  return {
    previousReviewId: previous.reviewId,
    counts,
    dimensions,
    components,
    scoreBefore: previous.rollup?.score ?? null,
  };
}
