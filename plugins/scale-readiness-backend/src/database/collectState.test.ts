import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import path from 'node:path';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import type { FactsRow } from './ReadinessStore';
import { databaseServiceFor, makeBase, makeResultInput } from './testFixtures';
import { toBoolean } from './util';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const A = 'component:default/checkout';
const B = 'component:default/ledger';
const TEAM = 'group:default/payments';
const seen1 = new Date('2026-11-25T10:00:00Z');
const seen2 = new Date('2026-11-25T11:00:00Z');

function facts(ref: string, hash: string, inputKey?: string | null): FactsRow {
  return {
    entityRef: ref,
    providerId: 'keyed',
    status: 'ok',
    hash,
    facts: {},
    collectedAt: seen1,
    inputKey,
  };
}

describe.each(databases.eachSupportedId())(
  'collection state (source and input keys, pass state), %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;
    const entity = (ref: string, sourceKey: string | null) => ({
      entityRef: ref,
      kind: 'Component',
      ownerRef: TEAM,
      base: makeBase(ref, TEAM),
      sourceKey,
    });
    const dirty = async (ref: string) =>
      toBoolean(
        (await knex('entities').where('entity_ref', ref).first()).dirty,
      );

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('stores source and input keys and reads them back per entity', async () => {
      await store.upsertEntities([entity(A, '1:a'), entity(B, null)], seen1);
      await store.upsertFacts([facts(A, 'h1', 'k1'), facts(B, 'h1', null)]);
      const state = await store.getCollectState([A, B, 'component:default/x']);
      expect(state.get(A)).toEqual({
        sourceKey: '1:a',
        inputKeys: new Map([['keyed', 'k1']]),
      });
      expect(state.get(B)).toEqual({ sourceKey: null, inputKeys: new Map() });
      expect(state.has('component:default/x')).toBe(false);
    });

    it('updates only the key when the facts behind a new key are the same', async () => {
      await store.upsertEntities([entity(A, '1:a')], seen1);
      await store.upsertFacts([facts(A, 'h1', 'k1')]);
      await store.markEvaluated([{ entityRef: A, inputHash: 'i' }], seen1);

      expect(await store.upsertEntities([entity(A, '1:b')], seen2)).toEqual([]);
      expect(await store.upsertFacts([facts(A, 'h1', 'k2')])).toEqual([]);
      expect(await dirty(A)).toBe(false);
      const state = await store.getCollectState([A]);
      expect(state.get(A)?.sourceKey).toBe('1:b');
      expect(state.get(A)?.inputKeys.get('keyed')).toBe('k2');

      // Changed facts are written with their key and mark the entity dirty.
      expect(await store.upsertFacts([facts(A, 'h2', 'k3')])).toEqual([A]);
      expect(await dirty(A)).toBe(true);
      expect(
        (await store.getCollectState([A])).get(A)?.inputKeys.get('keyed'),
      ).toBe('k3');
    });

    it("reads one provider's stored facts per entity", async () => {
      const workloads = {
        status: 'ok' as const,
        source: 'manifests',
        collectedAt: seen1.toISOString(),
        value: { workloads: [], danglingScalers: [], resourceQuotas: [] },
      };
      await store.upsertEntities([entity(A, '1:a'), entity(B, '1:b')], seen1);
      await store.upsertFacts([
        { ...facts(A, 'm'), providerId: 'manifests', facts: { workloads } },
        facts(A, 'h1'),
        facts(B, 'h1'),
      ]);
      const stored = await store.getProviderFacts('manifests', [
        A,
        B,
        'component:default/x',
      ]);
      expect([...stored.keys()]).toEqual([A]);
      expect(stored.get(A)).toEqual({ workloads });
      expect((await store.getProviderFacts('keyed', [A, B])).size).toBe(2);
      expect((await store.getProviderFacts('manifests', [])).size).toBe(0);
    });

    it('keeps entities the pass saw although their last_seen_at is old', async () => {
      await store.upsertEntities([entity(A, '1:a'), entity(B, '1:b')], seen1);
      const deleted = await store.deleteEntitiesNotSeenSince(seen2, {
        seen: new Set([A]),
      });
      expect(deleted).toEqual([B]);
      expect([...(await store.getEntities([A, B])).keys()]).toEqual([A]);
    });

    it('only counts when every stored entity was seen', async () => {
      await store.upsertEntities([entity(A, '1:a'), entity(B, '1:b')], seen1);
      const queries: string[] = [];
      const record = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', record);
      try {
        expect(
          await store.deleteEntitiesNotSeenSince(seen2, {
            seen: new Set([A, B]),
          }),
        ).toEqual([]);
      } finally {
        knex.removeListener('query', record);
      }
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/count\(/i);
      expect([...(await store.getEntities([A, B])).keys()]).toEqual([A, B]);
    });

    it('stores named pass state and a results signature that moves on writes', async () => {
      expect(await store.getPassState('groups')).toBeUndefined();
      await store.setPassState('groups', 'x', seen1);
      await store.setPassState('groups', 'y', seen2);
      expect(await store.getPassState('groups')).toBe('y');

      const empty = await store.getResultsSignature();
      await store.upsertEntities([entity(A, '1:a')], seen1);
      await store.saveResults(
        [
          makeResultInput({
            entityRef: A,
            owner: TEAM,
            level: 'silver',
            score: 50,
          }),
        ],
        seen1,
      );
      const one = await store.getResultsSignature();
      expect(one).not.toBe(empty);
      expect(await store.getResultsSignature()).toBe(one);
      await store.saveResults(
        [
          makeResultInput({
            entityRef: A,
            owner: TEAM,
            level: 'gold',
            score: 60,
          }),
        ],
        seen2,
      );
      expect(await store.getResultsSignature()).not.toBe(one);
    });

    const INCREMENTAL = '20261125050000';

    it('migrates the incremental migration down and up again', async () => {
      const directory = path.resolve(__dirname, '../../migrations');
      // Later migrations sit on top of the incremental one: step down
      // through them until the incremental migration itself is undone.
      for (;;) {
        const version = await knex.migrate.currentVersion({ directory });
        if (version === 'none' || version < INCREMENTAL) break;
        await knex.migrate.down({ directory });
      }
      await expect(knex.schema.hasTable('pass_state')).resolves.toBe(false);
      await expect(knex.schema.hasColumn('facts', 'input_key')).resolves.toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      await expect(
        knex.schema.hasColumn('entities', 'source_key'),
      ).resolves.toBe(true);
    });
  },
);
