/**
 * Scoring a set of check results: dimension scores, overall score, coverage,
 * and the entity's own tightest capacity limit.
 */
import type { ReadinessConfig } from '../config';
import type {
  ChainResult,
  CheckResult,
  CheckStatus,
  Coverage,
  Dimension,
  DimensionScore,
  HeadroomLimit,
} from '../results';
import { DIMENSIONS } from '../results';

const STATUS_VALUE: Record<CheckStatus, number> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  unknown: 0,
  'not-applicable': 0,
};

function emptyCounts(): Record<CheckStatus, number> {
  return { pass: 0, warn: 0, fail: 0, unknown: 0, 'not-applicable': 0 };
}

const DIMENSION_INDEX = new Map<string, number>(
  DIMENSIONS.map((d, i) => [d, i]),
);

/**
 * Score of a set of check results: dimensions, overall score and coverage.
 * Checks of a dimension outside `DIMENSIONS` are counted in coverage only.
 * @public
 */
export function scoreChecks(
  checks: readonly CheckResult[],
  config: Pick<ReadinessConfig, 'dimensionWeights' | 'severityWeights'>,
): { score: number | null; dimensions: DimensionScore[]; coverage: Coverage } {
  const n = DIMENSIONS.length;
  const earned = new Array<number>(n).fill(0);
  const possible = new Array<number>(n).fill(0);
  const counts = DIMENSIONS.map(() => emptyCounts());
  let applicable = 0;
  let evaluated = 0;
  for (const c of checks) {
    const d = DIMENSION_INDEX.get(c.dimension);
    if (d !== undefined) counts[d][c.status]++;
    if (c.status === 'not-applicable') continue;
    applicable++;
    if (c.status !== 'unknown') evaluated++;
    if (d === undefined) continue;
    const weight = config.severityWeights[c.severity] ?? 0;
    possible[d] += weight;
    earned[d] += weight * (c.waived ? 1 : STATUS_VALUE[c.status]);
  }
  const dimensions: DimensionScore[] = new Array(n);
  let sum = 0;
  let weights = 0;
  for (let d = 0; d < n; d++) {
    const dimension = DIMENSIONS[d];
    const score =
      possible[d] > 0 ? round1((earned[d] / possible[d]) * 100) : null;
    dimensions[d] = { dimension, score, counts: counts[d] };
    const w = config.dimensionWeights[dimension as Dimension] ?? 0;
    if (score !== null && w > 0) {
      sum += score * w;
      weights += w;
    }
  }
  return {
    score: weights > 0 ? round1(sum / weights) : null,
    dimensions,
    coverage: {
      applicable,
      evaluated,
      ratio: applicable > 0 ? evaluated / applicable : 1,
    },
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The entity's own tightest limit: the lowest finite headroom over results of
 * capacity checks (`capacity: true`) that are not `not-applicable`.
 * @public
 */
export function ownHeadroomOf(
  entityRef: string,
  checks: readonly CheckResult[],
  capacityIds: ReadonlySet<string>,
): HeadroomLimit | null {
  let best: CheckResult | undefined;
  for (const c of checks) {
    if (!capacityIds.has(c.id) || c.status === 'not-applicable') continue;
    if (typeof c.headroom !== 'number') continue;
    if (!best || c.headroom < (best.headroom as number)) best = c;
  }
  if (!best) return null;
  return {
    entityRef,
    checkId: best.id,
    headroom: best.headroom as number,
    message: best.message,
  };
}

/** A chain result for an entity evaluated alone (its own limit only). @public */
export function ownOnlyChain(
  entityRef: string,
  own: HeadroomLimit | null,
): ChainResult {
  return {
    headroom: own ? own.headroom : null,
    weakestLink: own ?? undefined,
    members: [],
    path: own ? [entityRef] : [],
    cycles: [],
    missing: [],
  };
}
