import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { ScorecardRowCache } from './scorecardRowCache';
import { TABLES } from './tables';
import {
  databaseServiceFor,
  makeResultInput,
  type ResultSpec,
} from './testFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const AT = new Date('2026-11-25T12:00:00Z');
const LATER = new Date('2026-11-25T13:00:00Z');
const A = 'group:default/a';
const B = 'group:default/b';

function component(i: number, overrides: Partial<ResultSpec> = {}) {
  return makeResultInput({
    entityRef: `component:default/c${String(i).padStart(2, '0')}`,
    owner: i % 2 ? A : B,
    level: 'silver',
    score: 50 + i,
    ownHeadroom: 3,
    chainHeadroom: 3,
    ...overrides,
  });
}

describe.each(databases.eachSupportedId())(
  'scorecard row cache, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;
    let cache: ScorecardRowCache;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      await store.saveResults(
        Array.from({ length: 20 }, (_, i) => component(i)),
        AT,
      );
      cache = new ScorecardRowCache(knex);
    });

    it('returns what getRowsByOwners returns, reading only rows written since', async () => {
      for (const owners of [[A], [B], [A, B], ['group:default/none']]) {
        expect(await cache.rowsByOwners(owners)).toEqual(
          await store.getRowsByOwners(owners),
        );
      }
      const first = await cache.rowsByOwners([A]);
      // Another replica rewrites one result.
      const other = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      await other.saveResults([component(3, { score: 7 })], LATER);
      const second = await cache.rowsByOwners([A]);
      expect(second).toEqual(await store.getRowsByOwners([A]));
      expect(second.find(r => r.entityRef.endsWith('c03'))?.score).toBe(7);
      // Unchanged rows are the cached objects; the rewritten one is new.
      const reused = second.map((row, i) => [row.entityRef, row === first[i]]);
      expect(reused).toEqual(
        first.map(row => [row.entityRef, !row.entityRef.endsWith('c03')]),
      );
    });

    it('reads a row rewritten with the same hash at another time', async () => {
      await cache.rowsByOwners([A]);
      const ref = 'component:default/c05';
      const stored = await knex(TABLES.results)
        .where('entity_ref', ref)
        .first('row');
      await knex(TABLES.results)
        .where('entity_ref', ref)
        .update({
          row: JSON.stringify({
            ...JSON.parse(stored.row),
            evaluatedAt: LATER.toISOString(),
          }),
          evaluated_at: LATER,
        });
      const rows = await cache.rowsByOwners([A]);
      expect(rows.find(r => r.entityRef === ref)?.evaluatedAt).toBe(
        LATER.toISOString(),
      );
    });

    it('leaves out results deleted or moved to another owner', async () => {
      await cache.rowsByOwners([A]);
      await knex(TABLES.results)
        .where('entity_ref', 'component:default/c01')
        .delete();
      await store.saveResults([component(7, { owner: B })], LATER);
      const rows = await cache.rowsByOwners([A]);
      expect(rows).toEqual(await store.getRowsByOwners([A]));
      expect(rows.map(r => r.entityRef)).not.toContain('component:default/c01');
      expect(rows.map(r => r.entityRef)).not.toContain('component:default/c07');
      expect((await cache.rowsByOwners([B])).map(r => r.entityRef)).toContain(
        'component:default/c07',
      );
    });

    it('keeps at most maxBytes of rows, and still returns every row', async () => {
      const all = await store.getRowsByOwners([A, B]);
      const oneRow = JSON.stringify(all[0]).length;
      const small = new ScorecardRowCache(knex, { maxBytes: oneRow * 5 });
      expect(await small.rowsByOwners([A, B])).toEqual(all);
      expect(small.size).toBeGreaterThan(0);
      expect(small.size).toBeLessThanOrEqual(oneRow * 5);
      expect(await small.rowsByOwners([A, B])).toEqual(all);
    });
  },
);
