/**
 * The CSV exports of a review: one row per component for a team, one row per
 * team for the org.
 */
import {
  DIMENSIONS,
  explainRow,
  type ComponentChange,
  type ReadinessConfig,
  type ReviewComponentSnapshot,
  type ReviewDetailResponse,
  type ReviewTeamResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  CsvTable,
  CsvValue,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Columns of the per-team (component) CSV. */
export const TEAM_CSV_COLUMNS = [
  'review_id',
  'review_title',
  'taken_at',
  'team',
  'entity_ref',
  'title',
  'kind',
  'level',
  'previous_level',
  'change',
  'score',
  'previous_score',
  'own_headroom',
  'chain_headroom',
  'at_risk',
  'coverage',
  ...DIMENSIONS,
  'open_findings',
  'waived_findings',
  'level_reason',
];

/** Columns of the org-wide (team) CSV. */
export const ORG_CSV_COLUMNS = [
  'review_id',
  'review_title',
  'taken_at',
  'team',
  'title',
  'parent',
  'components',
  'score',
  'previous_score',
  'not_ready',
  'bronze',
  'silver',
  'gold',
  'at_risk',
  'coverage',
  'improved',
  'regressed',
  'new',
  'removed',
  'action_items',
  'signed_off_by',
  'signed_off_at',
];

/**
 * The level explanation of each component of a team review (the sentence the
 * portal shows next to the level), with the team's components named by title.
 */
export function levelReasons(
  data: Pick<ReviewTeamResponse, 'review' | 'components'>,
  levels?: ReadinessConfig['levels'],
): (c: ReviewComponentSnapshot) => string {
  const titles = new Map(
    data.components.flatMap(c => (c.title ? [[c.entityRef, c.title]] : [])),
  );
  return c =>
    explainRow(c, data.review.growthFactor, levels ? { levels } : undefined, {
      displayName: ref => titles.get(ref),
    }).text;
}

/** Components of a team review as a table (current components, then removed ones). */
export function teamCsvTable(
  data: ReviewTeamResponse,
  levels?: ReadinessConfig['levels'],
): CsvTable {
  const why = levelReasons(data, levels);
  const { review, team, changes } = data;
  const byRef = new Map<string, ComponentChange>(
    changes.components.map(c => [c.entityRef, c]),
  );
  const hasBaseline = !!changes.previousReviewId;
  const head = [review.id, review.title, review.takenAt, team.teamRef];
  const rows: CsvValue[][] = data.components.map(c => {
    const change = byRef.get(c.entityRef);
    const open = c.findings.filter(f => !f.waived).length;
    // unchanged components are not listed in the changes: same as now
    const unchanged = hasBaseline && !change;
    return [
      ...head,
      c.entityRef,
      c.title,
      c.kind,
      c.level,
      unchanged ? c.level : change?.levelBefore,
      unchanged ? 'unchanged' : change?.change,
      c.score,
      unchanged ? c.score : change?.scoreBefore,
      c.ownHeadroom,
      c.chainHeadroom,
      c.atRisk,
      c.coverage,
      ...DIMENSIONS.map(d => c.dimensions[d]?.score ?? null),
      open,
      c.findings.length - open,
      why(c),
    ];
  });
  for (const removed of changes.components.filter(
    c => c.change === 'removed',
  )) {
    rows.push([
      ...head,
      removed.entityRef,
      removed.title,
      undefined,
      undefined,
      removed.levelBefore,
      'removed',
      undefined,
      removed.scoreBefore,
      undefined,
      undefined,
      undefined,
      undefined,
      ...DIMENSIONS.map(() => undefined),
      undefined,
      undefined,
      undefined,
    ]);
  }
  return { columns: TEAM_CSV_COLUMNS, rows };
}

/** Teams of a review as a table. */
export function orgCsvTable(data: ReviewDetailResponse): CsvTable {
  const { review } = data;
  return {
    columns: ORG_CSV_COLUMNS,
    rows: data.teams.map(t => [
      review.id,
      review.title,
      review.takenAt,
      t.teamRef,
      t.title,
      t.parentRef,
      t.components,
      t.score,
      t.scoreBefore,
      t.rollup.levels['not-ready'],
      t.rollup.levels.bronze,
      t.rollup.levels.silver,
      t.rollup.levels.gold,
      t.rollup.atRisk,
      t.rollup.coverage,
      t.counts.improved,
      t.counts.regressed,
      t.counts.new,
      t.counts.removed,
      t.actionItems,
      t.signOffs.map(s => s.userRef).join('; '),
      t.signOffs[0]?.signedAt,
    ]),
  };
}
