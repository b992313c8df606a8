/**
 * Readiness levels: which of gold, silver and bronze a result reaches, from
 * its score, unwaived failures, coverage and chain headroom.
 */
import type { LevelRule, ReadinessConfig } from '../config';
import type { EntityResult, ReadinessLevel } from '../results';

/**
 * What the level rules read from a result, without its checks: lets a caller
 * keep a few numbers per entity while chains are propagated (see `computeChains`).
 * @public
 */
export interface LevelSummary {
  score: number | null;
  coverageRatio: number;
  /** Unwaived `fail` results of severity critical. */
  criticalFailures: number;
  /** Unwaived `fail` results of severity high. */
  highFailures: number;
  /** Unwaived `fail` results of any severity. */
  failures?: number;
}

/** Summarises a result for {@link levelFor}. @public */
export function levelSummaryOf(
  result: Pick<EntityResult, 'score' | 'checks' | 'coverage'>,
): LevelSummary {
  let criticalFailures = 0;
  let highFailures = 0;
  let failures = 0;
  for (const c of result.checks) {
    if (c.status !== 'fail' || c.waived) continue;
    failures++;
    if (c.severity === 'critical') criticalFailures++;
    else if (c.severity === 'high') highFailures++;
  }
  return {
    score: result.score,
    coverageRatio: result.coverage.ratio,
    criticalFailures,
    highFailures,
    failures,
  };
}

function satisfies(
  rule: LevelRule,
  s: LevelSummary,
  chainHeadroom: number | null,
  growthFactor: number,
): boolean {
  if (s.score === null || s.score < rule.minScore) return false;
  if (rule.minCoverage !== undefined && s.coverageRatio < rule.minCoverage)
    return false;
  if (
    rule.maxCriticalFailures !== undefined &&
    s.criticalFailures > rule.maxCriticalFailures
  )
    return false;
  if (
    rule.maxHighFailures !== undefined &&
    s.highFailures > rule.maxHighFailures
  )
    return false;
  if (
    rule.maxFailures !== undefined &&
    (s.failures ?? s.criticalFailures + s.highFailures) > rule.maxFailures
  )
    return false;
  if (
    rule.requireChainHeadroom &&
    chainHeadroom !== null &&
    chainHeadroom < growthFactor
  )
    return false;
  return true;
}

/**
 * The highest level whose rules hold (gold, then silver, then bronze), else
 * `not-ready`. `chainHeadroom` null (unbounded/unknown) satisfies `requireChainHeadroom`.
 * @public
 */
export function levelFor(
  summary: LevelSummary,
  chainHeadroom: number | null,
  growthFactor: number,
  config: Pick<ReadinessConfig, 'levels'>,
): ReadinessLevel {
  for (const level of ['gold', 'silver', 'bronze'] as const) {
    if (satisfies(config.levels[level], summary, chainHeadroom, growthFactor))
      return level;
  }
  return 'not-ready';
}

/** What the level rules read. @public */
export type LevelInput = Pick<
  EntityResult,
  'score' | 'checks' | 'coverage' | 'chain' | 'growthFactor'
>;

/**
 * The level of a result, from its score, failures, coverage and chain headroom.
 * Run after chain propagation: gold needs chain headroom.
 * @public
 */
export function computeLevel(
  result: LevelInput,
  config: Pick<ReadinessConfig, 'levels'>,
): ReadinessLevel {
  return levelFor(
    levelSummaryOf(result),
    result.chain.headroom,
    result.growthFactor,
    config,
  );
}
