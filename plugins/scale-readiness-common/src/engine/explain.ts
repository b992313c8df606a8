/**
 * Why an entity has its level: the rules of the next level up that do not
 * hold, in words. One explanation, computed here, shown by every caller (entity
 * card and tab, team table, review page and export, CLI report).
 */
import {
  DEFAULT_READINESS_CONFIG,
  LevelRule,
  ReadinessConfig,
} from '../config';
import type {
  CheckResult,
  Dimension,
  EntityResult,
  ReadinessLevel,
  Severity,
} from '../results';
import { DIMENSIONS } from '../results';
import { BUILTIN_CHECKS } from './checks';
import type { CheckDefinition } from './types';

/** Display names of the levels. @public */
export const LEVEL_NAMES: Readonly<Record<ReadinessLevel, string>> = {
  'not-ready': 'Not ready',
  bronze: 'Bronze',
  silver: 'Silver',
  gold: 'Gold',
};

/** Display names of the dimensions. @public */
export const DIMENSION_NAMES: Readonly<Record<Dimension, string>> = {
  autoscaling: 'Autoscaling',
  quotas: 'Quotas',
  docs: 'Docs',
  ownership: 'Owner permissions',
};

/** A failing check as the explanation names it. @public */
export interface FailingCheckRef {
  id: string;
  title: string;
  dimension?: Dimension;
  severity?: Severity;
}

/** What {@link explainLevel} reads; every caller has these numbers. @public */
export interface LevelExplanationInput {
  level: ReadinessLevel;
  score: number | null;
  /** Share of applicable checks evaluated, 0–1. */
  coverageRatio: number;
  growthFactor: number;
  /** Chain headroom; null = unbounded or unknown. */
  chainHeadroom: number | null;
  weakestLink?: {
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message?: string;
  };
  /**
   * Unwaived failing checks. Title, dimension and severity are looked up in
   * the check catalogue when missing (a scorecard row carries only ids).
   */
  failing: ReadonlyArray<string | (Partial<FailingCheckRef> & { id: string })>;
}

/** One rule of the next level that does not hold. @public */
export type LevelReason =
  | {
      kind: 'chain';
      /** The chain breaks at this factor, below the growth factor. */
      headroom: number;
      growthFactor: number;
      entityRef: string;
      /** Display name of the weakest link. */
      entityName: string;
      checkId: string;
      /** The limit that breaks, e.g. `inventory table write capacity`. */
      limit: string;
    }
  | { kind: 'score'; score: number | null; minScore: number }
  | {
      kind: 'failures';
      /** `any` for the rule on failures of every severity. */
      severity: 'critical' | 'high' | 'any';
      max: number;
      checks: FailingCheckRef[];
    }
  | { kind: 'coverage'; ratio: number; minCoverage: number };

/** Why an entity has its level. @public */
export interface LevelExplanation {
  level: ReadinessLevel;
  /** The level whose rules were checked (the next one up); null at gold. */
  nextLevel: Exclude<ReadinessLevel, 'not-ready'> | null;
  /** Unmet rules of `nextLevel`, most telling first (empty at gold). */
  reasons: LevelReason[];
  /** One sentence, e.g. "Bronze because the chain breaks at 1.4× at Inventory table (write capacity)." */
  text: string;
}

/** Options of {@link explainLevel}. @public */
export interface ExplainOptions {
  /** Display name of an entity ref (its title); default the ref's name. */
  displayName?: (entityRef: string) => string | undefined;
  /** Check catalogue for titles, dimensions and severities (default built-in). */
  checks?: readonly CheckDefinition[];
}

const ORDER: ReadinessLevel[] = ['not-ready', 'bronze', 'silver', 'gold'];

function nameOfRef(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return ref.slice(Math.max(slash, colon) + 1);
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The limit named in a capacity message ("Weakest quota limit: quota 'x' (…), …"):
 * the quoted quota name or the workload, without ids in parentheses.
 */
export function limitLabelOf(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const m = /^Weakest [^:]+ limit: (.+?), /.exec(message);
  if (!m) return undefined;
  const label = m[1].replace(/\s*\([^)]*\)\s*$/, '').trim();
  const quoted = /^[a-z ]*'(.+)'$/i.exec(label);
  return quoted ? quoted[1] : label;
}

