/**
 * Evaluation of one entity: run the checks, apply waivers, score, level.
 */
import {
  DEFAULT_READINESS_CONFIG,
  isCheckDisabled,
  ReadinessConfig,
} from '../config';
import type { EntityFacts } from '../facts';
import type { CheckResult, EntityResult } from '../results';
import { BUILTIN_CHECKS } from './checks';
import { withCustomChecks } from './customChecks';
import { effectiveGrowthOf } from '../growth';
import { computeLevel } from './level';
import { ownHeadroomOf, ownOnlyChain, scoreChecks } from './score';
import type {
  CheckContext,
  CheckDefinition,
  CheckOutcome,
  EvaluateOptions,
  Waiver,
} from './types';

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
