/**
 * Team rollups, recomputed incrementally.
 *
 * A team's rollup is the merge of the rollups of the owners in its sub-tree,
 * so a store keeps, per owner, the rollup inputs of its results (read from
 * the compact columns and the `row` JSON) and their accumulator. A recompute
 * reads only `(entity_ref, owner_ref, result_hash)` of every result, reads
 * the rollup inputs of the results whose hash or owner changed, and rewrites
 * only the teams above the owners that changed (and the org row).
 *
 * The cache is valid only for the rows this store wrote last: every write
 * stores a fresh token in `pass_state`, and a store whose token is no longer
 * there (another replica recomputed since), or whose hierarchy or growth
 * factor differs, recomputes everything. The in-memory part (entries per
 * owner, team and org rows) is in `teamRollupCache.ts`.
 */
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { Rollup } from '@scale-readiness/plugin-scale-readiness-common';
import {
  type Cache,
  deleteEntry,
  type Groups,
  type InputRow,
  orgRollup,
  refreshOwner,
  selfAndAncestors,
  setEntry,
  teamRefs,
  teamRows,
  toEntry,
} from './teamRollupCache';
import type { TeamRollupsOutcome as RecomputeOutcome } from './storeTypes';
import {
  type DbGroupsRow,
  type DbResultsRow,
  type DbTeamRollupsRow,
  TABLES,
} from './tables';
import { chunk, hashText, insertChunks, isPostgres } from './util';

/** `pass_state` row holding the token of the last team rollup write. */
const WRITER_STATE = 'rollups-writer';
const ORG_ROLLUP_TABLE = 'org_rollup';
const ORG_ROLLUP_ID = 'org';
/** Results read per page (keyset on entity_ref). */
const PAGE_SIZE = 5000;

const INPUT_COLUMNS: Array<keyof InputRow> = [
  'entity_ref',
  'owner_ref',
  'result_hash',
  'level',
  'score',
  'chain_headroom',
  'coverage',
  'row',
];

/** Thrown inside the write transaction when another writer came first. */
class StaleCache extends Error {}

