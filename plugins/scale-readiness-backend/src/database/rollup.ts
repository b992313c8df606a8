import {
  DIMENSIONS,
  type Dimension,
  type ReadinessLevel,
  type Rollup,
  type ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';

/** The parts of a scorecard row that a rollup reads. @public */
export type RollupInput = Pick<
  ScorecardRow,
  | 'score'
  | 'level'
  | 'chainHeadroom'
  | 'coverage'
  | 'dimensions'
  | 'growthFactor'
>;

/**
 * Running sums of a rollup; feed rows with `addToRollup` and read the result
 * with `finishRollup`. Lets callers stream rows without holding them all.
 * @public
 */
export interface RollupAccumulator {
  growthFactor: number;
  components: number;
  scoreSum: number;
  scored: number;
  coverageSum: number;
  atRisk: number;
  levels: Record<ReadinessLevel, number>;
  dimensions: Record<
    Dimension,
    { sum: number; scored: number; failing: number }
  >;
}

const LEVELS: readonly ReadinessLevel[] = [
  'not-ready',
  'bronze',
  'silver',
  'gold',
];

function emptyLevels(): Record<ReadinessLevel, number> {
  return Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<
    ReadinessLevel,
    number
  >;
}

/** Starts an empty accumulator for the given growth factor. @public */
export function createRollupAccumulator(
  growthFactor: number,
): RollupAccumulator {
  return {
    growthFactor,
    components: 0,
    scoreSum: 0,
    scored: 0,
    coverageSum: 0,
    atRisk: 0,
    levels: emptyLevels(),
    dimensions: Object.fromEntries(
      DIMENSIONS.map(d => [d, { sum: 0, scored: 0, failing: 0 }]),
    ) as RollupAccumulator['dimensions'],
  };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Adds one component to the accumulator (mutates and returns it). @public */
export function addToRollup(
  acc: RollupAccumulator,
  row: RollupInput,
): RollupAccumulator {
  acc.components += 1;
  if (isFiniteNumber(row.score)) {
    acc.scoreSum += row.score;
    acc.scored += 1;
  }
  if (isFiniteNumber(row.coverage)) {
    acc.coverageSum += row.coverage;
  }
  // null chain headroom means unbounded or unknown: not counted as at risk.
  // A component with a scoped growth factor is at risk below its own factor.
  const factor = isFiniteNumber(row.growthFactor)
    ? row.growthFactor
    : acc.growthFactor;
  if (isFiniteNumber(row.chainHeadroom) && row.chainHeadroom < factor) {
    acc.atRisk += 1;
  }
  if (row.level in acc.levels) {
    acc.levels[row.level] += 1;
  }
  for (const dimension of DIMENSIONS) {
    const value = row.dimensions?.[dimension];
    if (!value) {
      continue;
    }
    const target = acc.dimensions[dimension];
    if (isFiniteNumber(value.score)) {
      target.sum += value.score;
      target.scored += 1;
    }
    if (value.worst === 'fail') {
      target.failing += 1;
    }
  }
  return acc;
}

/**
 * Adds the sums of `from` to `into` (mutates and returns `into`): the
 * accumulator of two disjoint sets of components is the merge of theirs.
 * @public
 */
export function mergeRollups(
  into: RollupAccumulator,
  from: RollupAccumulator,
): RollupAccumulator {
  into.components += from.components;
  into.scoreSum += from.scoreSum;
  into.scored += from.scored;
  into.coverageSum += from.coverageSum;
  into.atRisk += from.atRisk;
  for (const level of LEVELS) into.levels[level] += from.levels[level];
  for (const dimension of DIMENSIONS) {
    const target = into.dimensions[dimension];
    const source = from.dimensions[dimension];
    target.sum += source.sum;
    target.scored += source.scored;
    target.failing += source.failing;
  }
  return into;
}

/**
 * Rounds away float noise so the same components give the same rollup
 * whatever order they were added in.
 */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Turns sums into a `Rollup`. Scores are rounded to 2 decimals and coverage
 * to 4. Averages are null when nothing had a score; the
 * coverage of an empty set is 0 (nothing was evaluated). Never NaN.
 * @public
 */
export function finishRollup(acc: RollupAccumulator): Rollup {
  return {
    components: acc.components,
    score: acc.scored > 0 ? round(acc.scoreSum / acc.scored, 2) : null,
    levels: { ...acc.levels },
    dimensions: Object.fromEntries(
      DIMENSIONS.map(d => {
        const value = acc.dimensions[d];
        return [
          d,
          {
            score: value.scored > 0 ? round(value.sum / value.scored, 2) : null,
            failing: value.failing,
          },
        ];
      }),
    ) as Rollup['dimensions'],
    atRisk: acc.atRisk,
    coverage:
      acc.components > 0 ? round(acc.coverageSum / acc.components, 4) : 0,
  };
}

/**
 * Aggregates components into a `Rollup`: average score over scored
 * components, level counts, per-dimension average score and number of
 * components whose worst check in it fails, components whose chain headroom
 * is below their growth factor (the row's scoped `growthFactor`, else
 * `growthFactor`), and average coverage.
 * @public
 */
export function computeRollup(
  rows: Iterable<RollupInput>,
  growthFactor: number,
): Rollup {
  const acc = createRollupAccumulator(growthFactor);
  for (const row of rows) {
    addToRollup(acc, row);
  }
  return finishRollup(acc);
}
