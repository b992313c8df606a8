import type {
  ScorecardRow,
  TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Groups the weakest links of a team's components: one entry per limit
 * (entity + check) that breaks below the growth factor, with the number of the
 * team's components whose chain breaks there. Lowest headroom first.
 */
export function summariseWeakestLinks(
  rows: ScorecardRow[],
  growthFactor: number,
  max = 20,
): TeamScorecardResponse['weakestLinks'] {
  const byLimit = new Map<
    string,
    TeamScorecardResponse['weakestLinks'][number]
  >();
  for (const row of rows) {
    const link = row.weakestLink;
    if (!link || link.headroom === null || link.headroom >= growthFactor) {
      continue;
    }
    const key = `${link.entityRef}#${link.checkId}`;
    const existing = byLimit.get(key);
    if (existing) {
      existing.affected += 1;
    } else {
      byLimit.set(key, { ...link, affected: 1 });
    }
  }
  return [...byLimit.values()]
    .sort(
      (a, b) =>
        (a.headroom ?? Infinity) - (b.headroom ?? Infinity) ||
        b.affected - a.affected,
    )
    .slice(0, max);
}
