import type { Knex } from 'knex';
import type {
  ReadinessLevel,
  Rollup,
  ScorecardRow,
  TeamOverviewRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ListTeamRollupsOptions, TeamRollupSort } from './ReadinessStore';
import {
  addToRollup,
  createRollupAccumulator,
  finishRollup,
  RollupInput,
} from './rollup';
import { DbResultsRow, DbTeamRollupsRow, DbTimestamp, TABLES } from './tables';
import { escapeLike, toNumberOrNull } from './util';

/** Rows read per page when streaming over results. */
const PAGE_SIZE = 1000;

/**
 * One-row table with the org-wide rollup and the number of team rows, written
 * in the same transaction as `team_rollups` (migration 20261125040000).
 */
const ORG_ROLLUP_TABLE = 'org_rollup';
const ORG_ROLLUP_ID = 'org';

interface DbOrgRollupRow {
  id: string;
  growth_factor: number;
  teams: number;
  rollup: string;
  updated_at: DbTimestamp;
}

/**
 * Streams every result as a rollup input, page by page (keyset on entity_ref).
 * Reads the compact columns plus the compact `row` JSON (for dimensions);
 * never the full result JSON.
 */
async function forEachRollupInput(
  db: Knex,
  visit: (ownerRef: string | null, input: RollupInput) => void,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    let query = db<DbResultsRow>(TABLES.results)
      .select(
        'entity_ref',
        'owner_ref',
        'level',
        'score',
        'chain_headroom',
        'coverage',
        'row',
      )
      .orderBy('entity_ref')
      .limit(PAGE_SIZE);
    if (after !== undefined) {
      query = query.where('entity_ref', '>', after);
    }
    const rows = await query;
    for (const r of rows) {
      const compact = JSON.parse(r.row) as Partial<ScorecardRow>;
      visit(r.owner_ref ?? null, {
        level: r.level as ReadinessLevel,
        score: toNumberOrNull(r.score),
        chainHeadroom: toNumberOrNull(r.chain_headroom),
        coverage: toNumberOrNull(r.coverage) ?? 0,
        dimensions: compact.dimensions as ScorecardRow['dimensions'],
        growthFactor: compact.growthFactor,
      });
    }
    if (rows.length < PAGE_SIZE) {
      return;
    }
    after = rows[rows.length - 1].entity_ref;
  }
}

/** The stored org rollup row, if a recompute has written one. */
async function readOrgRollupRow(db: Knex): Promise<DbOrgRollupRow | undefined> {
  return db<DbOrgRollupRow>(ORG_ROLLUP_TABLE)
    .where('id', ORG_ROLLUP_ID)
    .first();
}

const SORT_COLUMNS: Record<Exclude<TeamRollupSort, 'team'>, string> = {
  score: 'score',
  components: 'components',
  atRisk: 'at_risk',
  notReady: 'not_ready',
  coverage: 'coverage',
};

/** See `ReadinessStore.listTeamRollups`. */
export async function listTeamRollups(
  db: Knex,
  options: ListTeamRollupsOptions = {},
): Promise<{ total: number; rows: TeamOverviewRow[] }> {
  const order = options.order === 'desc' ? 'desc' : 'asc';
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(0, Math.floor(options.limit ?? 50));

  const filtered = () => {
    const query = db<DbTeamRollupsRow>(TABLES.teamRollups);
    const q = options.q?.trim().toLowerCase();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      query.where(inner =>
        inner
          .whereRaw(`LOWER(??) LIKE ? ESCAPE '\\'`, ['team_ref', pattern])
          .orWhereRaw(`LOWER(COALESCE(??, '')) LIKE ? ESCAPE '\\'`, [
            'title',
            pattern,
          ]),
      );
    }
    return query;
  };

  // Without a search the stored team count avoids counting every row.
  const stored = options.q?.trim() ? undefined : await readOrgRollupRow(db);
  const total = stored
    ? Number(stored.teams)
    : Number((await filtered().count({ count: '*' }))[0].count);
  if (limit === 0 || offset >= total) {
    return { total, rows: [] };
  }

  const query = filtered().select('team_ref', 'title', 'parent_ref', 'rollup');
  const sort = options.sort ?? 'team';
  if (sort === 'team') {
    query.orderByRaw(`LOWER(COALESCE(??, ??)) ${order}`, ['title', 'team_ref']);
  } else if (sort === 'score') {
    // Written out (knex's SQLite emulation of `nulls` drops the column order);
    // matches the sr_team_rollups_score_{asc,desc}_idx indexes on PostgreSQL.
    query.orderByRaw(`?? ${order} NULLS LAST`, ['score']);
  } else {
    // The other sort keys are NOT NULL columns with a (column, team_ref) index.
    query.orderBy(SORT_COLUMNS[sort], order);
  }
  query.orderBy('team_ref', 'asc').offset(offset).limit(limit);

  const rows = await query;
  return {
    total,
    rows: rows.map(r => {
      const row: TeamOverviewRow = {
        ...(JSON.parse(r.rollup) as Rollup),
        teamRef: r.team_ref,
      };
      if (r.title) {
        row.title = r.title;
      }
      if (r.parent_ref) {
        row.parent = r.parent_ref;
      }
      return row;
    }),
  };
}

/**
 * See `ReadinessStore.getOrgRollup`. Served from the rollup stored by the last
 * `recomputeTeamRollups` (the same snapshot as the team rows) when it was
 * computed for the same growth factor; otherwise streamed from the results.
 */
export async function getOrgRollup(
  db: Knex,
  options: { growthFactor: number },
): Promise<Rollup> {
  const stored = await readOrgRollupRow(db);
  if (stored && Number(stored.growth_factor) === options.growthFactor) {
    return JSON.parse(stored.rollup) as Rollup;
  }
  const acc = createRollupAccumulator(options.growthFactor);
  await forEachRollupInput(db, (_owner, input) => addToRollup(acc, input));
  return finishRollup(acc);
}