function resolveFailing(
  failing: LevelExplanationInput['failing'],
  catalogue: readonly CheckDefinition[],
): FailingCheckRef[] {
  return failing.map(f => {
    const ref = typeof f === 'string' ? { id: f } : f;
    const def = catalogue.find(c => c.id === ref.id);
    return {
      id: ref.id,
      title: ref.title ?? def?.title ?? ref.id,
      dimension: ref.dimension ?? def?.dimension,
      severity: ref.severity ?? def?.severity,
    };
  });
}

function unmetRules(
  rule: LevelRule,
  input: LevelExplanationInput,
  failing: FailingCheckRef[],
  options: ExplainOptions,
): LevelReason[] {
  const reasons: LevelReason[] = [];
  const link = input.weakestLink;
  if (
    rule.requireChainHeadroom &&
    input.chainHeadroom !== null &&
    input.chainHeadroom < input.growthFactor
  ) {
    const entityRef = link?.entityRef ?? '';
    const def = (options.checks ?? BUILTIN_CHECKS).find(
      c => c.id === link?.checkId,
    );
    reasons.push({
      kind: 'chain',
      headroom: input.chainHeadroom,
      growthFactor: input.growthFactor,
      entityRef,
      entityName:
        (entityRef && options.displayName?.(entityRef)) ||
        (entityRef ? nameOfRef(entityRef) : 'an unnamed dependency'),
      checkId: link?.checkId ?? '',
      limit:
        limitLabelOf(link?.message) ?? def?.title ?? link?.checkId ?? 'limit',
    });
  }
  const bySeverity = (s: Severity) => failing.filter(f => f.severity === s);
  if (
    rule.maxCriticalFailures !== undefined &&
    bySeverity('critical').length > rule.maxCriticalFailures
  ) {
    reasons.push({
      kind: 'failures',
      severity: 'critical',
      max: rule.maxCriticalFailures,
      checks: bySeverity('critical'),
    });
  }
  if (
    rule.maxHighFailures !== undefined &&
    bySeverity('high').length > rule.maxHighFailures
  ) {
    reasons.push({
      kind: 'failures',
      severity: 'high',
      max: rule.maxHighFailures,
      checks: bySeverity('high'),
    });
  }
  if (rule.maxFailures !== undefined && failing.length > rule.maxFailures) {
    const named = new Set(
      reasons.flatMap(r => (r.kind === 'failures' ? r.checks : [])),
    );
    const rest = failing.filter(f => !named.has(f));
    if (rest.length > 0 || named.size <= rule.maxFailures) {
      reasons.push({
        kind: 'failures',
        severity: 'any',
        max: rule.maxFailures,
        checks: rest.length > 0 ? rest : failing,
      });
    }
  }
  if (input.score === null || input.score < rule.minScore) {
    reasons.push({
      kind: 'score',
      score: input.score,
      minScore: rule.minScore,
    });
  }
  if (
    rule.minCoverage !== undefined &&
    input.coverageRatio < rule.minCoverage
  ) {
    reasons.push({
      kind: 'coverage',
      ratio: input.coverageRatio,
      minCoverage: rule.minCoverage,
    });
  }
  return reasons;
}

