/**
 * Engine configuration: growth factor, weights, thresholds and levels, with
 * defaults and validation. Pure; the backend reads `scaleReadiness` from
 * app-config and passes it through {@link readinessConfigFromAppConfig}.
 */
import type { Thresholds } from './engine/types';
import { type CustomCheckSpec, parseCustomChecks } from './customCheckConfig';
import { type GrowthConfig, parseGrowthConfig } from './growth';
import { checkKeys, fail, isRecord, number, weights } from './configValidation';
import { DIMENSIONS } from './results';
import type { Dimension, Severity } from './results';

/** Every severity, most severe first. @public */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
] as const;

/** Default check thresholds (see {@link Thresholds} for what each one means). @public */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  minReplicas: 2,
  minGracePeriodSeconds: 30,
  docsMaxAgeDays: 180,
  loadTestMaxAgeDays: 180,
  loadTestMaxErrorRate: 0.01,
  minChampions: 2,
  ciJobFactor: 10,
  headroomWarnMargin: 1.2,
});

/**
 * What an entity needs to reach a level. Levels are tried from gold down to
 * bronze; the first one whose every rule holds wins, otherwise `not-ready`.
 * @public
 */
export interface LevelRule {
  /** Minimum overall score 0–100 (an entity with a null score never reaches a level). */
  minScore: number;
  /**
   * Chain headroom must be at least the growth factor. An unbounded chain
   * (headroom null) satisfies it.
   */
  requireChainHeadroom?: boolean;
  /** Maximum number of unwaived `fail` results of severity `critical`. */
  maxCriticalFailures?: number;
  /** Maximum number of unwaived `fail` results of severity `high`. */
  maxHighFailures?: number;
  /**
   * Maximum number of unwaived `fail` results of any severity. Gold defaults
   * to 0: a gold component has no open failing check, so no page shows Gold
   * next to a failing check.
   */
  maxFailures?: number;
  /** Minimum coverage ratio 0–1 (share of applicable checks that are not `unknown`). */
  minCoverage?: number;
}

/** Level rules, highest first. @public */
export interface LevelRules {
  gold: LevelRule;
  silver: LevelRule;
  bronze: LevelRule;
}

/** Fully resolved engine configuration. @public */
export interface ReadinessConfig {
  /** Growth factor to test against ("does it survive 3×?"); > 0. Default 3. */
  growthFactor: number;
  /**
   * Check ids to skip. An entry ending in `*` disables every check whose id
   * starts with the part before it (e.g. `scale-in.*`).
   */
  disabledChecks: string[];
  /** Weight of each dimension in the overall score. */
  dimensionWeights: Record<Dimension, number>;
  /** Weight of a check of each severity in its dimension score. */
  severityWeights: Record<Severity, number>;
  thresholds: Thresholds;
  levels: LevelRules;
  /** Checks written in app-config as JSONata conditions (see `docs/checks.md`). */
  customChecks?: CustomCheckSpec[];
  /** Growth factors per System (scoped growth); see `effectiveGrowthOf`. */
  growth?: GrowthConfig;
}

/** Recursive partial, used for configuration overrides. @public */
export type DeepPartial<T> = T extends Array<infer U>
  ? Array<U>
  : T extends object
  ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The defaults, as documented in `docs/checks.md` (deeply frozen). @public */
export const DEFAULT_READINESS_CONFIG: Readonly<ReadinessConfig> = deepFreeze({
  growthFactor: 3,
  disabledChecks: [],
  dimensionWeights: { autoscaling: 35, quotas: 25, docs: 15, ownership: 25 },
  severityWeights: { critical: 8, high: 4, medium: 2, low: 1 },
  thresholds: { ...DEFAULT_THRESHOLDS },
  levels: {
    gold: {
      minScore: 90,
      requireChainHeadroom: true,
      maxCriticalFailures: 0,
      maxHighFailures: 0,
      maxFailures: 0,
    },
    silver: {
      minScore: 75,
      requireChainHeadroom: true,
      maxCriticalFailures: 0,
    },
    bronze: { minScore: 50 },
  },
  customChecks: [],
  growth: { systems: {}, referenceFactor: 3 },
});

