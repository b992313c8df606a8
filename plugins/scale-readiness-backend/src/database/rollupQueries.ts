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
  RollupAccumulator,
  RollupInput,
} from './rollup';
import {
  DbGroupsRow,
  DbResultsRow,
  DbTeamRollupsRow,
  DbTimestamp,
  TABLES,
} from './tables';
import { escapeLike, insertChunks, toNumberOrNull } from './util';

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

/** See `ReadinessStore.recomputeTeamRollups`. */
export async function recomputeTeamRollups(
  db: Knex,
  options: { growthFactor: number; at: Date },
): Promise<{ teams: number; org: Rollup }> {
  const { growthFactor, at } = options;
  const org = createRollupAccumulator(growthFactor);
  const teams = new Map<string, RollupAccumulator>();
  const groups = await db<DbGroupsRow>(TABLES.groups).select(
    'group_ref',
    'parent_ref',
    'title',
  );
  const groupByRef = new Map(groups.map(g => [g.group_ref, g]));
  // A group rolls up its own components and those of its whole sub-tree (a
  // department shows its teams' components, as the team page does).
  const ancestorsOf = (ref: string): string[] => {
    const out: string[] = [];
    const seen = new Set([ref]);
    let parent = groupByRef.get(ref)?.parent_ref ?? null;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      out.push(parent);
      parent = groupByRef.get(parent)?.parent_ref ?? null;
    }
    return out;
  };
  const subGroups = new Map<string, number>();
  for (const g of groups) {
    for (const a of ancestorsOf(g.group_ref)) {
      subGroups.set(a, (subGroups.get(a) ?? 0) + 1);
    }
  }
  const accumulator = (ref: string) => {
    let acc = teams.get(ref);
    if (!acc) {
      acc = createRollupAccumulator(growthFactor);
      teams.set(ref, acc);
    }
    return acc;
  };
  await forEachRollupInput(db, (ownerRef, input) => {
    addToRollup(org, input);
    if (ownerRef) {
      addToRollup(accumulator(ownerRef), input);
      for (const a of ancestorsOf(ownerRef)) addToRollup(accumulator(a), input);
    }
  });

  for (const g of groups) {
    if (!teams.has(g.group_ref)) {
      teams.set(g.group_ref, createRollupAccumulator(growthFactor));
    }
  }

  const rows: DbTeamRollupsRow[] = [...teams.entries()].map(
    ([teamRef, acc]) => {
      const rollup: Rollup = finishRollup(acc);
      const below = subGroups.get(teamRef);
      if (below) rollup.subGroups = below;
      const group = groupByRef.get(teamRef);
      return {
        team_ref: teamRef,
        title: group?.title ?? null,
        parent_ref: group?.parent_ref ?? null,
        components: rollup.components,
        score: rollup.score,
        at_risk: rollup.atRisk,
        not_ready: rollup.levels['not-ready'],
        coverage: rollup.coverage,
        rollup: JSON.stringify(rollup),
        updated_at: at,
      };
    },
  );

  const orgRollup = finishRollup(org);
  await db.transaction(async tx => {
    await tx(TABLES.teamRollups).delete();
    for (const batch of insertChunks(rows)) {
      await tx<DbTeamRollupsRow>(TABLES.teamRollups).insert(batch);
    }
    await tx<DbOrgRollupRow>(ORG_ROLLUP_TABLE).delete();
    await tx<DbOrgRollupRow>(ORG_ROLLUP_TABLE).insert({
      id: ORG_ROLLUP_ID,
      growth_factor: growthFactor,
      teams: rows.length,
      rollup: JSON.stringify(orgRollup),
      updated_at: at,
    });
  });
  return { teams: rows.length, org: orgRollup };
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
