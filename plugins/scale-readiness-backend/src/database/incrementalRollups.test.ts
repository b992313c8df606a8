import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
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

/** A 3-ary tree g0 → g1..g3 → g4..g12, `count` groups. */
function tree(count: number) {
  return Array.from({ length: count }, (_, g) => ({
    groupRef: `group:default/g${g}`,
    parentRef: g > 0 ? `group:default/g${Math.floor((g - 1) / 3)}` : null,
    title: `Team ${g}`,
    champions: [],
  }));
}

function component(i: number, overrides: Partial<ResultSpec> = {}) {
  return makeResultInput({
    entityRef: `component:default/c${i}`,
    owner: `group:default/g${4 + (i % 9)}`,
    level: (['not-ready', 'bronze', 'silver', 'gold'] as const)[i % 4],
    score: (i * 37) % 101,
    ownHeadroom: 1 + (i % 5),
    chainHeadroom: 1 + (i % 5),
    statuses: i % 3 === 0 ? { 'autoscaling.hpa-present': 'fail' } : {},
    ...overrides,
  });
}

/** Every team row and the org rollup, in a comparable form. */
async function snapshot(store: DatabaseReadinessStore) {
  const { total, rows } = await store.listTeamRollups({ limit: 1000 });
  return {
    total,
    rows: [...rows].sort((a, b) => (a.teamRef < b.teamRef ? -1 : 1)),
    org: await store.getOrgRollup({ growthFactor: 2 }),
  };
}

describe.each(databases.eachSupportedId())(
  'incremental team rollups, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      await store.replaceGroups(tree(13), AT);
      await store.saveResults(
        [
          ...Array.from({ length: 40 }, (_, i) => component(i)),
          component(100, { owner: 'user:default/alice' }),
          component(101, { owner: undefined }),
        ],
        AT,
      );
    });

    it('rewrites only the teams whose rows changed, with the rollups of a full recompute', async () => {
      const first = await store.recomputeTeamRollups({
        growthFactor: 2,
        at: AT,
      });
      expect(first).toMatchObject({ incremental: false, teamsWritten: 14 });

      // Nothing changed: nothing is written.
      const idle = await store.recomputeTeamRollups({
        growthFactor: 2,
        at: LATER,
      });
      expect(idle).toMatchObject({
        incremental: true,
        teams: 14,
        teamsWritten: 0,
      });

      // c0 (g4) changes its score, c1 (g5) moves to g12, c50 is new in g6,
      // c2 (g6) and alice's only component are deleted.
      await store.saveResults(
        [
          component(0, { score: 3, level: 'not-ready' }),
          component(1, { owner: 'group:default/g12' }),
          component(50, { owner: 'group:default/g6' }),
        ],
        LATER,
      );
      await knex(TABLES.results)
        .whereIn('entity_ref', [
          'component:default/c2',
          'component:default/c100',
        ])
        .delete();

      const next = await store.recomputeTeamRollups({
        growthFactor: 2,
        at: LATER,
      });
      // g4, g5, g6, g12 and their ancestors g1, g3, g0 are rewritten;
      // alice's row (she owns nothing any more) is removed.
      expect(next).toMatchObject({
        incremental: true,
        teams: 13,
        teamsWritten: 8,
      });
      const incremental = await snapshot(store);
      expect(incremental.org).toEqual(next.org);
      expect(incremental.total).toBe(13);
      expect(incremental.rows.map(r => r.teamRef)).not.toContain(
        'user:default/alice',
      );
      const untouched = await knex(TABLES.teamRollups)
        .where('team_ref', 'group:default/g7')
        .first('updated_at');
      expect(new Date(untouched.updated_at).getTime()).toBe(AT.getTime());

      // A store without a cache recomputes everything from the results: the
      // same rows.
      const fresh = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex, true),
      });
      const full = await fresh.recomputeTeamRollups({
        growthFactor: 2,
        at: LATER,
      });
      expect(full).toMatchObject({ incremental: false, teamsWritten: 13 });
      expect(await snapshot(fresh)).toEqual(incremental);
    });

    it('recomputes everything after another writer, a new hierarchy or growth factor', async () => {
      await store.recomputeTeamRollups({ growthFactor: 2, at: AT });
      const other = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex, true),
      });
      await other.recomputeTeamRollups({ growthFactor: 2, at: AT });
      // The other replica wrote the rows since: this cache is stale.
      expect(
        await store.recomputeTeamRollups({ growthFactor: 2, at: AT }),
      ).toMatchObject({ incremental: false });
      expect(
        await store.recomputeTeamRollups({ growthFactor: 2, at: AT }),
      ).toMatchObject({ incremental: true, teamsWritten: 0 });

      // g12 moves under g1.
      await store.replaceGroups(
        tree(13).map(g =>
          g.groupRef === 'group:default/g12'
            ? { ...g, parentRef: 'group:default/g1' }
            : g,
        ),
        LATER,
      );
      const moved = await store.recomputeTeamRollups({
        growthFactor: 2,
        at: LATER,
      });
      expect(moved).toMatchObject({ incremental: false });
      const byRef = new Map(
        (await snapshot(store)).rows.map(r => [r.teamRef, r]),
      );
      expect(byRef.get('group:default/g1')?.subGroups).toBe(4);

      expect(
        await store.recomputeTeamRollups({ growthFactor: 3, at: LATER }),
      ).toMatchObject({ incremental: false });
    });
  },
);