const LEVEL_NAMES = ['gold', 'silver', 'bronze'] as const;
const LEVEL_RULE_KEYS: ReadonlyArray<keyof LevelRule> = [
  'minScore',
  'requireChainHeadroom',
  'maxCriticalFailures',
  'maxHighFailures',
  'maxFailures',
  'minCoverage',
];
const TOP_LEVEL_KEYS: ReadonlyArray<keyof ReadinessConfig> = [
  'growthFactor',
  'disabledChecks',
  'dimensionWeights',
  'severityWeights',
  'thresholds',
  'levels',
  'customChecks',
  'growth',
];

const THRESHOLD_RULES: Record<
  keyof Thresholds,
  { min?: number; max?: number; integer?: boolean; positive?: boolean }
> = {
  minReplicas: { min: 0, integer: true },
  minGracePeriodSeconds: { min: 0 },
  docsMaxAgeDays: { positive: true },
  loadTestMaxAgeDays: { positive: true },
  loadTestMaxErrorRate: { min: 0, max: 1 },
  minChampions: { min: 1, integer: true },
  ciJobFactor: { positive: true },
  headroomWarnMargin: { min: 1 },
};

function thresholds(raw: unknown, defaults: Thresholds): Thresholds {
  const result = { ...defaults };
  if (raw === undefined) return result;
  const keys = Object.keys(THRESHOLD_RULES) as Array<keyof Thresholds>;
  const obj = checkKeys('thresholds', raw, keys);
  for (const key of keys) {
    if (obj[key] !== undefined)
      result[key] = number(`thresholds.${key}`, obj[key], THRESHOLD_RULES[key]);
  }
  return result;
}

function levelRule(path: string, raw: unknown, defaults: LevelRule): LevelRule {
  const result: LevelRule = { ...defaults };
  if (raw === undefined) return result;
  const obj = checkKeys(path, raw, LEVEL_RULE_KEYS);
  if (obj.minScore !== undefined)
    result.minScore = number(`${path}.minScore`, obj.minScore, {
      min: 0,
      max: 100,
    });
  if (obj.requireChainHeadroom !== undefined) {
    if (typeof obj.requireChainHeadroom !== 'boolean')
      fail(`${path}.requireChainHeadroom`, 'must be a boolean');
    result.requireChainHeadroom = obj.requireChainHeadroom;
  }
  for (const key of [
    'maxCriticalFailures',
    'maxHighFailures',
    'maxFailures',
  ] as const) {
    if (obj[key] !== undefined)
      result[key] = number(`${path}.${key}`, obj[key], {
        min: 0,
        integer: true,
      });
  }
  if (obj.minCoverage !== undefined)
    result.minCoverage = number(`${path}.minCoverage`, obj.minCoverage, {
      min: 0,
      max: 1,
    });
  return result;
}

/**
 * Merges a partial configuration over {@link DEFAULT_READINESS_CONFIG} and
 * validates it. Throws an `Error` naming the offending key on a non-positive
 * growth factor, negative weight, unknown dimension/severity/threshold/level key,
 * or a level order that is not gold ≥ silver ≥ bronze.
 * @public
 */
