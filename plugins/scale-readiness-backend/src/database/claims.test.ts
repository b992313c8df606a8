import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { databaseServiceFor, makeBase, makeResultInput } from './testFixtures';
import { toBoolean } from './util';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-11-25T12:00:00Z');
const LEASE = 60_000;
const ref = (i: number) => `component:default/c${String(i).padStart(4, '0')}`;

describe.each(databases.eachSupportedId())(
  'claims, generations and retention, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    async function seed(count: number) {
      const refs = Array.from({ length: count }, (_, i) => ref(i));
      await store.upsertEntities(
        refs.map(r => ({
          entityRef: r,
          kind: 'Component',
          ownerRef: 'group:default/team',
          base: makeBase(r, 'group:default/team'),
        })),
        T0,
      );
      return refs;
    }

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('keeps an entity dirty when it changes while being scored', async () => {
      const [a, b] = await seed(2);
      const claims = await store.claimDirty({
        workerId: 'w1',
        limit: 10,
        leaseMs: LEASE,
        now: T0,
      });
      expect(claims.map(c => c.entityRef)).toEqual([a, b]);
      // A change to `a` arrives while w1 scores it.
      await store.markDirty([a]);
      expect(
        await store.completeClaims({
          workerId: 'w1',
          claims,
          inputHash: 'h',
          at: T0,
        }),
      ).toBe(2);
      const rows = await store.getEntities([a, b]);
      expect(rows.get(a)).toMatchObject({ dirty: true, inputHash: 'h' });
      expect(rows.get(b)).toMatchObject({ dirty: false, inputHash: 'h' });
      expect(rows.get(a)!.generation).toBe(claims[0].generation + 1);
      // The change is claimed again, at its new generation.
      const again = await store.claimDirty({
        workerId: 'w2',
        limit: 10,
        leaseMs: LEASE,
        now: T0,
      });
      expect(again).toEqual([
        { entityRef: a, generation: claims[0].generation + 1 },
      ]);
    });

    it('writes results only for claims still held at their generation, in one transaction with the completion', async () => {
      const [kept, takenOver, changed] = await seed(3);
      const claims = await store.claimDirty({
        workerId: 'w1',
        limit: 10,
        leaseMs: LEASE,
        now: T0,
      });
      const later = new Date(T0.getTime() + LEASE + 1);
      // w1 stalls past its lease: w2 takes `takenOver` and writes its result;
      // `changed` changes (its generation moves on) while w1 still holds it.
      const [claim2] = await store.claimDirty({
        workerId: 'w2',
        limit: 10,
        leaseMs: LEASE,
        now: later,
        entityRefs: [takenOver],
      });
      const newer = makeResultInput({
        entityRef: takenOver,
        owner: 'group:default/team',
        level: 'gold',
        score: 95,
      });
      expect(
        await store.saveClaimedResults({
          workerId: 'w2',
          claims: [claim2],
          results: [newer],
          inputHash: 'h',
          at: later,
        }),
      ).toMatchObject({ written: 1, discarded: 0, completed: 1 });
      await store.markDirty([changed]);

      const stale = [kept, takenOver, changed].map(r =>
        makeResultInput({
          entityRef: r,
          owner: 'group:default/team',
          level: 'bronze',
          score: 40,
        }),
      );
      expect(
        await store.saveClaimedResults({
          workerId: 'w1',
          claims,
          results: stale,
          inputHash: 'h',
          at: later,
        }),
      ).toMatchObject({
        written: 1,
        historyAdded: 1,
        discarded: 2,
        completed: 2,
      });
      const saved = await store.getResults([kept, takenOver, changed]);
      expect(saved.get(kept)!.result.level).toBe('bronze');
      expect(saved.get(takenOver)!.resultHash).toBe(newer.resultHash);
      expect(saved.has(changed)).toBe(false);
      expect(await store.getHistory(takenOver, { limit: 5 })).toHaveLength(1);
      const rows = await store.getEntities([kept, takenOver, changed]);
      expect(rows.get(kept)).toMatchObject({ dirty: false });
      expect(rows.get(takenOver)).toMatchObject({ dirty: false });
      expect(rows.get(changed)).toMatchObject({ dirty: true });
      expect(await store.listDirty(10)).toEqual([changed]);
    });

    it('leases claims, skips claimed entities and respects the collect gate', async () => {
      const refs = await seed(6);
      const opts = { limit: 4, leaseMs: LEASE, now: T0 };
      const first = await store.claimDirty({ ...opts, workerId: 'w1' });
      const second = await store.claimDirty({ ...opts, workerId: 'w2' });
      expect(first.map(c => c.entityRef)).toEqual(refs.slice(0, 4));
      expect(second.map(c => c.entityRef)).toEqual(refs.slice(4));
      expect(await store.countPending({ workerId: 'w2', now: T0 })).toEqual({
        dirty: 6,
        claimedByOthers: 4,
      });
      // w1 dies: after the lease its entities are claimable again.
      const later = new Date(T0.getTime() + LEASE + 1);
      const takeover = await store.claimDirty({
        ...opts,
        workerId: 'w3',
        now: later,
      });
      expect(takeover.map(c => c.entityRef)).toEqual(refs.slice(0, 4));
      // A late completion by w1 does not touch w3's claims.
      expect(
        await store.completeClaims({
          workerId: 'w1',
          claims: first,
          inputHash: 'h',
          at: later,
        }),
      ).toBe(0);
      await store.releaseClaims({ workerId: 'w3', entityRefs: refs });
      await store.closeGate({
        name: 'collect',
        holder: 'p',
        until: new Date(later.getTime() + 1000),
      });
      expect(
        await store.claimDirty({
          ...opts,
          workerId: 'w4',
          now: later,
          gate: 'collect',
        }),
      ).toEqual([]);
      // Explicit refs ignore the gate (refresh of one entity).
      expect(
        await store.claimDirty({
          ...opts,
          workerId: 'w4',
          now: later,
          gate: undefined,
          entityRefs: [refs[0]],
        }),
      ).toHaveLength(1);
      await store.openGate({ name: 'collect', holder: 'p', at: later });
      expect(await store.getGate('collect')).toMatchObject({ closedCount: 1 });
      // w2's lease has expired too; refs[0] is w4's already.
      expect(
        (
          await store.claimDirty({
            ...opts,
            workerId: 'w4',
            now: later,
            gate: 'collect',
          })
        ).map(c => c.entityRef),
      ).toEqual(refs.slice(1, 5));
    });

    it('propagates marks to dependents once, and marks everything on a new input hash', async () => {
      const refs = await seed(4);
      const claims = await store.claimDirty({
        workerId: 'w',
        limit: 10,
        leaseMs: LEASE,
        now: T0,
      });
      await store.completeClaims({
        workerId: 'w',
        claims,
        inputHash: 'h1',
        at: T0,
      });
      await store.takePropagation(() => []); // flags of the first upsert
      await store.markDirty([refs[0]]);
      const taken = await store.takePropagation(seeds =>
        seeds.includes(refs[0]) ? [refs[0], refs[2]] : [],
      );
      expect(taken).toEqual({ seeds: 1, marked: 1 });
      expect(await store.listDirty(10)).toEqual([refs[0], refs[2]]);
      expect(await store.takePropagation(() => [refs[3]])).toEqual({
        seeds: 0,
        marked: 0,
      });
      expect(await store.markDirtyUnlessInputHash('h1')).toBe(0);
      expect(await store.markDirtyUnlessInputHash('h2')).toBe(2);
      expect(await store.listDirty(10)).toEqual(refs);
    });

    it('bounds history per entity over many cycles; facts stay one row per provider', async () => {
      const refs = await seed(3);
      for (let cycle = 0; cycle < 30; cycle++) {
        const at = new Date(T0.getTime() + cycle * 60_000);
        await store.saveResults(
          refs.map(r =>
            makeResultInput({
              entityRef: r,
              owner: 'group:default/team',
              level: cycle % 2 ? 'gold' : 'silver',
              score: 70 + (cycle % 2) * 25,
            }),
          ),
          at,
        );
        await store.upsertFacts(
          refs.map(r => ({
            entityRef: r,
            providerId: 'catalog',
            status: 'ok',
            hash: `h${cycle}`,
            facts: {},
            collectedAt: at,
          })),
        );
      }
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('result_history')).toBe(90);
      expect(await store.pruneHistory({ keepPerEntity: 5 })).toBe(75);
      expect(await count('result_history')).toBe(15);
      expect((await store.getHistory(refs[0], { limit: 10 }))[0].level).toBe(
        'gold',
      );
      expect(await count('facts')).toBe(3);
      expect(await store.pruneHistory({ keepPerEntity: 5 })).toBe(0);
    });

    if (databaseId === 'POSTGRES_15') {
      it('never gives the same entity to concurrent claimers (SKIP LOCKED)', async () => {
        const refs = await seed(300);
        const pools = Array.from({ length: 6 }, () =>
          knexFactory({
            ...(knex.client as { config: Knex.Config }).config,
            pool: { min: 0, max: 2 },
          }),
        );
        try {
          const stores = await Promise.all(
            pools.map(p =>
              DatabaseReadinessStore.create({
                database: databaseServiceFor(p),
                skipMigrations: true,
              }),
            ),
          );
          const got = await Promise.all(
            stores.map(async (s, w) => {
              const mine: string[] = [];
              for (;;) {
                const c = await s.claimDirty({
                  workerId: `w${w}`,
                  limit: 7,
                  leaseMs: LEASE,
                  now: T0,
                });
                if (c.length === 0) return mine;
                mine.push(...c.map(x => x.entityRef));
              }
            }),
          );
          const all = got.flat();
          expect(all).toHaveLength(300);
          expect(new Set(all).size).toBe(300);
          expect(got.filter(g => g.length > 0).length).toBeGreaterThan(1);
          expect([...all].sort()).toEqual(refs);
          const dirty = await knex('entities').select('dirty');
          expect(dirty.every(r => toBoolean(r.dirty))).toBe(true);
        } finally {
          await Promise.all(pools.map(p => p.destroy()));
        }
      });
    }
  },
);
