/**
 * Turning stored results into frozen review snapshots, and the open action
 * items of a snapshot. Pure functions.
 */
import type {
  ActionItem,
  CheckStatus,
  EntityResult,
  ReviewComponentSnapshot,
  ReviewFinding,
  ScorecardRow,
  Severity,
} from '@scale-readiness/plugin-scale-readiness-common';

const FINDING_STATUSES: ReadonlySet<CheckStatus> = new Set([
  'fail',
  'warn',
  'unknown',
]);

/** Severity order, most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

const STATUS_RANK: Record<string, number> = { fail: 0, warn: 1, unknown: 2 };

/**
 * Freezes one component: the compact scorecard row (levels, headroom,
 * dimensions) plus every check's status and the non-passing findings of the
 * full result.
 */
export function toComponentSnapshot(
  row: ScorecardRow,
  result: EntityResult,
  growthFactor: number,
): ReviewComponentSnapshot {
  const findings: ReviewFinding[] = result.checks
    .filter(c => FINDING_STATUSES.has(c.status))
    .map(c => ({
      checkId: c.id,
      title: c.title,
      dimension: c.dimension,
      severity: c.severity,
      status: c.status,
      message: c.message,
      ...(c.remediation ? { remediation: c.remediation } : {}),
      ...(c.waived ? { waived: { ...c.waived } } : {}),
    }));
  return {
    entityRef: row.entityRef,
    ...(row.title ? { title: row.title } : {}),
    kind: row.kind,
    ...(row.type ? { type: row.type } : {}),
    ...(row.system ? { system: row.system } : {}),
    level: row.level,
    score: row.score,
    ownHeadroom: row.ownHeadroom,
    chainHeadroom: row.chainHeadroom,
    ...(row.weakestLink ? { weakestLink: row.weakestLink } : {}),
    atRisk:
      row.chainHeadroom !== null &&
      row.chainHeadroom < (row.growthFactor ?? growthFactor),
    coverage: row.coverage,
    dimensions: row.dimensions,
    checks: Object.fromEntries(
      result.checks.map(c => [c.id, c.waived ? 'waived' : c.status]),
    ),
    findings,
    evaluatedAt: row.evaluatedAt,
  };
}

/**
 * Open action items of a team: every unwaived fail, warn or unknown finding,
 * most severe first, then fail before warn before unknown, then by component
 * and check.
 */
export function actionItemsOf(
  components: readonly ReviewComponentSnapshot[],
): ActionItem[] {
  const items: ActionItem[] = [];
  for (const c of components) {
    for (const f of c.findings) {
      if (f.waived) continue;
      items.push({
        entityRef: c.entityRef,
        checkId: f.checkId,
        title: f.title,
        dimension: f.dimension,
        severity: f.severity,
        status: f.status,
        message: f.message,
        ...(f.remediation ? { remediation: f.remediation } : {}),
      });
    }
  }
  return items.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.checkId.localeCompare(b.checkId),
  );
}