export function resolveReadinessConfig(
  partial?: DeepPartial<ReadinessConfig> | null,
): ReadinessConfig {
  const raw: Record<string, unknown> =
    partial === undefined || partial === null
      ? {}
      : checkKeys('(root)', partial, TOP_LEVEL_KEYS);
  const d = DEFAULT_READINESS_CONFIG;
  const growthFactor =
    raw.growthFactor === undefined
      ? d.growthFactor
      : number('growthFactor', raw.growthFactor, { positive: true });

  let disabledChecks: string[] = [...d.disabledChecks];
  if (raw.disabledChecks !== undefined) {
    if (
      !Array.isArray(raw.disabledChecks) ||
      raw.disabledChecks.some(id => typeof id !== 'string' || id.trim() === '')
    ) {
      fail('disabledChecks', 'must be a list of check ids');
    }
    disabledChecks = (raw.disabledChecks as string[]).map(id => id.trim());
  }

  const dimensionWeights = weights(
    'dimensionWeights',
    raw.dimensionWeights,
    DIMENSIONS,
    d.dimensionWeights,
  );
  if (DIMENSIONS.every(dim => dimensionWeights[dim] === 0))
    fail(
      'dimensionWeights',
      'must give at least one dimension a weight above 0',
    );
  const severityWeights = weights(
    'severityWeights',
    raw.severityWeights,
    SEVERITIES,
    d.severityWeights,
  );
  if (SEVERITIES.every(sev => severityWeights[sev] === 0))
    fail('severityWeights', 'must give at least one severity a weight above 0');

  let levels: LevelRules = {
    gold: { ...d.levels.gold },
    silver: { ...d.levels.silver },
    bronze: { ...d.levels.bronze },
  };
  if (raw.levels !== undefined) {
    const obj = checkKeys('levels', raw.levels, LEVEL_NAMES);
    levels = {
      gold: levelRule('levels.gold', obj.gold, d.levels.gold),
      silver: levelRule('levels.silver', obj.silver, d.levels.silver),
      bronze: levelRule('levels.bronze', obj.bronze, d.levels.bronze),
    };
  }
  if (
    levels.gold.minScore < levels.silver.minScore ||
    levels.silver.minScore < levels.bronze.minScore
  ) {
    fail(
      'levels',
      `minScore must be ordered gold ≥ silver ≥ bronze (got ${levels.gold.minScore}, ${levels.silver.minScore}, ${levels.bronze.minScore})`,
    );
  }

  return {
    growthFactor,
    disabledChecks,
    dimensionWeights,
    severityWeights,
    thresholds: thresholds(raw.thresholds, d.thresholds),
    levels,
    customChecks: parseCustomChecks(raw.customChecks),
    growth: parseGrowthConfig(raw.growth, referenceFactorOf(raw, growthFactor)),
  };
}

/** The factor scoped growth is relative to: kept from a resolved config, else the global factor. */
function referenceFactorOf(
  raw: Record<string, unknown>,
  growthFactor: number,
): number {
  const kept = isRecord(raw.growth) ? raw.growth.referenceFactor : undefined;
  return typeof kept === 'number' && Number.isFinite(kept) && kept > 0
    ? kept
    : growthFactor;
}

/**
 * Builds a {@link ReadinessConfig} from the `scaleReadiness` block of app-config
 * (as plain JSON, e.g. `config.getOptional('scaleReadiness')`). Reads
 * `growthFactor`, `disabledChecks`, `weights.dimensions`, `weights.severity`,
 * `thresholds`, `levels`, `customChecks` and `growth`; every other key of the block (schedules, champions,
 * executors…) is ignored here. Validates like {@link resolveReadinessConfig}.
 * @public
 */
export function readinessConfigFromAppConfig(block: unknown): ReadinessConfig {
  if (block === undefined || block === null) return resolveReadinessConfig();
  if (!isRecord(block)) fail('scaleReadiness', 'must be an object');
  let dimensionWeights: unknown;
  let severityWeights: unknown;
  if (block.weights !== undefined) {
    const w = checkKeys('weights', block.weights, ['dimensions', 'severity']);
    dimensionWeights = w.dimensions;
    severityWeights = w.severity;
  }
  const partial: Record<string, unknown> = {
    growthFactor: block.growthFactor,
    disabledChecks: block.disabledChecks,
    dimensionWeights,
    severityWeights,
    thresholds: block.thresholds,
    levels: block.levels,
    customChecks: block.customChecks,
    growth: block.growth,
  };
  for (const key of Object.keys(partial))
    if (partial[key] === undefined) delete partial[key];
  return resolveReadinessConfig(partial as DeepPartial<ReadinessConfig>);
}

/** Whether a check id is disabled by `disabledChecks` (exact id or `prefix*`). @public */
export function isCheckDisabled(
  checkId: string,
  disabledChecks: readonly string[],
): boolean {
  for (const entry of disabledChecks) {
    if (entry === checkId) return true;
    if (entry.endsWith('*') && checkId.startsWith(entry.slice(0, -1)))
      return true;
  }
  return false;
}
