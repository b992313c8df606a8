/**
 * The `dirty` flag of entities: what still has to be scored, marking entities
 * for scoring (with a generation bump) and recording an evaluation.
 */
import type { Knex } from 'knex';
import { DbEntitiesRow, TABLES } from './tables';
import { chunk, lastByKey, unique } from './util';

/** See `ReadinessStore.listDirty`. */
export async function listDirty(db: Knex, limit: number): Promise<string[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return [];
  }
  const rows = await db<DbEntitiesRow>(TABLES.entities)
    .where('dirty', true)
    .orderBy('entity_ref')
    .limit(limit)
    .select('entity_ref');
  return rows.map(r => r.entity_ref);
}

/** See `ReadinessStore.markEvaluated`; one UPDATE per chunk using CASE. */
export async function markEvaluated(
  db: Knex,
  input: Array<{ entityRef: string; inputHash: string }>,
  at: Date,
): Promise<void> {
  const rows = lastByKey(input, r => r.entityRef);
  // 3 bindings per row (WHEN, THEN, IN list)
  for (const batch of chunk(rows, Math.floor(900 / 3))) {
    const cases = batch.map(() => 'WHEN ? THEN ?').join(' ');
    const bindings = batch.flatMap(r => [r.entityRef, r.inputHash]);
    await db(TABLES.entities)
      .whereIn(
        'entity_ref',
        batch.map(r => r.entityRef),
      )
      .update({
        input_hash: db.raw(`CASE ?? ${cases} END`, ['entity_ref', ...bindings]),
        dirty: false,
        evaluated_at: at,
      });
  }
}

/**
 * See `ReadinessStore.markDirty`: sets `dirty`, bumps the generation (so a
 * worker scoring the entity right now does not clear the flag) and, unless
 * `propagate` is false, asks for the dependents to be marked too.
 */
export async function markDirty(
  db: Knex,
  entityRefs: string[],
  options: { propagate?: boolean } = {},
): Promise<void> {
  const update: Record<string, unknown> = {
    dirty: true,
    generation: db.raw('?? + 1', ['generation']),
  };
  if (options.propagate !== false) {
    update.propagate = true;
  }
  for (const refs of chunk(unique(entityRefs))) {
    await db<DbEntitiesRow>(TABLES.entities)
      .whereIn('entity_ref', refs)
      .update(update);
  }
}
