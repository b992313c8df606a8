/**
 * Work sharing between scoring workers: claiming dirty entities with a lease,
 * completing claims without losing changes that arrived meanwhile, the
 * one-time propagation of dirtiness to dependents, and named gates.
 *
 * On PostgreSQL claims take `FOR UPDATE SKIP LOCKED`, so concurrent workers
 * on several replicas never claim the same entity. SQLite serialises writers;
 * the plugin runs a single worker there.
 */
import type { Knex } from 'knex';
import { saveClaimedResultsPg } from './claimedResultsPg';
import { markDirty } from './dirtyQueries';
import type {
  ClaimedEntity,
  GateState,
  PendingWork,
  ResultInput,
} from './ReadinessStore';
import { type SavedResults, writeResults } from './resultQueries';
import { DbEntitiesRow, DbWorkerGatesRow, TABLES } from './tables';
import { chunk, isPostgres, toDate, unique } from './util';

/** See `ReadinessStore.claimDirty`. */
export async function claimDirty(
  db: Knex,
  options: {
    workerId: string;
    limit: number;
    leaseMs: number;
    now: Date;
    entityRefs?: string[];
    gate?: string;
  },
): Promise<ClaimedEntity[]> {
  const { workerId, now } = options;
  const limit = Math.floor(options.limit);
  if (!(limit >= 1)) {
    return [];
  }
  const until = new Date(now.getTime() + options.leaseMs);
  const pg = isPostgres(db);
  const claimOne = async (refs?: string[]) => {
    const candidates = db<DbEntitiesRow>(TABLES.entities)
      .select('entity_ref')
      .where('dirty', true)
      .where(q =>
        q.whereNull('claimed_until').orWhere('claimed_until', '<', now),
      )
      .orderBy('entity_ref')
      .limit(limit);
    if (refs) {
      candidates.whereIn('entity_ref', refs);
    }
    if (options.gate) {
      candidates.whereNotExists(
        db<DbWorkerGatesRow>(TABLES.gates)
          .select(db.raw('1'))
          .where('name', options.gate)
          .where('until', '>', now),
      );
    }
    if (pg) {
      candidates.forUpdate().skipLocked();
    }
    const rows: Array<Pick<DbEntitiesRow, 'entity_ref' | 'generation'>> =
      await db<DbEntitiesRow>(TABLES.entities)
        .whereIn('entity_ref', candidates)
        .update({ claimed_by: workerId, claimed_until: until }, [
          'entity_ref',
          'generation',
        ]);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      generation: Number(r.generation),
    }));
  };

  const claimed: ClaimedEntity[] = [];
  if (options.entityRefs) {
    for (const refs of chunk(unique(options.entityRefs))) {
      claimed.push(...(await claimOne(refs)));
    }
  } else {
    claimed.push(...(await claimOne()));
  }
  return claimed.sort((a, b) => compare(a.entityRef, b.entityRef));
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** See `ReadinessStore.completeClaims`. */
export async function completeClaims(
  db: Knex,
  options: {
    workerId: string;
    claims: ClaimedEntity[];
    inputHash: string;
    at: Date;
  },
): Promise<number> {
  let completed = 0;
  // 3 bindings per claim (WHEN, THEN, IN list)
  const size = isPostgres(db) ? 5000 : 300;
  for (const batch of chunk(options.claims, size)) {
    const cases = batch.map(() => 'WHEN ? THEN CAST(? AS integer)').join(' ');
    const bindings = batch.flatMap(c => [c.entityRef, c.generation]);
    const updated = await db<DbEntitiesRow>(TABLES.entities)
      .whereIn(
        'entity_ref',
        batch.map(c => c.entityRef),
      )
      .where('claimed_by', options.workerId)
      .update({
        // Still dirty when the generation moved on while the entity was scored.
        dirty: db.raw(`?? <> (CASE ?? ${cases} END)`, [
          'generation',
          'entity_ref',
          ...bindings,
        ]),
        input_hash: options.inputHash,
        evaluated_at: options.at,
        claimed_by: null,
        claimed_until: null,
      } as any);
    completed += Number(updated);
  }
  return completed;
}

/** See `ReadinessStore.saveClaimedResults`. */
export async function saveClaimedResults(
  db: Knex,
  options: {
    workerId: string;
    claims: ClaimedEntity[];
    results: ResultInput[];
    inputHash: string;
    at: Date;
  },
): Promise<SavedResults & { discarded: number; completed: number }> {
  const { workerId, claims, at } = options;
  if (isPostgres(db)) {
    // One statement per step with the batch as a JSON parameter.
    return db.transaction(tx => saveClaimedResultsPg(tx, options));
  }
  return db.transaction(async tx => {
    // The claims this worker still holds. SQLite has one writer at a time (the
    // plugin runs one worker there), so no other worker can take them over (or
    // bump their generation) between this check and the writes.
    const held = new Map<string, number>();
    for (const refs of chunk(unique(claims.map(c => c.entityRef)))) {
      const query = tx<DbEntitiesRow>(TABLES.entities)
        .whereIn('entity_ref', refs)
        .where('claimed_by', workerId)
        .orderBy('entity_ref')
        .select('entity_ref', 'generation');
      for (const row of await query) {
        held.set(row.entity_ref, Number(row.generation));
      }
    }
    const claimed = new Map(claims.map(c => [c.entityRef, c.generation]));
    // A result is current only while the claim is held at the generation it
    // was scored for; anything else was taken over or changed meanwhile.
    const current = options.results.filter(item => {
      const ref = item.result.entityRef;
      return held.has(ref) && held.get(ref) === claimed.get(ref);
    });
    const saved = await writeResults(tx, current, at);
    const completed = await completeClaims(tx, {
      workerId,
      claims: claims.filter(c => held.has(c.entityRef)),
      inputHash: options.inputHash,
      at,
    });
    return {
      ...saved,
      discarded: options.results.length - current.length,
      completed,
    };
  });
}