/** Incremental team rollups of one store (one replica). */
export class TeamRollups {
  readonly #db: Knex;
  #cache: Cache | undefined;
  /** Recomputes of one store run one after the other (they share the cache). */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Knex) {
    this.#db = db;
  }

  recompute(options: {
    growthFactor: number;
    at: Date;
  }): Promise<RecomputeOutcome> {
    const run = this.#queue.then(() => this.#recompute(options));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #recompute(options: {
    growthFactor: number;
    at: Date;
  }): Promise<RecomputeOutcome> {
    const db = this.#db;
    const groupRows = await db<DbGroupsRow>(TABLES.groups)
      .orderBy('group_ref')
      .select('group_ref', 'parent_ref', 'title');
    const groups: Groups = new Map(groupRows.map(g => [g.group_ref, g]));
    const groupsKey = hashText(
      JSON.stringify(groupRows.map(g => [g.group_ref, g.parent_ref, g.title])),
    );
    const cache = this.#cache;
    this.#cache = undefined; // until this recompute succeeds
    if (
      cache &&
      cache.growthFactor === options.growthFactor &&
      cache.groupsKey === groupsKey
    ) {
      try {
        const outcome = await this.#incremental(cache, groups, options);
        this.#cache = cache;
        return outcome;
      } catch (error) {
        if (!(error instanceof StaleCache)) throw error;
      }
    }
    const fresh: Cache = {
      token: '',
      growthFactor: options.growthFactor,
      groupsKey,
      entries: new Map(),
      byOwner: new Map(),
      owners: new Map(),
    };
    const outcome = await this.#full(fresh, groups, options);
    this.#cache = fresh;
    return outcome;
  }

  async #full(
    cache: Cache,
    groups: Groups,
    options: { growthFactor: number; at: Date },
  ): Promise<RecomputeOutcome> {
    const db = this.#db;
    let after: string | undefined;
    for (;;) {
      const query = db<DbResultsRow>(TABLES.results)
        .select([...INPUT_COLUMNS])
        .orderBy('entity_ref')
        .limit(PAGE_SIZE);
      if (after !== undefined) query.where('entity_ref', '>', after);
      const rows: InputRow[] = await query;
      for (const r of rows) setEntry(cache, r.entity_ref, toEntry(r));
      if (rows.length < PAGE_SIZE) break;
      after = rows[rows.length - 1].entity_ref;
    }
    for (const owner of cache.byOwner.keys()) refreshOwner(cache, owner);
    const teams = teamRefs(cache, groups);
    const rows = teamRows(cache, groups, teams, options);
    const org = orgRollup(cache);
    cache.token = randomUUID();
    await db.transaction(async tx => {
      await tx(TABLES.teamRollups).delete();
      for (const batch of insertChunks(rows)) {
        await tx<DbTeamRollupsRow>(TABLES.teamRollups).insert(batch);
      }
      await writeOrg(tx, org, teams.size, options);
      await writeToken(tx, cache.token, options.at);
    });
    return {
      teams: teams.size,
      org,
      incremental: false,
      teamsWritten: rows.length,
    };
  }

  async #incremental(
    cache: Cache,
    groups: Groups,
    options: { growthFactor: number; at: Date },
  ): Promise<RecomputeOutcome> {
    const db = this.#db;
    if ((await readToken(db)) !== cache.token) throw new StaleCache();
    // What changed since: new, rewritten (another hash), moved and deleted results.
    const changed: string[] = [];
    const affected = new Set<string | null>();
    const present = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const query = db<DbResultsRow>(TABLES.results)
        .select('entity_ref', 'owner_ref', 'result_hash')
        .orderBy('entity_ref')
        .limit(PAGE_SIZE);
      if (after !== undefined) query.where('entity_ref', '>', after);
      const rows = await query;
      for (const r of rows) {
        present.add(r.entity_ref);
        const old = cache.entries.get(r.entity_ref);
        if (
          !old ||
          old.hash !== r.result_hash ||
          old.owner !== (r.owner_ref ?? null)
        ) {
          changed.push(r.entity_ref);
        }
      }
      if (rows.length < PAGE_SIZE) break;
      after = rows[rows.length - 1].entity_ref;
    }
    for (const [ref, entry] of [...cache.entries]) {
      if (!present.has(ref)) {
        affected.add(entry.owner);
        deleteEntry(cache, ref);
      }
    }
    for (const refs of chunk(changed, isPostgres(db) ? 5000 : 500)) {
      const rows: InputRow[] = await db<DbResultsRow>(TABLES.results)
        .whereIn('entity_ref', refs)
        .select([...INPUT_COLUMNS]);
      for (const r of rows) {
        const old = cache.entries.get(r.entity_ref);
        if (old) affected.add(old.owner);
        const entry = toEntry(r);
        affected.add(entry.owner);
        setEntry(cache, r.entity_ref, entry);
      }
    }
    for (const owner of affected) refreshOwner(cache, owner);

    const teams = teamRefs(cache, groups);
    const touched = new Set<string>();
    for (const owner of affected) {
      if (owner !== null) {
        for (const ref of selfAndAncestors(owner, groups)) touched.add(ref);
      }
    }
    const keep = [...touched].filter(ref => teams.has(ref));
    const rows = teamRows(cache, groups, new Set(keep), options);
    const org = orgRollup(cache);
    if (touched.size === 0) {
      return { teams: teams.size, org, incremental: true, teamsWritten: 0 };
    }
    const token = randomUUID();
    await db.transaction(async tx => {
      const current = tx('pass_state').where('name', WRITER_STATE);
      if (isPostgres(db)) current.forUpdate();
      const row = await current.first('value');
      if (row?.value !== cache.token) throw new StaleCache();
      for (const refs of chunk([...touched])) {
        await tx(TABLES.teamRollups).whereIn('team_ref', refs).delete();
      }
      for (const batch of insertChunks(rows)) {
        await tx<DbTeamRollupsRow>(TABLES.teamRollups).insert(batch);
      }
      await writeOrg(tx, org, teams.size, options);
      await writeToken(tx, token, options.at);
    });
    cache.token = token;
    return {
      teams: teams.size,
      org,
      incremental: true,
      // Rows rewritten plus rows removed (owners left without results).
      teamsWritten: touched.size,
    };
  }
}

async function writeOrg(
  tx: Knex.Transaction,
  org: Rollup,
  teams: number,
  options: { growthFactor: number; at: Date },
) {
  await tx(ORG_ROLLUP_TABLE).delete();
  await tx(ORG_ROLLUP_TABLE).insert({
    id: ORG_ROLLUP_ID,
    growth_factor: options.growthFactor,
    teams,
    rollup: JSON.stringify(org),
    updated_at: options.at,
  });
}

/**
 * The version of the stored team and org rollups: the token of their last
 * write (every write of `team_rollups`, full or incremental, stores a fresh
 * one in the same transaction) and the growth factor the org rollup was
 * computed for. Undefined before the first recompute. Read from the database,
 * so a replica sees the writes of every other replica.
 */
export async function readRollupsVersion(
  db: Knex,
): Promise<{ token: string; growthFactor: number | null } | undefined> {
  const row = await db('pass_state')
    .leftJoin(
      ORG_ROLLUP_TABLE,
      `${ORG_ROLLUP_TABLE}.id`,
      db.raw('?', [ORG_ROLLUP_ID]),
    )
    .where('pass_state.name', WRITER_STATE)
    .first(
      'pass_state.value as token',
      `${ORG_ROLLUP_TABLE}.growth_factor as growth`,
    );
  if (!row) return undefined;
  return {
    token: String(row.token),
    growthFactor:
      row.growth === null || row.growth === undefined
        ? null
        : Number(row.growth),
  };
}

async function readToken(db: Knex): Promise<string | undefined> {
  const row = await db('pass_state').where('name', WRITER_STATE).first('value');
  return row?.value;
}

async function writeToken(tx: Knex.Transaction, token: string, at: Date) {
  await tx('pass_state')
    .insert({ name: WRITER_STATE, value: token, updated_at: at })
    .onConflict('name')
    .merge(['value', 'updated_at']);
}
