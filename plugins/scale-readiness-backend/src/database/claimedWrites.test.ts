import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import type { ClaimedEntity, ResultInput } from './ReadinessStore';
import { databaseServiceFor, makeBase, makeResultInput } from './testFixtures';

jest.setTimeout(60_000);

/**
 * `saveClaimedResults` as a whole batch: what it writes when part of the
 * batch is no longer this worker's, when it fails part-way, when two workers
 * save the same entities at once, and that every column reads back exactly
 * what was written (PostgreSQL loads the batch through one JSON parameter).
 */
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-11-25T12:00:00Z');
const LEASE = 60_000;
const OWNER = 'group:default/team';
const ref = (i: number) => `component:default/w${String(i).padStart(4, '0')}`;

describe.each(databases.eachSupportedId())(
  'saveClaimedResults batches, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    async function seed(count: number) {
      const refs = Array.from({ length: count }, (_, i) => ref(i));
      await store.upsertEntities(
        refs.map(r => ({
          entityRef: r,
          kind: 'Component',
          ownerRef: OWNER,
          base: makeBase(r, OWNER),
        })),
        T0,
      );
      return refs;
    }

    const claim = (workerId: string, now = T0, entityRefs?: string[]) =>
      store.claimDirty({
        workerId,
        limit: 10_000,
        leaseMs: LEASE,
        now,
        entityRefs,
      });

    const resultFor = (entityRef: string, score: number, note?: string) =>
      makeResultInput({
        entityRef,
        owner: OWNER,
        level: 'silver',
        score,
        note,
      });

    const save = (
      workerId: string,
      claims: ClaimedEntity[],
      results: ResultInput[],
      at = T0,
    ) =>
      store.saveClaimedResults({
        workerId,
        claims,
        results,
        inputHash: 'h',
        at,
      });

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('writes a large batch in full, then only what changed, with history on change', async () => {
      const refs = await seed(1200);
      const first = await save(
        'w1',
        await claim('w1'),
        refs.map(r => resultFor(r, 50)),
      );
      expect(first).toEqual({
        written: 1200,
        unchanged: 0,
        historyAdded: 1200,
        discarded: 0,
        completed: 1200,
      });
      // Everything scored again: a third changed its score, a third changed
      // only its text (a new hash, no history), a third is unchanged.
      await store.markDirty(refs);
      const again = await save(
        'w2',
        await claim('w2'),
        refs.map((r, i) => {
          if (i % 3 === 0) return resultFor(r, 60);
          if (i % 3 === 1) return resultFor(r, 50, 'reworded');
          return resultFor(r, 50);
        }),
      );
      expect(again).toEqual({
        written: 800,
        unchanged: 400,
        historyAdded: 400,
        discarded: 0,
        completed: 1200,
      });
      const history = await store.getHistory(refs[0], { limit: 5 });
      expect(history.map(h => [h.score, h.previousScore ?? null])).toEqual([
        [60, 50],
        [50, null],
      ]);
      expect(await store.getHistory(refs[1], { limit: 5 })).toHaveLength(1);
      const stored = await store.getResults([refs[0], refs[1], refs[2]]);
      expect(stored.get(refs[1])!.result.checks[0].message).toContain(
        'reworded',
      );
      expect(await store.listDirty(10)).toEqual([]);
    });

    it('writes nothing and completes nothing when the batch fails part-way', async () => {
      const refs = await seed(3);
      const claims = await claim('w1');
      const bad = resultFor(refs[2], 40);
      // kind is NOT NULL: the last row of the batch cannot be written
      (bad.result as { kind?: string }).kind = undefined;
      // (not `rejects.toThrow()`: SQLite errors may come from another realm)
      const failure = await save('w1', claims, [
        resultFor(refs[0], 40),
        resultFor(refs[1], 40),
        bad,
      ]).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(failure).toBeDefined();
      expect((await store.getResults(refs)).size).toBe(0);
      expect(await store.getHistory(refs[0], { limit: 5 })).toEqual([]);
      const rows = await knex('entities')
        .whereIn('entity_ref', refs)
        .select('dirty', 'claimed_by');
      expect(rows.map(r => [Boolean(r.dirty), r.claimed_by])).toEqual(
        refs.map(() => [true, 'w1']),
      );
      // the same worker retries with a good batch
      expect(
        await save(
          'w1',
          claims,
          refs.map(r => resultFor(r, 40)),
        ),
      ).toMatchObject({ written: 3, completed: 3 });
    });

    it('discards the part of a batch whose claims were lost or whose entities changed', async () => {
      const refs = await seed(10);
      const claims = await claim('w1');
      const later = new Date(T0.getTime() + LEASE + 1);
      // w1 stalls: w2 takes over the even entities and scores them.
      const even = refs.filter((_, i) => i % 2 === 0);
      const taken = await claim('w2', later, even);
      expect(taken).toHaveLength(5);
      await save(
        'w2',
        taken,
        even.map(r => resultFor(r, 90)),
        later,
      );
      // refs[1] changes while w1 still holds it (its generation moves on)
      await store.markDirty([refs[1]]);

      const saved = await save(
        'w1',
        claims,
        refs.map(r => resultFor(r, 10)),
        later,
      );
      // kept: 3, 5, 7, 9 (four odd ones); discarded: five even + refs[1]
      expect(saved).toMatchObject({ written: 4, discarded: 6, completed: 5 });
      const stored = await store.getResults(refs);
      expect(refs.map(r => stored.get(r)?.result.score)).toEqual([
        90,
        undefined,
        90,
        10,
        90,
        10,
        90,
        10,
        90,
        10,
      ]);
      expect(await store.listDirty(20)).toEqual([refs[1]]);
    });

    it('lets exactly one of two workers write an entity they save at the same time', async () => {
      const refs = await seed(40);
      const claims1 = await claim('w1');
      const later = new Date(T0.getTime() + LEASE + 1);
      const claims2 = await claim('w2', later);
      expect(claims2).toHaveLength(40);
      // the stale worker and the current one save concurrently
      const [stale, current] = await Promise.all([
        save(
          'w1',
          claims1,
          refs.map(r => resultFor(r, 10)),
          later,
        ),
        save(
          'w2',
          claims2,
          refs.map(r => resultFor(r, 90)),
          later,
        ),
      ]);
      expect(stale).toMatchObject({ written: 0, discarded: 40, completed: 0 });
      expect(current).toMatchObject({ written: 40, completed: 40 });
      const stored = await store.getResults(refs);
      expect([...stored.values()].map(s => s.result.score)).toEqual(
        refs.map(() => 90),
      );
      expect(await store.getHistory(refs[0], { limit: 5 })).toHaveLength(1);
    });

    it('reads back every column exactly as written, whatever the text holds', async () => {
      const [a, b] = await seed(2);
      const odd =
        'quote " backslash \\ newline \n tab \t ünïcödé ✓ 𝄞 {"json": [1]} \\u0041';
      const input = makeResultInput({
        entityRef: a,
        owner: OWNER,
        system: `system:default/${odd}`,
        level: 'bronze',
        score: 33.333333333333336,
        ownHeadroom: 1.2345678901234567,
        chainHeadroom: 0.1,
        note: odd,
      });
      input.result.title = odd;
      input.row.title = odd;
      const plain = resultFor(b, 0);
      const claims = await claim('w1');
      await save('w1', claims, [input, plain]);
      const stored = await store.getResults([a, b]);
      expect(stored.get(a)).toEqual({
        result: input.result,
        resultHash: input.resultHash,
        evaluatedAt: T0,
      });
      expect(stored.get(b)!.result).toEqual(plain.result);
      expect(await store.getRowsByOwners([OWNER])).toEqual([
        input.row,
        plain.row,
      ]);
      const row = await knex('results').where('entity_ref', a).first();
      expect(row).toMatchObject({
        owner_ref: OWNER,
        system: `system:default/${odd}`,
        level: 'bronze',
        score: 33.333333333333336,
        own_headroom: 1.2345678901234567,
        chain_headroom: 0.1,
      });
      const [entry] = await store.getHistory(a, { limit: 1 });
      expect(entry).toMatchObject({ level: 'bronze', chainHeadroom: 0.1 });
    });
  },
);