/** See `ReadinessStore.releaseClaims`. */
export async function releaseClaims(
  db: Knex,
  options: { workerId: string; entityRefs: string[]; retryAt?: Date },
): Promise<void> {
  for (const refs of chunk(unique(options.entityRefs))) {
    await db<DbEntitiesRow>(TABLES.entities)
      .whereIn('entity_ref', refs)
      .where('claimed_by', options.workerId)
      .update({ claimed_by: null, claimed_until: options.retryAt ?? null });
  }
}

/** See `ReadinessStore.getGenerations`. */
export async function getGenerations(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const refs of chunk(unique(entityRefs), isPostgres(db) ? 5000 : 500)) {
    const rows = await db<DbEntitiesRow>(TABLES.entities)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'generation');
    for (const row of rows) {
      out.set(row.entity_ref, Number(row.generation));
    }
  }
  return out;
}

/** See `ReadinessStore.countPending`. */
export async function countPending(
  db: Knex,
  options: { workerId: string; now: Date },
): Promise<PendingWork> {
  const [dirty] = await db<DbEntitiesRow>(TABLES.entities)
    .where('dirty', true)
    .count({ n: '*' });
  const [others] = await db<DbEntitiesRow>(TABLES.entities)
    .where('dirty', true)
    .whereNotNull('claimed_by')
    .whereNot('claimed_by', options.workerId)
    .where('claimed_until', '>', options.now)
    .count({ n: '*' });
  return {
    dirty: Number(dirty.n),
    claimedByOthers: Number(others.n),
  };
}

/** See `ReadinessStore.takePropagation`. */
export async function takePropagation(
  db: Knex,
  expand: (seeds: string[]) => Iterable<string>,
): Promise<{ seeds: number; marked: number }> {
  return db.transaction(async tx => {
    const rows: Array<Pick<DbEntitiesRow, 'entity_ref'>> =
      await tx<DbEntitiesRow>(TABLES.entities)
        .where('propagate', true)
        .update({ propagate: false }, ['entity_ref']);
    if (rows.length === 0) {
      return { seeds: 0, marked: 0 };
    }
    const seeds = rows.map(r => r.entity_ref);
    const seedSet = new Set(seeds);
    const targets = unique(expand(seeds)).filter(r => !seedSet.has(r));
    await markDirty(tx, targets, { propagate: false });
    return { seeds: seeds.length, marked: targets.length };
  });
}

/** See `ReadinessStore.markDirtyUnlessInputHash`. */
export async function markDirtyUnlessInputHash(
  db: Knex,
  inputHash: string,
): Promise<number> {
  const updated = await db<DbEntitiesRow>(TABLES.entities)
    .where('dirty', false)
    .where(q => q.whereNull('input_hash').orWhereNot('input_hash', inputHash))
    .update({
      dirty: true,
      generation: db.raw('?? + 1', ['generation']),
    } as any);
  return Number(updated);
}

/** See `ReadinessStore.closeGate`. */
export async function closeGate(
  db: Knex,
  options: { name: string; holder: string; until: Date },
): Promise<void> {
  await db<DbWorkerGatesRow>(TABLES.gates)
    .insert({
      name: options.name,
      holder: options.holder,
      until: options.until,
      closed_count: 1,
    })
    .onConflict('name')
    .merge({
      holder: options.holder,
      until: options.until,
      closed_count: db.raw('?? + 1', [`${TABLES.gates}.closed_count`]),
    } as any);
}

/** See `ReadinessStore.openGate`. */
export async function openGate(
  db: Knex,
  options: { name: string; holder: string; at: Date },
): Promise<void> {
  await db<DbWorkerGatesRow>(TABLES.gates)
    .where({ name: options.name, holder: options.holder })
    .update({ until: options.at });
}

/** See `ReadinessStore.getGate`. */
export async function getGate(
  db: Knex,
  name: string,
): Promise<GateState | undefined> {
  const row = await db<DbWorkerGatesRow>(TABLES.gates)
    .where('name', name)
    .first();
  return row
    ? {
        holder: row.holder,
        until: toDate(row.until),
        closedCount: Number(row.closed_count),
      }
    : undefined;
}
