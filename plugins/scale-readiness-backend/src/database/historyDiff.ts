import type {
  CheckResult,
  CheckStatus,
  ReadinessLevel,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { StatusChanges } from './ReadinessStore';

/**
 * Check statuses that differ between two evaluations, keyed by check id.
 * A check missing on one side is reported as `null` on that side.
 */
export function diffCheckStatuses(
  before: ReadonlyArray<Pick<CheckResult, 'id' | 'status'>> | undefined,
  after: ReadonlyArray<Pick<CheckResult, 'id' | 'status'>>,
): StatusChanges {
  const previous = new Map<string, CheckStatus>();
  for (const check of before ?? []) {
    previous.set(check.id, check.status);
  }
  const next = new Map<string, CheckStatus>();
  for (const check of after) {
    next.set(check.id, check.status);
  }
  const changes: StatusChanges = {};
  const ids = [...new Set([...previous.keys(), ...next.keys()])].sort();
  for (const id of ids) {
    const a = previous.get(id) ?? null;
    const b = next.get(id) ?? null;
    if (a !== b) {
      changes[id] = [a, b];
    }
  }
  return changes;
}

/** Equal numbers (within float noise) or both null. */
export function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return Math.abs(a - b) < 1e-9;
}

/** The summary values a history row tracks. */
export interface ReadinessSummary {
  level: ReadinessLevel;
  score: number | null;
  chainHeadroom: number | null;
}

/** Whether a history entry is due: summary changed or any check status changed. */
export function isHistoryWorthy(
  before: ReadinessSummary | undefined,
  after: ReadinessSummary,
  changes: StatusChanges,
): boolean {
  if (!before) {
    return true;
  }
  return (
    before.level !== after.level ||
    !sameNumber(before.score, after.score) ||
    !sameNumber(before.chainHeadroom, after.chainHeadroom) ||
    Object.keys(changes).length > 0
  );
}
