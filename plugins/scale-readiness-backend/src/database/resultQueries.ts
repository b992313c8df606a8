import type { Knex } from 'knex';
import type {
  EntityResult,
  HistoryEntry,
  ReadinessLevel,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ResultInput, StoredResult } from './ReadinessStore';
import {
  diffCheckStatuses,
  isHistoryWorthy,
  ReadinessSummary,
} from './historyDiff';
import { DbHistoryRow, DbResultsRow, TABLES } from './tables';
import {
  chunk,
  finiteOrNull,
  insertChunks,
  insertVariables,
  toDate,
  toNumberOrNull,
  unique,
} from './util';

function summaryOf(result: EntityResult): ReadinessSummary {
  return {
    level: result.level,
    score: finiteOrNull(result.score),
    chainHeadroom: finiteOrNull(result.chain?.headroom),
  };
}

/** What a result write did. */
export interface SavedResults {
  written: number;
  unchanged: number;
  historyAdded: number;
}

/** See `ReadinessStore.saveResults`. */
export async function saveResults(
  db: Knex,
  input: ResultInput[],
  at: Date,
): Promise<SavedResults> {
  return db.transaction(tx => writeResults(tx, input, at));
}

/**
 * Writes results whose hash changed, with their history rows, on `tx` (reads
 * and writes in the caller's transaction).
 */
export async function writeResults(
  tx: Knex.Transaction,
  input: ResultInput[],
  at: Date,
): Promise<SavedResults> {
  const db = tx;
  const items = lastPerEntity(input);
  if (items.length === 0) {
    return { written: 0, unchanged: 0, historyAdded: 0 };
  }

  // 1. cheap pass: only hashes
  const hashes = await getResultHashes(
    db,
    items.map(i => i.result.entityRef),
  );
  const changed = items.filter(
    i => hashes.get(i.result.entityRef) !== i.resultHash,
  );
  const unchanged = items.length - changed.length;
  if (changed.length === 0) {
    return { written: 0, unchanged, historyAdded: 0 };
  }

  // 2. previous summary and checks, only for results that changed
  const previous = new Map<string, PreviousResult>();
  const existingRefs = changed
    .map(i => i.result.entityRef)
    .filter(r => hashes.has(r));
  for (const refs of chunk(existingRefs)) {
    const rows = await db<DbResultsRow>(TABLES.results)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'level', 'score', 'chain_headroom', 'result');
    for (const row of rows) {
      previous.set(row.entity_ref, previousResult(row));
    }
  }

  const { resultRows, historyRows } = resultWrites(changed, previous, at);
  for (const batch of insertChunks(resultRows, insertVariables(db))) {
    await tx<DbResultsRow>(TABLES.results)
      .insert(batch)
      .onConflict('entity_ref')
      .merge();
  }
  for (const batch of insertChunks(historyRows, insertVariables(db))) {
    await tx<DbHistoryRow>(TABLES.history).insert(batch);
  }
  return {
    written: resultRows.length,
    unchanged,
    historyAdded: historyRows.length,
  };
}

/** The last input of each entity, in first-seen order. */
export function lastPerEntity(input: ResultInput[]): ResultInput[] {
  const byRef = new Map<string, ResultInput>();
  for (const item of input) {
    byRef.set(item.result.entityRef, item);
  }
  return [...byRef.values()];
}

/** What a changed result is compared with for its history row. */
export interface PreviousResult {
  summary: ReadinessSummary;
  checks: EntityResult['checks'] | undefined;
}

/** The previous result of a stored results row (parses its JSON). */
export function previousResult(
  row: Pick<DbResultsRow, 'level' | 'score' | 'chain_headroom' | 'result'>,
): PreviousResult {
  return {
    summary: {
      level: row.level as ReadinessLevel,
      score: toNumberOrNull(row.score),
      chainHeadroom: toNumberOrNull(row.chain_headroom),
    },
    checks: (JSON.parse(row.result) as EntityResult).checks,
  };
}

/**
 * The results rows of `changed` (results whose hash differs from the stored
 * one), and a history row for each whose summary or any check status moved
 * from `previous` (or that has no previous result).
 */
