import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import type { FactsRow } from './ReadinessStore';
import { databaseServiceFor, makeBase, makeResultInput } from './testFixtures';
import { toBoolean, toDate } from './util';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const A = 'component:default/checkout';
const B = 'component:default/ledger';
const C = 'component:default/payments-api';
const TEAM = 'group:default/payments';

function workloadFacts(
  ref: string,
  replicas: number,
  at = new Date('2026-11-25T10:00:00Z'),
): FactsRow {
  return {
    entityRef: ref,
    providerId: 'manifests',
    status: 'ok',
    hash: `manifests-${ref}-${replicas}`,
    facts: {
      workloads: {
        status: 'ok',
        source: 'manifests',
        collectedAt: at.toISOString(),
        value: {
          workloads: [
            {
              kind: 'Deployment',
              name: ref.split('/').pop()!,
              replicas,
              podLabels: { app: ref },
              containers: [],
              scalers: [],
              pdbs: [],
              origin: 'manifests',
            },
          ],
          danglingScalers: [],
          resourceQuotas: [],
        },
      },
    },
    collectedAt: at,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore entities and facts, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    async function dirtyFlags(): Promise<Record<string, boolean>> {
      const rows = await knex('entities').select('entity_ref', 'dirty');
      return Object.fromEntries(
        rows.map(r => [r.entity_ref, toBoolean(r.dirty)]),
      );
    }

    it('inserts entities dirty, keeps unchanged ones clean and re-dirties on base change', async () => {
      const seen1 = new Date('2026-11-25T10:00:00Z');
      const inserted = await store.upsertEntities(
        [
          {
            entityRef: A,
            kind: 'Component',
            ownerRef: TEAM,
            base: makeBase(A, TEAM, [B]),
          },
          {
            entityRef: B,
            kind: 'Component',
            ownerRef: TEAM,
            base: makeBase(B, TEAM),
          },
        ],
        seen1,
      );
      expect(inserted.sort()).toEqual([A, B]);
      expect(await store.listDirty(10)).toEqual([A, B]);
      expect(await store.listDirty(1)).toEqual([A]);

      await store.markEvaluated(
        [
          { entityRef: A, inputHash: 'input-a' },
          { entityRef: B, inputHash: 'input-b' },
        ],
        new Date('2026-11-25T10:05:00Z'),
      );
      expect(await store.listDirty(10)).toEqual([]);

      // same base (different key order) + new seen time: nothing changes except last_seen_at
      const seen2 = new Date('2026-11-25T11:00:00Z');
      const reordered = JSON.parse(JSON.stringify(makeBase(B, TEAM)));
      const { relations, ...rest } = reordered;
      const changed = await store.upsertEntities(
        [
          {
            entityRef: A,
            kind: 'Component',
            ownerRef: TEAM,
            base: makeBase(A, TEAM, [B, C]),
          },
          {
            entityRef: B,
            kind: 'Component',
            ownerRef: TEAM,
            base: { relations, ...rest },
          },
        ],
        seen2,
      );
      expect(changed).toEqual([A]);
      expect(await dirtyFlags()).toEqual({ [A]: true, [B]: false });

      expect(await store.listEntityGraph()).toEqual([
        {
          entityRef: A,
          relations: { dependsOn: [B, C], consumesApis: [], providesApis: [] },
        },
        {
          entityRef: B,
          relations: { dependsOn: [], consumesApis: [], providesApis: [] },
        },
      ]);

      const entities = await store.getEntities([
        A,
        B,
        'component:default/missing',
      ]);
      expect([...entities.keys()].sort()).toEqual([A, B]);
      const a = entities.get(A)!;
      expect(a.base.relations.dependsOn).toEqual([B, C]);
      expect(a.ownerRef).toBe(TEAM);
      expect(a.inputHash).toBe('input-a');
      expect(a.lastSeenAt.toISOString()).toBe(seen2.toISOString());
      expect(a.evaluatedAt?.toISOString()).toBe('2026-11-25T10:05:00.000Z');
      const b = entities.get(B)!;
      expect(b.dirty).toBe(false);
      expect(b.inputHash).toBe('input-b');
      expect(b.lastSeenAt.toISOString()).toBe(seen2.toISOString());

      // an owner change alone is a change
      expect(
        await store.upsertEntities(
          [
            {
              entityRef: B,
              kind: 'Component',
              ownerRef: 'group:default/platform',
              base: makeBase(B, TEAM),
            },
          ],
          seen2,
        ),
      ).toEqual([B]);
      expect((await store.getEntities([B])).get(B)?.ownerRef).toBe(
        'group:default/platform',
      );
    });

    it('upserts facts, returning only changed refs and leaving unchanged rows untouched', async () => {
      const seen = new Date('2026-11-25T10:00:00Z');
      await store.upsertEntities(
        [A, B, C].map(ref => ({
          entityRef: ref,
          kind: 'Component',
          ownerRef: TEAM,
          base: makeBase(ref, TEAM),
        })),
        seen,
      );
      await store.markEvaluated(
        [A, B, C].map(ref => ({ entityRef: ref, inputHash: ref })),
      );

      const first = await store.upsertFacts([
        workloadFacts(A, 2),
        workloadFacts(B, 3),
      ]);
      expect(first.sort()).toEqual([A, B]);
      expect(await dirtyFlags()).toEqual({ [A]: true, [B]: true, [C]: false });
      await store.markEvaluated(
        [A, B].map(ref => ({ entityRef: ref, inputHash: ref })),
      );

      const before = await knex('facts').where({ entity_ref: A }).first();
      await new Promise(resolve => setTimeout(resolve, 20));

      const error: FactsRow = {
        entityRef: B,
        providerId: 'manifests',
        status: 'error',
        hash: workloadFacts(B, 3).hash, // same hash, different status
        facts: {},
        collectedAt: new Date('2026-11-25T10:30:00Z'),
      };
      const second = await store.upsertFacts([
        workloadFacts(A, 2, new Date('2026-11-25T10:30:00Z')), // unchanged
        error,
        workloadFacts(C, 1), // new
      ]);
      expect(second.sort()).toEqual([B, C]);
      expect(await dirtyFlags()).toEqual({ [A]: false, [B]: true, [C]: true });

      const after = await knex('facts').where({ entity_ref: A }).first();
      expect(toDate(after.updated_at).getTime()).toBe(
        toDate(before.updated_at).getTime(),
      );
      expect(toDate(after.collected_at).toISOString()).toBe(
        '2026-11-25T10:00:00.000Z',
      );

      // a second provider for A
      expect(
        await store.upsertFacts([
          {
            entityRef: A,
            providerId: 'catalog',
            status: 'not-configured',
            hash: 'catalog-a',
            facts: {},
            collectedAt: seen,
          },
        ]),
      ).toEqual([A]);

      const facts = await store.getFacts([A, B, 'component:default/none']);
      expect([...facts.keys()].sort()).toEqual([A, B]);
      expect(facts.get(A)!.map(f => f.providerId)).toEqual([
        'catalog',
        'manifests',
      ]);
      const manifests = facts.get(A)![1];
      expect(manifests.status).toBe('ok');
      expect(manifests.facts.workloads?.value?.workloads[0].replicas).toBe(2);
      expect(manifests.collectedAt.toISOString()).toBe(
        '2026-11-25T10:00:00.000Z',
      );
      expect(facts.get(B)![0]).toMatchObject({ status: 'error', facts: {} });

      expect(await store.upsertFacts([])).toEqual([]);
    });

    it('handles batches larger than the IN-list chunk size', async () => {
      const refs = Array.from(
        { length: 1203 },
        (_, i) => `component:default/svc-${String(i).padStart(4, '0')}`,
      );
      const seen = new Date('2026-11-25T10:00:00Z');
      const inserted = await store.upsertEntities(
        refs.map(ref => ({
          entityRef: ref,
          kind: 'Component',
          ownerRef: TEAM,
          base: makeBase(ref, TEAM),
        })),
        seen,
      );
      expect(inserted).toHaveLength(1203);
      expect(await store.listDirty(5000)).toHaveLength(1203);

      await store.markEvaluated(
        refs.map(ref => ({ entityRef: ref, inputHash: `in-${ref}` })),
      );
      expect(await store.listDirty(5000)).toEqual([]);
      const entities = await store.getEntities(refs);
      expect(entities.size).toBe(1203);
      expect(entities.get(refs[1202])?.inputHash).toBe(`in-${refs[1202]}`);

      const graph = await store.listEntityGraph();
      expect(graph.map(n => n.entityRef)).toEqual(refs);

      const changed = await store.upsertFacts(
        refs.map(ref => workloadFacts(ref, 2)),
      );
      expect(changed).toHaveLength(1203);
      expect(
        await store.upsertFacts(refs.map(ref => workloadFacts(ref, 2))),
      ).toEqual([]);
      expect((await store.getFacts(refs)).size).toBe(1203);
      expect(await store.listDirty(5000)).toHaveLength(1203);

      await store.markEvaluated(
        refs.map(ref => ({ entityRef: ref, inputHash: `in2-${ref}` })),
      );
      await store.markDirty(refs.slice(600));
      expect(await store.listDirty(5000)).toEqual(refs.slice(600));

      // results: chunked writes, reads and a rollup streamed over two pages
      const inputs = refs.map((ref, i) =>
        makeResultInput({
          entityRef: ref,
          owner: TEAM,
          level: i % 2 ? 'silver' : 'bronze',
          score: i % 2 ? 80 : 40,
          ownHeadroom: i % 3 ? 5 : 1,
        }),
      );
      expect(await store.saveResults(inputs, seen)).toMatchObject({
        written: 1203,
        historyAdded: 1203,
      });
      expect((await store.getResultHashes(refs)).size).toBe(1203);
      expect(await store.getRowsByOwners([TEAM])).toHaveLength(1203);
      const { org } = await store.recomputeTeamRollups({ growthFactor: 2 });
      expect(org.components).toBe(1203);
      expect(org.levels).toMatchObject({ bronze: 602, silver: 601 });
      expect(org.atRisk).toBe(401); // every third one has headroom 1
      const { rows } = await store.listTeamRollups();
      expect(rows).toEqual([
        expect.objectContaining({ teamRef: TEAM, components: 1203 }),
      ]);
    });

    it('deletes entities not seen since a date with their facts, results and history', async () => {
      const old = new Date('2026-11-24T10:00:00Z');
      const now = new Date('2026-11-25T10:00:00Z');
      await store.upsertEntities(
        [
          {
            entityRef: A,
            kind: 'Component',
            ownerRef: TEAM,
            base: makeBase(A, TEAM),
          },
        ],
        old,
      );
      await store.upsertEntities(
        [B, C].map(ref => ({
          entityRef: ref,
          kind: 'Component',
          ownerRef: TEAM,
          base: makeBase(ref, TEAM),
        })),
        old,
      );
      // B and C are seen again, A is gone from the catalog
      await store.upsertEntities(
        [B, C].map(ref => ({
          entityRef: ref,
          kind: 'Component',
          ownerRef: TEAM,
          base: makeBase(ref, TEAM),
        })),
        now,
      );
      await store.upsertFacts([workloadFacts(A, 2), workloadFacts(B, 2)]);
      await store.saveResults(
        [A, B].map(ref =>
          makeResultInput({
            entityRef: ref,
            owner: TEAM,
            level: 'silver',
            score: 80,
          }),
        ),
        now,
      );

      expect(await store.deleteEntitiesNotSeenSince(now)).toEqual([A]);
      expect((await store.getEntities([A, B, C])).size).toBe(2);
      expect((await store.getFacts([A])).size).toBe(0);
      expect(await store.getResult(A)).toBeUndefined();
      expect(await store.getHistory(A, { limit: 10 })).toEqual([]);
      expect(await store.getResult(B)).toBeDefined();
      expect(await store.getHistory(B, { limit: 10 })).toHaveLength(1);

      // keepHistory leaves the history in place
      const later = new Date('2026-11-26T10:00:00Z');
      expect(
        await store.deleteEntitiesNotSeenSince(later, { keepHistory: true }),
      ).toEqual([B, C]);
      expect(await store.getResult(B)).toBeUndefined();
      expect(await store.getHistory(B, { limit: 10 })).toHaveLength(1);
      expect(await store.deleteEntitiesNotSeenSince(later)).toEqual([]);
    });
  },
);
