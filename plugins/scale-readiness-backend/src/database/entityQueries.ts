import type { Knex } from 'knex';
import type {
  EntityFacts,
  FactStatus,
  RelationFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  EntityGraphNode,
  EntityRow,
  FactsRow,
  StoredEntity,
  StoredFacts,
} from './ReadinessStore';
import { markDirty } from './dirtyQueries';
import { DbEntitiesRow, DbFactsRow, TABLES } from './tables';
import {
  chunk,
  hashJson,
  lastByKey,
  insertChunks,
  isPostgres,
  insertVariables,
  toBoolean,
  toDate,
  toDateOrNull,
  unique,
} from './util';

const factsKey = (entityRef: string, providerId: string) =>
  `${entityRef}\u0000${providerId}`;

/** Relations of base facts, with every list present. */
function relationsOf(base: EntityFacts): RelationFacts {
  return {
    dependsOn: base.relations?.dependsOn ?? [],
    consumesApis: base.relations?.consumesApis ?? [],
    providesApis: base.relations?.providesApis ?? [],
  };
}

/** Rows read per page by `listEntityGraph`. */
const GRAPH_PAGE_SIZE = 5000;

/** See `ReadinessStore.listEntityGraph`: pages by ref over the compact relations column. */
export async function listEntityGraph(db: Knex): Promise<EntityGraphNode[]> {
  const nodes: EntityGraphNode[] = [];
  let after: string | undefined;
  for (;;) {
    const query = db<DbEntitiesRow>(TABLES.entities)
      .select('entity_ref', 'relations')
      .orderBy('entity_ref')
      .limit(GRAPH_PAGE_SIZE);
    if (after !== undefined) {
      query.where('entity_ref', '>', after);
    }
    const rows = await query;
    for (const row of rows) {
      nodes.push({
        entityRef: row.entity_ref,
        relations: JSON.parse(row.relations),
      });
    }
    if (rows.length < GRAPH_PAGE_SIZE) {
      return nodes;
    }
    after = rows[rows.length - 1].entity_ref;
  }
}

/** See `ReadinessStore.upsertFacts`. */
export async function upsertFacts(
  db: Knex,
  input: FactsRow[],
  now: Date,
  options: { markedDirty?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const rows = lastByKey(input, r => factsKey(r.entityRef, r.providerId));
  if (rows.length === 0) {
    return [];
  }

  const existing = new Map<
    string,
    Pick<DbFactsRow, 'hash' | 'status' | 'input_key'>
  >();
  const size = isPostgres(db) ? 5000 : undefined;
  for (const refs of chunk(unique(rows.map(r => r.entityRef)), size)) {
    const found = await db<DbFactsRow>(TABLES.facts)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'provider_id', 'hash', 'status', 'input_key');
    for (const f of found) {
      existing.set(factsKey(f.entity_ref, f.provider_id), f);
    }
  }

  // Changed facts are rewritten (and mark the entity dirty); unchanged facts
  // whose input key moved on only get the new key.
  const changed: FactsRow[] = [];
  const rekeyed: FactsRow[] = [];
  for (const r of rows) {
    const old = existing.get(factsKey(r.entityRef, r.providerId));
    if (!old || old.hash !== r.hash || old.status !== r.status) {
      changed.push(r);
    } else if ((old.input_key ?? null) !== (r.inputKey ?? null)) {
      rekeyed.push(r);
    }
  }
  if (changed.length === 0 && rekeyed.length === 0) {
    return [];
  }

  const toDb = (r: FactsRow): DbFactsRow => ({
    entity_ref: r.entityRef,
    provider_id: r.providerId,
    status: r.status,
    hash: r.hash,
    facts: JSON.stringify(r.facts),
    collected_at: r.collectedAt,
    updated_at: now,
    input_key: r.inputKey ?? null,
  });
  const changedRefs = unique(changed.map(r => r.entityRef));

  await db.transaction(async tx => {
    for (const batch of insertChunks(changed.map(toDb), insertVariables(db))) {
      await tx<DbFactsRow>(TABLES.facts)
        .insert(batch)
        .onConflict(['entity_ref', 'provider_id'])
        .merge([
          'status',
          'hash',
          'facts',
          'collected_at',
          'updated_at',
          'input_key',
        ]);
    }
    for (const batch of insertChunks(rekeyed.map(toDb), insertVariables(db))) {
      await tx<DbFactsRow>(TABLES.facts)
        .insert(batch)
        .onConflict(['entity_ref', 'provider_id'])
        .merge(['input_key']);
    }
    const marked = options.markedDirty;
    await markDirty(
      tx,
      marked ? changedRefs.filter(ref => !marked.has(ref)) : changedRefs,
    );
  });
  return changedRefs;
}

