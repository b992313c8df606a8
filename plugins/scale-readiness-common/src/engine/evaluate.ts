/**
 * Evaluation of one entity: run the checks, apply waivers, score, level.
 */
import {
  DEFAULT_READINESS_CONFIG,
  isCheckDisabled,
  LevelRule,
  ReadinessConfig,
} from '../config';
import type { EntityFacts } from '../facts';
import type {
  ChainResult,
  CheckResult,
  CheckStatus,
  Coverage,
  Dimension,
  DimensionScore,
  EntityResult,
  HeadroomLimit,
  ReadinessLevel,
} from '../results';
import { DIMENSIONS } from '../results';
import { BUILTIN_CHECKS } from './checks';
import { withCustomChecks } from './customChecks';
import { effectiveGrowthOf } from '../growth';
import type {
  CheckContext,
  CheckDefinition,
  CheckOutcome,
  EvaluateOptions,
  Waiver,
} from './types';

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

/** Waivers indexed by `entityRef` (lower case) then check id; expired ones dropped. */
export type WaiverIndex = Map<string, Map<string, Waiver>>;

/** Indexes waivers that are still valid at `now`. @public */
export function indexWaivers(
  waivers: readonly Waiver[] | undefined,
  now: Date,
): WaiverIndex {
  const index: WaiverIndex = new Map();
  if (!waivers) return index;
  const t = now.getTime();
  for (const w of waivers) {
    const expires = Date.parse(w.expiresAt);
    if (Number.isNaN(expires) || expires <= t) continue;
    const key = w.entityRef.toLowerCase();
    let byCheck = index.get(key);
    if (!byCheck) index.set(key, (byCheck = new Map()));
    const prior = byCheck.get(w.checkId);
    if (!prior || Date.parse(prior.expiresAt) < expires)
      byCheck.set(w.checkId, w);
  }
  return index;
}

/** Runs one check, turning an exception into `unknown`. */
function runCheck(
  check: CheckDefinition,
  facts: EntityFacts,
  ctx: CheckContext,
): CheckOutcome {
  try {
    const outcome = check.evaluate(facts, ctx);
    if (!outcome || typeof outcome.status !== 'string') {
      return {
        status: 'unknown',
        message: `Check '${check.id}' returned no outcome.`,
      };
    }
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'unknown',
      message: `Check '${check.id}' failed while evaluating: ${message}`,
      remediation:
        'This is a bug in the check or unexpected fact data; report it to the portal team.',
    };
  }
}

/**
 * Flattens a string built by many concatenations (a V8 rope) so a stored
 * result does not keep every fragment alive; a no-op elsewhere.
 */
function flat(text: string): string {
  // Converting to a number reads the whole string, which flattens a rope in place.
  Number(text);
  return text;
}

function toResult(
  check: CheckDefinition,
  outcome: CheckOutcome,
  waiver: Waiver | undefined,
): CheckResult {
  const status = outcome.status;
  const result: CheckResult = {
    id: check.id,
    dimension: check.dimension,
    title: check.title,
    status,
    severity: outcome.severity ?? check.severity,
    message: flat(outcome.message),
    evidence: outcome.evidence ?? [],
    // Declared up front (undefined is dropped by JSON) so every result has one shape.
    remediation:
      outcome.remediation && status !== 'pass' && status !== 'not-applicable'
        ? flat(outcome.remediation)
        : undefined,
    headroom: outcome.headroom,
    waived:
      waiver && (status === 'fail' || status === 'warn')
        ? {
            reason: waiver.reason,
            approvedBy: waiver.approvedBy,
            expiresAt: waiver.expiresAt,
          }
        : undefined,
  };
  return result;
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

const capacityIdCache = new WeakMap<readonly CheckDefinition[], Set<string>>();
const activeChecksCache = new WeakMap<
  readonly CheckDefinition[],
  Map<string, CheckDefinition[]>
>();

/** Capacity check ids of a catalogue (cached per catalogue array). */
export function capacityIdsOf(checks: readonly CheckDefinition[]): Set<string> {
  let ids = capacityIdCache.get(checks);
  if (!ids) {
    ids = new Set(checks.filter(c => c.capacity).map(c => c.id));
    capacityIdCache.set(checks, ids);
  }
  return ids;
}

/** The catalogue without disabled checks (cached per catalogue and disabled list). */
export function activeChecks(
  checks: readonly CheckDefinition[],
  disabled: readonly string[],
): CheckDefinition[] {
  let byKey = activeChecksCache.get(checks);
  if (!byKey) activeChecksCache.set(checks, (byKey = new Map()));
  const key = disabled.join('\n');
  let active = byKey.get(key);
  if (!active) {
    active = checks.filter(c => !isCheckDisabled(c.id, disabled));
    byKey.set(key, active);
  }
  return active;
}

/**
 * Evaluates one entity without its dependencies: checks, score and level with
 * `chain` holding only the entity's own limit. Use `evaluateAll` for chains.
 * Pure and deterministic for the same facts, config and `now`.
 * @public
 */
export function evaluateEntity(
  facts: EntityFacts,
  config: ReadinessConfig = DEFAULT_READINESS_CONFIG,
  options: EvaluateOptions & { waiverIndex?: WaiverIndex } = {},
): EntityResult {
  const now = options.now ?? new Date();
  const catalogue = withCustomChecks(
    options.checks ?? BUILTIN_CHECKS,
    config.customChecks,
  );
  const growth = effectiveGrowthOf(facts, config);
  const ctx: CheckContext = {
    growthFactor: growth.factor,
    thresholds: config.thresholds,
    now,
  };
  const waivers = (
    options.waiverIndex ?? indexWaivers(options.waivers, now)
  ).get(facts.entityRef.toLowerCase());
  const checks: CheckResult[] = [];
  for (const check of activeChecks(catalogue, config.disabledChecks)) {
    checks.push(
      toResult(check, runCheck(check, facts, ctx), waivers?.get(check.id)),
    );
  }
  const { score, dimensions, coverage } = scoreChecks(checks, config);
  const ownHeadroom = ownHeadroomOf(
    facts.entityRef,
    checks,
    capacityIdsOf(catalogue),
  );
  const result: EntityResult = {
    entityRef: facts.entityRef,
    kind: facts.kind,
    growthFactor: growth.factor,
    score,
    level: 'not-ready',
    dimensions,
    coverage,
    ownHeadroom,
    chain: ownOnlyChain(facts.entityRef, ownHeadroom),
    checks,
  };
  if (growth.scope !== 'global') result.growthScope = growth.scope;
  if (facts.type !== undefined) result.type = facts.type;
  if (facts.system !== undefined) result.system = facts.system;
  const owner = facts.ownership?.value?.ownerRef;
  if (owner !== undefined) result.owner = owner;
  if (facts.title !== undefined) result.title = facts.title;
  result.level = computeLevel(result, config);
  return result;
}