export function resultWrites(
  changed: ResultInput[],
  previous: ReadonlyMap<string, PreviousResult>,
  at: Date,
): { resultRows: DbResultsRow[]; historyRows: DbHistoryRow[] } {
  const resultRows: DbResultsRow[] = [];
  const historyRows: DbHistoryRow[] = [];
  for (const { result, row, resultHash, resultJson } of changed) {
    const summary = summaryOf(result);
    resultRows.push({
      entity_ref: result.entityRef,
      owner_ref: result.owner ?? row.owner ?? null,
      kind: result.kind,
      system: result.system ?? null,
      level: result.level,
      score: summary.score,
      own_headroom: finiteOrNull(result.ownHeadroom?.headroom),
      chain_headroom: summary.chainHeadroom,
      coverage: finiteOrNull(result.coverage?.ratio) ?? 0,
      result: resultJson ?? JSON.stringify(result),
      row: JSON.stringify(row),
      result_hash: resultHash,
      evaluated_at: at,
    });
    const before = previous.get(result.entityRef);
    const changes = diffCheckStatuses(before?.checks, result.checks ?? []);
    if (isHistoryWorthy(before?.summary, summary, changes)) {
      historyRows.push({
        entity_ref: result.entityRef,
        changed_at: at,
        level: summary.level,
        score: summary.score,
        chain_headroom: summary.chainHeadroom,
        previous_level: before?.summary.level ?? null,
        previous_score: before?.summary.score ?? null,
        changes: JSON.stringify(changes),
      });
    }
  }
  return { resultRows, historyRows };
}

/** See `ReadinessStore.getResultHashes`. */
export async function getResultHashes(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const refs of chunk(unique(entityRefs))) {
    const rows = await db<DbResultsRow>(TABLES.results)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'result_hash');
    for (const row of rows) {
      hashes.set(row.entity_ref, row.result_hash);
    }
  }
  return hashes;
}

/** See `ReadinessStore.getResults`. */
export async function getResults(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, StoredResult>> {
  const results = new Map<string, StoredResult>();
  for (const refs of chunk(unique(entityRefs))) {
    const rows = await db<DbResultsRow>(TABLES.results)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'result', 'result_hash', 'evaluated_at');
    for (const row of rows) {
      results.set(row.entity_ref, {
        result: JSON.parse(row.result),
        resultHash: row.result_hash,
        evaluatedAt: toDate(row.evaluated_at),
      });
    }
  }
  return results;
}

/** Code-point order, independent of database collation. */
function compareRefs(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** See `ReadinessStore.getRowsByOwners`. */
export async function getRowsByOwners(
  db: Knex,
  ownerRefs: string[],
): Promise<ScorecardRow[]> {
  const rows: Array<{ ref: string; row: ScorecardRow }> = [];
  for (const owners of chunk(unique(ownerRefs))) {
    const found = await db<DbResultsRow>(TABLES.results)
      .whereIn('owner_ref', owners)
      .select('entity_ref', 'row');
    for (const r of found) {
      rows.push({ ref: r.entity_ref, row: JSON.parse(r.row) });
    }
  }
  rows.sort((a, b) => compareRefs(a.ref, b.ref));
  return rows.map(r => r.row);
}

/** See `ReadinessStore.getHistory`. */
export async function getHistory(
  db: Knex,
  entityRef: string,
  options: { limit: number; before?: Date },
): Promise<HistoryEntry[]> {
  const limit = Math.max(0, Math.floor(options.limit));
  if (limit === 0) {
    return [];
  }
  let query = db<DbHistoryRow>(TABLES.history).where('entity_ref', entityRef);
  if (options.before) {
    query = query.where('changed_at', '<', options.before);
  }
  const rows = await query
    .orderBy([
      { column: 'changed_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .select();
  return rows.map(row => {
    const entry: HistoryEntry = {
      at: toDate(row.changed_at).toISOString(),
      level: row.level as ReadinessLevel,
      score: toNumberOrNull(row.score),
      chainHeadroom: toNumberOrNull(row.chain_headroom),
      changes: JSON.parse(row.changes),
    };
    if (row.previous_level !== null && row.previous_level !== undefined) {
      entry.previousLevel = row.previous_level as ReadinessLevel;
      entry.previousScore = toNumberOrNull(row.previous_score);
    }
    return entry;
  });
}

/** See `ReadinessStore.pruneHistory`. */
export async function pruneHistory(
  db: Knex,
  options: { olderThan?: Date; keepPerEntity?: number },
): Promise<number> {
  let deleted = 0;
  if (options.olderThan) {
    deleted += Number(
      await db<DbHistoryRow>(TABLES.history)
        .where('changed_at', '<', options.olderThan)
        .delete(),
    );
  }
  const keep = options.keepPerEntity;
  if (keep !== undefined && Number.isInteger(keep) && keep >= 1) {
    // Rows beyond the newest `keep` of each entity (window function: PostgreSQL, SQLite ≥ 3.25).
    const ranked = db
      .select('id')
      .from(
        db<DbHistoryRow>(TABLES.history)
          .select(
            'id',
            db.raw(
              'row_number() over (partition by ?? order by ?? desc, ?? desc) as rn',
              ['entity_ref', 'changed_at', 'id'],
            ),
          )
          .as('ranked'),
      )
      .where('rn', '>', keep);
    deleted += Number(
      await db<DbHistoryRow>(TABLES.history).whereIn('id', ranked).delete(),
    );
  }
  return deleted;
}