/** See `ReadinessStore.upsertEntities`. */
export async function upsertEntities(
  db: Knex,
  input: EntityRow[],
  seenAt: Date,
): Promise<string[]> {
  const rows = lastByKey(input, r => r.entityRef);
  if (rows.length === 0) {
    return [];
  }

  const existing = new Map<
    string,
    Pick<DbEntitiesRow, 'kind' | 'owner_ref' | 'facts_hash' | 'source_key'>
  >();
  const pg = isPostgres(db);
  for (const refs of chunk(
    rows.map(r => r.entityRef),
    pg ? 5000 : undefined,
  )) {
    const found = await db<DbEntitiesRow>(TABLES.entities)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'kind', 'owner_ref', 'facts_hash', 'source_key');
    for (const e of found) {
      existing.set(e.entity_ref, e);
    }
  }

  const changed: Array<
    Omit<
      DbEntitiesRow,
      'input_hash' | 'evaluated_at' | 'claimed_by' | 'claimed_until'
    >
  > = [];
  const unchangedRefs: string[] = [];
  const rekeyed: Array<{ entity_ref: string; source_key: string | null }> = [];
  for (const row of rows) {
    // Key-order independent, so equal base facts never count as a change.
    const factsHash = hashJson(row.base);
    const ownerRef = row.ownerRef ?? null;
    const sourceKey = row.sourceKey ?? null;
    const old = existing.get(row.entityRef);
    if (
      old &&
      old.facts_hash === factsHash &&
      old.kind === row.kind &&
      (old.owner_ref ?? null) === ownerRef
    ) {
      if ((old.source_key ?? null) === sourceKey) {
        unchangedRefs.push(row.entityRef);
      } else {
        rekeyed.push({ entity_ref: row.entityRef, source_key: sourceKey });
      }
      continue;
    }
    changed.push({
      entity_ref: row.entityRef,
      kind: row.kind,
      owner_ref: ownerRef,
      base: JSON.stringify(row.base),
      relations: JSON.stringify(relationsOf(row.base)),
      facts_hash: factsHash,
      source_key: sourceKey,
      dirty: true,
      last_seen_at: seenAt,
      generation: 1,
      propagate: true,
    });
  }

  await db.transaction(async tx => {
    for (const batch of insertChunks(changed, insertVariables(db))) {
      await tx<DbEntitiesRow>(TABLES.entities)
        .insert(batch)
        .onConflict('entity_ref')
        .merge({
          kind: tx.raw('excluded.kind'),
          owner_ref: tx.raw('excluded.owner_ref'),
          base: tx.raw('excluded.base'),
          relations: tx.raw('excluded.relations'),
          facts_hash: tx.raw('excluded.facts_hash'),
          source_key: tx.raw('excluded.source_key'),
          dirty: tx.raw('excluded.dirty'),
          last_seen_at: tx.raw('excluded.last_seen_at'),
          propagate: tx.raw('excluded.propagate'),
          generation: tx.raw('?? + 1', [`${TABLES.entities}.generation`]),
        } as any);
    }
    for (const refs of chunk(unchangedRefs, pg ? 5000 : undefined)) {
      await tx<DbEntitiesRow>(TABLES.entities)
        .whereIn('entity_ref', refs)
        .update({ last_seen_at: seenAt });
    }
    // Same base facts from a new catalog version: only the key moves on.
    for (const batch of chunk(rekeyed, pg ? 2000 : 200)) {
      const cases = batch.map(() => 'WHEN ? THEN ?').join(' ');
      await tx<DbEntitiesRow>(TABLES.entities)
        .whereIn(
          'entity_ref',
          batch.map(r => r.entity_ref),
        )
        .update({
          last_seen_at: seenAt,
          source_key: tx.raw(`CASE ?? ${cases} END`, [
            'entity_ref',
            ...batch.flatMap(r => [r.entity_ref, r.source_key]),
          ]),
        } as any);
    }
  });
  return changed.map(c => c.entity_ref);
}

