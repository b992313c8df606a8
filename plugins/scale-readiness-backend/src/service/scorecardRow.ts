import {
  type CheckStatus,
  DIMENSIONS,
  type EntityResult,
  type ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';

const SEVERITY_OF_STATUS: Record<CheckStatus, number> = {
  fail: 4,
  unknown: 3,
  warn: 2,
  pass: 1,
  'not-applicable': 0,
};

/** The compact row served by team scorecards, built from a full result. */
export function toScorecardRow(result: EntityResult, at: Date): ScorecardRow {
  const dimensions = {} as ScorecardRow['dimensions'];
  for (const dimension of DIMENSIONS) {
    let worst: CheckStatus | null = null;
    for (const check of result.checks) {
      if (check.dimension !== dimension || check.waived) continue;
      if (
        !worst ||
        SEVERITY_OF_STATUS[check.status] > SEVERITY_OF_STATUS[worst]
      ) {
        worst = check.status;
      }
    }
    const score =
      result.dimensions.find(d => d.dimension === dimension)?.score ?? null;
    dimensions[dimension] = { score, worst };
  }
  return {
    entityRef: result.entityRef,
    title: result.title,
    kind: result.kind,
    type: result.type,
    system: result.system,
    owner: result.owner,
    level: result.level,
    score: result.score,
    ownHeadroom: result.ownHeadroom?.headroom ?? null,
    chainHeadroom: result.chain.headroom,
    weakestLink: result.chain.weakestLink,
    coverage: result.coverage.ratio,
    ...(result.growthScope ? { growthFactor: result.growthFactor } : {}),
    dimensions,
    failing: result.checks
      .filter(c => c.status === 'fail' && !c.waived)
      .map(c => c.id),
    evaluatedAt: at.toISOString(),
  };
}
