import type {
  EntityResult,
  ReadinessLevel,
} from '@scale-readiness/plugin-scale-readiness-common';
import { InputError } from '../errors';

/** One `--fail-on` condition. @public */
export type GateCondition =
  | { type: 'level'; level: ReadinessLevel }
  | { type: 'status'; status: 'fail' | 'warn' | 'unknown' }
  | { type: 'problems' }
  | { type: 'unowned' }
  | { type: 'none' };

/** Levels from worst to best. */
const LEVELS: readonly ReadinessLevel[] = [
  'not-ready',
  'bronze',
  'silver',
  'gold',
];
const STATUSES = ['fail', 'warn', 'unknown'] as const;

/**
 * Parses `--fail-on`: a comma-separated list of levels (`not-ready`,
 * `bronze`, `silver`, `gold`: fail when a component is at that level or
 * below), check statuses (`fail`; `warn` = warn or fail; `unknown`: fail when
 * such a check exists), `problems` (fail when an input problem was reported),
 * `unowned` (fail when a Kubernetes object matches no component) or `none`. Throws an InputError on anything else.
 * @public
 */
export function parseFailOn(value: string): GateCondition[] {
  const parts = value
    .split(',')
    .map(p => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) throw new InputError('--fail-on needs a value');
  return parts.map(part => {
    if ((LEVELS as readonly string[]).includes(part)) {
      return { type: 'level', level: part as ReadinessLevel };
    }
    if ((STATUSES as readonly string[]).includes(part)) {
      return { type: 'status', status: part as (typeof STATUSES)[number] };
    }
    if (part === 'problems') return { type: 'problems' };
    if (part === 'unowned') return { type: 'unowned' };
    if (part === 'none') return { type: 'none' };
    throw new InputError(
      `--fail-on: '${part}' is not a level (${LEVELS.join(
        ', ',
      )}), a check status (${STATUSES.join(
        ', ',
      )}), 'problems', 'unowned' or 'none'`,
    );
  });
}

/** Why one component failed the gate. @public */
export interface GateFailure {
  /** The component, or `(input)` for `--fail-on problems`. */
  entityRef: string;
  /** The check that failed it, for status conditions. */
  checkId?: string;
  reason: string;
}

/** The verdict of the gate. @public */
export interface GateResult {
  passed: boolean;
  /** The `--fail-on` conditions as given (normalised). */
  failOn: string[];
  minHeadroom: number | null;
  failures: GateFailure[];
}

/** Options of {@link evaluateGate}. @public */
export interface GateOptions {
  failOn: GateCondition[];
  /** Fail when a component's chain headroom is below this (unbounded passes). */
  minHeadroom?: number;
  /** Kubernetes objects that match no component (for `--fail-on unowned`). */
  unownedCount?: number;
}

function conditionName(c: GateCondition): string {
  switch (c.type) {
    case 'level':
      return c.level;
    case 'status':
      return c.status;
    default:
      return c.type;
  }
}

function statusMatches(condition: 'fail' | 'warn' | 'unknown', status: string) {
  if (condition === 'warn') return status === 'warn' || status === 'fail';
  return status === condition;
}

/**
 * Applies the gate to the scored components: every condition is checked for
 * every component; waived checks never fail it.
 * @public
 */
export function evaluateGate(
  results: ReadonlyArray<EntityResult>,
  problemCount: number,
  options: GateOptions,
): GateResult {
  const failures: GateFailure[] = [];
  for (const condition of options.failOn) {
    if (condition.type === 'problems' && problemCount > 0) {
      failures.push({
        entityRef: '(input)',
        reason: `${problemCount} input problem${
          problemCount === 1 ? '' : 's'
        } reported`,
      });
    }
    const unowned = options.unownedCount ?? 0;
    if (condition.type === 'unowned' && unowned > 0) {
      failures.push({
        entityRef: '(input)',
        reason: `${unowned} Kubernetes object${unowned === 1 ? '' : 's'} match${
          unowned === 1 ? 'es' : ''
        } no component`,
      });
    }
  }
  for (const result of results) {
    for (const condition of options.failOn) {
      if (condition.type === 'level') {
        if (LEVELS.indexOf(result.level) <= LEVELS.indexOf(condition.level)) {
          failures.push({
            entityRef: result.entityRef,
            reason: `level ${result.level} (--fail-on ${condition.level})`,
          });
        }
      } else if (condition.type === 'status') {
        for (const check of result.checks) {
          if (check.waived || !statusMatches(condition.status, check.status)) {
            continue;
          }
          failures.push({
            entityRef: result.entityRef,
            checkId: check.id,
            reason: `${check.id} ${check.status}: ${check.message}`,
          });
        }
      }
    }
    const headroom = result.chain.headroom;
    if (
      options.minHeadroom !== undefined &&
      headroom !== null &&
      headroom < options.minHeadroom
    ) {
      const link = result.chain.weakestLink;
      failures.push({
        entityRef: result.entityRef,
        checkId: link?.checkId,
        reason: `chain headroom ${headroom}× is below --min-headroom ${
          options.minHeadroom
        }×${link ? ` (weakest link ${link.entityRef} ${link.checkId})` : ''}`,
      });
    }
  }
  const seen = new Set<string>();
  const unique = failures.filter(f => {
    const key = `${f.entityRef}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    passed: unique.length === 0,
    failOn: options.failOn.map(conditionName),
    minHeadroom: options.minHeadroom ?? null,
    failures: unique,
  };
}