/** See `ReadinessStore.deleteEntitiesNotSeenSince`. */
export async function deleteEntitiesNotSeenSince(
  db: Knex,
  date: Date,
  options: { keepHistory?: boolean; seen?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const seen = options.seen;
  // The pass stores (or keeps) every entity it sees: when the table holds no
  // more entities than were seen, none is stale, and the refs of the
  // unchanged ones (all of them, with their old `last_seen_at`) need not be
  // read. One count instead of reading every ref.
  if (seen) {
    const [{ count }] = await db(TABLES.entities).count({ count: '*' });
    if (Number(count) <= seen.size) {
      return [];
    }
  }
  return db.transaction(async tx => {
    const stale = await tx<DbEntitiesRow>(TABLES.entities)
      .where('last_seen_at', '<', date)
      .orderBy('entity_ref')
      .select('entity_ref');
    const refs = stale.map(r => r.entity_ref).filter(ref => !seen?.has(ref));
    const tables: string[] = [TABLES.facts, TABLES.results];
    if (!options.keepHistory) {
      tables.push(TABLES.history);
    }
    tables.push(TABLES.entities);
    for (const batch of chunk(refs)) {
      for (const table of tables) {
        await tx(table).whereIn('entity_ref', batch).delete();
      }
    }
    return refs;
  });
}

/** See `ReadinessStore.getFacts`. */
export async function getFacts(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, StoredFacts[]>> {
  const result = new Map<string, StoredFacts[]>();
  for (const refs of chunk(unique(entityRefs))) {
    const rows = await db<DbFactsRow>(TABLES.facts)
      .whereIn('entity_ref', refs)
      .orderBy(['entity_ref', 'provider_id'])
      .select(
        'entity_ref',
        'provider_id',
        'status',
        'hash',
        'facts',
        'collected_at',
      );
    for (const row of rows) {
      const list = result.get(row.entity_ref) ?? [];
      list.push({
        providerId: row.provider_id,
        status: row.status as FactStatus,
        hash: row.hash,
        facts: JSON.parse(row.facts),
        collectedAt: toDate(row.collected_at),
      });
      result.set(row.entity_ref, list);
    }
  }
  return result;
}

/** See `ReadinessStore.getEntities`. */
export async function getEntities(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, StoredEntity>> {
  const result = new Map<string, StoredEntity>();
  for (const refs of chunk(unique(entityRefs))) {
    const rows = await db<DbEntitiesRow>(TABLES.entities)
      .whereIn('entity_ref', refs)
      .select();
    for (const row of rows) {
      result.set(row.entity_ref, {
        entityRef: row.entity_ref,
        kind: row.kind,
        ownerRef: row.owner_ref ?? null,
        base: JSON.parse(row.base),
        factsHash: row.facts_hash,
        inputHash: row.input_hash ?? null,
        dirty: toBoolean(row.dirty),
        lastSeenAt: toDate(row.last_seen_at),
        evaluatedAt: toDateOrNull(row.evaluated_at),
        generation: Number(row.generation ?? 0),
      });
    }
  }
  return result;
}
