/**
 * `saveClaimedResults` on PostgreSQL, in four statements per batch:
 *
 * 1. lock the claims this worker still holds (`FOR UPDATE`, in ref order) and
 *    read, in the same statement, the stored hash of each result and, only
 *    for a result that will be rewritten, the previous values its history
 *    row is compared with (the claims go in as array parameters);
 * 2. upsert the changed results, 3. append their history rows: multi-row
 *    statements with one bound value per column, so the 15 KB result JSON is
 *    sent as it is (a JSON, array or COPY encoding would escape it again);
 * 4. complete the held claims in one `UPDATE … FROM unnest(…)`
 *    (still dirty where the generation moved on).
 *
 * The row locks of step 1 keep the claim/generation condition true until the
 * transaction ends: no other worker can take a claim over or bump its
 * generation in between, so steps 2–4 write only what step 1 found current.
 * SQLite keeps the generic path in `claimQueries.ts`.
 */
import type { Knex } from 'knex';
import type { ClaimedEntity, ResultInput } from './ReadinessStore';
import {
  lastPerEntity,
  type PreviousResult,
  previousResult,
  resultWrites,
  type SavedResults,
} from './resultQueries';
import type { DbHistoryRow, DbResultsRow } from './tables';
import { TABLES } from './tables';
import { chunk, insertChunks, insertVariables } from './util';

/** Claims per statement of steps 1 and 4 (two or three array parameters). */
const ROWS_PER_STATEMENT = 1000;

/** Stored state of one claimed entity, as locked by step 1. */
interface HeldClaim {
  entity_ref: string;
  generation: string | number;
  /** Null when the entity has no stored result. */
  result_hash: string | null;
  /** Set only when the result will be rewritten and a previous one exists. */
  level: string | null;
  score: number | null;
  chain_headroom: number | null;
  result: string | null;
}

/** See `ReadinessStore.saveClaimedResults`; `tx` is a PostgreSQL transaction. */
export async function saveClaimedResultsPg(
  tx: Knex.Transaction,
  options: {
    workerId: string;
    claims: ClaimedEntity[];
    results: ResultInput[];
    inputHash: string;
    at: Date;
  },
): Promise<SavedResults & { discarded: number; completed: number }> {
  const { workerId, at } = options;
  const items = lastPerEntity(options.results);
  const itemByRef = new Map(items.map(i => [i.result.entityRef, i]));
  const claimed = new Map<string, number>();
  for (const c of options.claims) claimed.set(c.entityRef, c.generation);

  // 1. Lock what this worker still holds; read hashes and previous results.
  const held = new Map<string, HeldClaim>();
  const refs = [...claimed.keys()].sort(compare);
  for (const part of chunk(refs, ROWS_PER_STATEMENT)) {
    const { rows } = await tx.raw<{ rows: HeldClaim[] }>(
      `SELECT e.entity_ref, e.generation, r.result_hash,
              p.level, p.score, p.chain_headroom, p.result
         FROM unnest(?::text[], ?::bigint[], ?::text[]) AS i(ref, generation, hash)
         JOIN ?? e ON e.entity_ref = i.ref AND e.claimed_by = ?
         LEFT JOIN ?? r ON r.entity_ref = i.ref
         LEFT JOIN ?? p ON p.entity_ref = i.ref
              AND e.generation = i.generation
              AND i.hash IS NOT NULL
              AND p.result_hash IS DISTINCT FROM i.hash
        ORDER BY e.entity_ref
          FOR UPDATE OF e`,
      [
        part,
        part.map(ref => claimed.get(ref)!),
        // null where there is no result for the claim (knex's types allow
        // no null in an array binding; node-postgres sends it as NULL)
        part.map(
          ref => itemByRef.get(ref)?.resultHash ?? null,
        ) as unknown as string[],
        TABLES.entities,
        workerId,
        TABLES.results,
        TABLES.results,
      ],
    );
    for (const row of rows) held.set(row.entity_ref, row);
  }

  // A result is current only while the claim is held at the generation it
  // was scored for; anything else was taken over or changed meanwhile.
  const isCurrent = (ref: string) =>
    held.has(ref) && Number(held.get(ref)!.generation) === claimed.get(ref);
  const current = items.filter(i => isCurrent(i.result.entityRef));
  const discarded =
    options.results.length -
    options.results.filter(i => isCurrent(i.result.entityRef)).length;
  const changed = current.filter(
    i => held.get(i.result.entityRef)!.result_hash !== i.resultHash,
  );
  const previous = new Map<string, PreviousResult>();
  for (const item of changed) {
    const row = held.get(item.result.entityRef)!;
    if (row.result !== null) {
      previous.set(
        row.entity_ref,
        previousResult(row as HeldClaim & { level: string; result: string }),
      );
    }
  }
  const { resultRows, historyRows } = resultWrites(changed, previous, at);

  // 2. The changed results and 3. their history rows: multi-row statements
  // with one bound value per column (text values are sent as they are).
  for (const batch of insertChunks(resultRows, insertVariables(tx))) {
    await tx<DbResultsRow>(TABLES.results)
      .insert(batch)
      .onConflict('entity_ref')
      .merge();
  }
  for (const batch of insertChunks(historyRows, insertVariables(tx))) {
    await tx<DbHistoryRow>(TABLES.history).insert(batch);
  }

  // 4. Complete the held claims; still dirty where the generation moved on.
  let completed = 0;
  for (const part of chunk(
    options.claims.filter(c => held.has(c.entityRef)),
    ROWS_PER_STATEMENT,
  )) {
    const result = await tx.raw(
      `UPDATE ?? AS e
          SET dirty = e.generation <> c.generation, input_hash = ?,
              evaluated_at = ?, claimed_by = NULL, claimed_until = NULL
         FROM unnest(?::text[], ?::bigint[]) AS c(ref, generation)
        WHERE e.entity_ref = c.ref AND e.claimed_by = ?`,
      [
        TABLES.entities,
        options.inputHash,
        at,
        part.map(c => c.entityRef),
        part.map(c => c.generation),
        workerId,
      ],
    );
    completed += Number(result.rowCount ?? 0);
  }

  return {
    written: resultRows.length,
    unchanged: current.length - changed.length,
    historyAdded: historyRows.length,
    discarded,
    completed,
  };
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
