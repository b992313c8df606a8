/**
 * What a pass reads to skip unchanged inputs: the source key of each entity's
 * base facts and the input keys of its providers' facts, and signatures of
 * derived data (`pass_state`).
 */
import type { Knex } from 'knex';
import type { CollectState, ProviderFacts } from './ReadinessStore';
import { DbEntitiesRow, DbFactsRow, DbResultsRow, TABLES } from './tables';
import { chunk, isPostgres, toDate, unique } from './util';

/** See `ReadinessStore.getCollectState`: two narrow reads per chunk. */
export async function getCollectState(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, CollectState>> {
  const out = new Map<string, CollectState>();
  const size = isPostgres(db) ? 5000 : 500;
  for (const refs of chunk(unique(entityRefs), size)) {
    const [entities, facts] = await Promise.all([
      db<DbEntitiesRow>(TABLES.entities)
        .whereIn('entity_ref', refs)
        .select('entity_ref', 'source_key'),
      db<DbFactsRow>(TABLES.facts)
        .whereIn('entity_ref', refs)
        .whereNotNull('input_key')
        .select('entity_ref', 'provider_id', 'input_key'),
    ]);
    for (const e of entities) {
      out.set(e.entity_ref, {
        sourceKey: e.source_key ?? null,
        inputKeys: new Map(),
      });
    }
    for (const f of facts) {
      out.get(f.entity_ref)?.inputKeys.set(f.provider_id, f.input_key!);
    }
  }
  return out;
}

/** See `ReadinessStore.getProviderFacts`: one read per chunk, by primary key. */
export async function getProviderFacts(
  db: Knex,
  providerId: string,
  entityRefs: string[],
): Promise<Map<string, ProviderFacts>> {
  const out = new Map<string, ProviderFacts>();
  for (const refs of chunk(unique(entityRefs))) {
    const rows = await db<DbFactsRow>(TABLES.facts)
      .where('provider_id', providerId)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'facts');
    for (const row of rows) {
      out.set(row.entity_ref, JSON.parse(row.facts) as ProviderFacts);
    }
  }
  return out;
}

const PASS_STATE = 'pass_state';

/** See `ReadinessStore.getPassState`. */
export async function getPassState(
  db: Knex,
  name: string,
): Promise<string | undefined> {
  const row = await db(PASS_STATE).where('name', name).first('value');
  return row?.value;
}

/** See `ReadinessStore.setPassState`. */
export async function setPassState(
  db: Knex,
  name: string,
  value: string,
  at: Date,
): Promise<void> {
  await db(PASS_STATE)
    .insert({ name, value, updated_at: at })
    .onConflict('name')
    .merge(['value', 'updated_at']);
}

/** See `ReadinessStore.getResultsSignature`: one aggregate over the results. */
export async function getResultsSignature(db: Knex): Promise<string> {
  const [row]: Array<{ n: unknown; latest: unknown }> = await db<DbResultsRow>(
    TABLES.results,
  ).select(
    db.raw('count(*) as n'),
    db.raw('max(??) as latest', ['evaluated_at']),
  );
  const latest = row?.latest;
  const at =
    latest === null || latest === undefined ? '' : toDate(latest).getTime();
  return `${Number(row?.n ?? 0)}@${at}`;
}