function dimensionsSentence(checks: FailingCheckRef[]): string {
  const dims = DIMENSIONS.filter(d => checks.some(c => c.dimension === d));
  const titles = checks.map(c => c.title);
  const shown = titles.slice(0, 2).join(', ');
  const more = titles.length > 2 ? ` and ${titles.length - 2} more` : '';
  if (dims.length === 0) return `${shown}${more} fails`;
  const names = dims.map(d => DIMENSION_NAMES[d]);
  const list =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${list} ${names.length === 1 ? 'fails' : 'fail'} (${shown}${more})`;
}

/** One reason in words. @public */
export function describeLevelReason(reason: LevelReason): string {
  switch (reason.kind) {
    case 'chain':
      return `the chain breaks at ${fmt(reason.headroom)}× at ${
        reason.entityName
      } (${reason.limit}), below the ${fmt(reason.growthFactor)}× target`;
    case 'score':
      return reason.score === null
        ? 'no check could be scored'
        : `the score ${fmt(reason.score)} is below ${fmt(reason.minScore)}`;
    case 'failures':
      return dimensionsSentence(reason.checks);
    case 'coverage':
      return `only ${Math.round(
        reason.ratio * 100,
      )}% of the checks could be evaluated (needs ${Math.round(
        reason.minCoverage * 100,
      )}%)`;
    default:
      return '';
  }
}

/**
 * Explains a level: which rules of the next level up do not hold. The level
 * rule (see `LevelRule`): a level is the highest whose every rule holds; the
 * score alone never decides it. Pure.
 * @public
 */
export function explainLevel(
  input: LevelExplanationInput,
  config: Pick<ReadinessConfig, 'levels'> = DEFAULT_READINESS_CONFIG,
  options: ExplainOptions = {},
): LevelExplanation {
  const failing = resolveFailing(
    input.failing,
    options.checks ?? BUILTIN_CHECKS,
  );
  const name = LEVEL_NAMES[input.level];
  if (input.level === 'gold') {
    const gold = config.levels.gold;
    const parts = [`score ${input.score === null ? '–' : fmt(input.score)}`];
    if (gold.maxFailures === 0) parts.push('no open failing check');
    else if (gold.maxCriticalFailures === 0 && gold.maxHighFailures === 0)
      parts.push('no open critical or high failure');
    if (gold.requireChainHeadroom)
      parts.push(`the chain survives ${fmt(input.growthFactor)}×`);
    const list =
      parts.length === 1
        ? parts[0]
        : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    return {
      level: 'gold',
      nextLevel: null,
      reasons: [],
      text: `Gold: ${list}.`,
    };
  }
  // The next level up; when its rules all hold (a non-monotone configuration),
  // explain the first higher level that does not.
  let reasons: LevelReason[] = [];
  let next: LevelExplanation['nextLevel'] = null;
  for (let i = ORDER.indexOf(input.level) + 1; i < ORDER.length; i++) {
    const level = ORDER[i] as 'bronze' | 'silver' | 'gold';
    reasons = unmetRules(config.levels[level], input, failing, options);
    next = level;
    if (reasons.length > 0) break;
  }
  const text =
    reasons.length === 0
      ? `${name}.`
      : `${name} because ${reasons
          .slice(0, 2)
          .map(describeLevelReason)
          .join('; and ')}${
          reasons.length > 2 ? ` (and ${reasons.length - 2} more)` : ''
        }.`;
  return { level: input.level, nextLevel: next, reasons, text };
}

/** The explanation input of a full result (unwaived failing checks). @public */
export function levelExplanationInputOf(
  result: Pick<
    EntityResult,
    'level' | 'score' | 'coverage' | 'growthFactor' | 'chain' | 'checks'
  >,
): LevelExplanationInput {
  const failing: FailingCheckRef[] = result.checks
    .filter((c: CheckResult) => c.status === 'fail' && !c.waived)
    .map(c => ({
      id: c.id,
      title: c.title,
      dimension: c.dimension,
      severity: c.severity,
    }));
  return {
    level: result.level,
    score: result.score,
    coverageRatio: result.coverage.ratio,
    growthFactor: result.growthFactor,
    chainHeadroom: result.chain.headroom,
    weakestLink: result.chain.weakestLink ?? undefined,
    failing,
  };
}

/** {@link explainLevel} of a full result. @public */
export function explainResult(
  result: Parameters<typeof levelExplanationInputOf>[0],
  config: Pick<ReadinessConfig, 'levels'> = DEFAULT_READINESS_CONFIG,
  options: ExplainOptions = {},
): LevelExplanation {
  return explainLevel(levelExplanationInputOf(result), config, options);
}
