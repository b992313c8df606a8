import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import path from 'node:path';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { computeRollup } from './rollup';
import { databaseServiceFor, makeResultInput } from './testFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const migrationsDir = path.resolve(__dirname, '../../migrations');
const MIGRATION = '20261125040000_read_indexes.js';
const AT = new Date('2026-11-25T12:00:00Z');
const TEAM_INDEXES = [
  'sr_team_rollups_name_idx',
  'sr_team_rollups_score_asc_idx',
  'sr_team_rollups_score_desc_idx',
  'sr_team_rollups_components_idx',
  'sr_team_rollups_at_risk_idx',
  'sr_team_rollups_not_ready_idx',
  'sr_team_rollups_coverage_idx',
];

async function indexNames(knex: Knex, table: string): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const r = await knex.raw(
      'SELECT indexname FROM pg_indexes WHERE tablename = ?',
      [table],
    );
    return r.rows.map((x: { indexname: string }) => x.indexname).sort();
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'index', tbl_name: table })
    .select('name');
  return rows.map(x => x.name).sort();
}

/** A 10-ary tree g0 → g1..g10 → …, `count` groups. */
function tree(count: number) {
  return Array.from({ length: count }, (_, g) => ({
    groupRef: `group:default/g${g}`,
    parentRef: g > 0 ? `group:default/g${Math.floor((g - 1) / 10)}` : null,
    title: `Team ${g}`,
    champions: [],
  }));
}

describe.each(databases.eachSupportedId())('read side, %p', databaseId => {
  let knex: Knex;
  let store: DatabaseReadinessStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
  });

  it(`${MIGRATION} adds and removes the read indexes`, async () => {
    expect(await indexNames(knex, 'team_rollups')).toEqual(
      expect.arrayContaining(TEAM_INDEXES),
    );
    const history = await indexNames(knex, 'result_history');
    expect(history).toContain('sr_history_entity_at_idx');
    expect(history).not.toContain('sr_history_entity_idx');
    await expect(knex.schema.hasTable('org_rollup')).resolves.toBe(true);
    await expect(knex.schema.hasTable('group_closure')).resolves.toBe(true);

    await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
    const after = await indexNames(knex, 'team_rollups');
    for (const name of TEAM_INDEXES) expect(after).not.toContain(name);
    expect(await indexNames(knex, 'result_history')).toContain(
      'sr_history_entity_idx',
    );
    await expect(knex.schema.hasTable('org_rollup')).resolves.toBe(false);
    await expect(knex.schema.hasTable('group_closure')).resolves.toBe(false);
  });

  it('reads a large hierarchy in one query, breadth first', async () => {
    await store.replaceGroups(tree(2300), AT);
    const queries: string[] = [];
    const listener = (q: { sql: string }) => queries.push(q.sql);
    knex.on('query', listener);
    const g1 = await store.getDescendantGroups('group:default/g1');
    knex.off('query', listener);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('group_closure');
    // g1, its 10 children (g11..g20), their 100 (g111..g210), then their 1000
    // (g1111..g2110): a frontier larger than any IN chunk
    expect(g1).toHaveLength(1 + 10 + 100 + 1000);
    expect(g1.slice(0, 3)).toEqual([
      'group:default/g1',
      'group:default/g11',
      'group:default/g12',
    ]);
    expect(g1.indexOf('group:default/g20')).toBeLessThan(
      g1.indexOf('group:default/g111'),
    );
    expect(new Set(g1).size).toBe(g1.length);
    // 2300 groups: 1 at depth 0, 10 at 1, 100 at 2, 1000 at 3, 1189 at 4
    const [{ count }] = await knex('group_closure')
      .whereNot('ancestor_ref', '#edges')
      .count({ count: '*' });
    expect(Number(count)).toBe(10 + 2 * 100 + 3 * 1000 + 4 * 1189 + 2300);

    // same edges (titles may change): the closure is not rewritten
    const writes: string[] = [];
    const onWrite = (q: { sql: string }) => {
      if (/group_closure/.test(q.sql) && !/^select/i.test(q.sql))
        writes.push(q.sql);
    };
    knex.on('query', onWrite);
    await store.replaceGroups(
      tree(2300).map(g => ({ ...g, title: `Renamed ${g.groupRef}` })),
      AT,
    );
    expect(writes).toEqual([]);
    // moved sub-tree: rewritten
    const moved = tree(2300).map(g =>
      g.groupRef === 'group:default/g20'
        ? { ...g, parentRef: 'group:default/g2' }
        : g,
    );
    await store.replaceGroups(moved, AT);
    knex.off('query', onWrite);
    expect(writes.length).toBeGreaterThan(0);
    const after = await store.getDescendantGroups('group:default/g1');
    expect(after).not.toContain('group:default/g20');
    expect(after).toHaveLength(1111 - 111);
    expect(await store.getDescendantGroups('group:default/g2')).toContain(
      'group:default/g20',
    );
    await store.replaceGroups(tree(2300), AT);

    const group = await store.getGroup('group:default/g1');
    expect(group?.children).toEqual(
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(n => `group:default/g${n}`),
    );
    expect(group?.parentRef).toBe('group:default/g0');

    // Without the closure (e.g. right after the upgrade) the recursive walk
    // gives the same order, in one more query.
    await knex('group_closure').delete();
    expect(await store.getDescendantGroups('group:default/g1')).toEqual(g1);
  });

  it('rolls a parent group up over its sub-tree and marks it as such', async () => {
    // g0 (department, owns nothing) → g1, g2 (teams)
    await store.replaceGroups(tree(3), AT);
    await store.saveResults(
      [
        makeResultInput({
          entityRef: 'component:default/a',
          owner: 'group:default/g1',
          level: 'silver',
          score: 80,
        }),
        makeResultInput({
          entityRef: 'component:default/b',
          owner: 'group:default/g2',
          level: 'bronze',
          score: 40,
        }),
      ],
      AT,
    );
    await store.recomputeTeamRollups({ growthFactor: 2, at: AT });
    const { rows } = await store.listTeamRollups();
    const byRef = new Map(rows.map(r => [r.teamRef, r]));
    expect(byRef.get('group:default/g0')).toMatchObject({
      components: 2,
      score: 60,
      subGroups: 2,
    });
    expect(byRef.get('group:default/g1')).toMatchObject({ components: 1 });
    expect(byRef.get('group:default/g1')?.subGroups).toBeUndefined();
  });

  it('serves the org rollup and team count stored with the team rows', async () => {
    await store.replaceGroups(tree(3), AT);
    const inputs = [
      makeResultInput({
        entityRef: 'component:default/a',
        owner: 'group:default/g1',
        level: 'silver',
        score: 80,
        ownHeadroom: 2.5,
      }),
      makeResultInput({
        entityRef: 'component:default/b',
        owner: 'group:default/g2',
        level: 'bronze',
        score: 40,
        ownHeadroom: 1.5,
      }),
    ];
    await store.saveResults(inputs, AT);
    const { org, teams } = await store.recomputeTeamRollups({
      growthFactor: 2,
      at: AT,
    });
    expect(teams).toBe(3);
    expect(org.atRisk).toBe(1);

    // a result written after the recompute is not in the snapshot …
    await store.saveResults(
      [
        makeResultInput({
          entityRef: 'component:default/c',
          owner: 'group:default/g2',
          level: 'gold',
          score: 100,
        }),
      ],
      AT,
    );
    expect(await store.getOrgRollup({ growthFactor: 2 })).toEqual(org);
    expect((await store.listTeamRollups()).total).toBe(3);
    // … a search counts the rows; another growth factor streams the results
    expect((await store.listTeamRollups({ q: 'team' })).total).toBe(3);
    const at3 = await store.getOrgRollup({ growthFactor: 3 });
    expect(at3.components).toBe(3);
    expect(at3).toEqual(
      computeRollup(
        [
          ...inputs.map(i => i.row),
          makeResultInput({
            entityRef: 'component:default/c',
            owner: 'group:default/g2',
            level: 'gold',
            score: 100,
          }).row,
        ],
        3,
      ),
    );

    const { org: next } = await store.recomputeTeamRollups({
      growthFactor: 2,
      at: AT,
    });
    expect(next.components).toBe(3);
    expect(await store.getOrgRollup({ growthFactor: 2 })).toEqual(next);
  });
});

const postgresIds = databases
  .eachSupportedId()
  .filter(([id]) => id === 'POSTGRES_15');
const describePostgres =
  postgresIds.length > 0 ? describe.each : describe.skip.each;

describePostgres(postgresIds.length > 0 ? postgresIds : [['POSTGRES_15']])(
  'read plans, %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseReadinessStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId as 'POSTGRES_15');
      store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
    });

    it('sorts the overview and history in index order', async () => {
      await store.replaceGroups(tree(300), AT);
      await store.recomputeTeamRollups({ growthFactor: 2, at: AT });
      const plans: Record<string, string> = {};
      const cases = {
        team: () => store.listTeamRollups({}),
        scoreAsc: () => store.listTeamRollups({ sort: 'score', order: 'asc' }),
        scoreDesc: () =>
          store.listTeamRollups({ sort: 'score', order: 'desc' }),
        components: () => store.listTeamRollups({ sort: 'components' }),
        history: () =>
          store.getHistory('component:default/a', { limit: 50, before: AT }),
      };
      for (const [name, run] of Object.entries(cases)) {
        const seen: Array<{ sql: string; bindings: unknown[] }> = [];
        const listener = (q: { sql: string; bindings: unknown[] }) =>
          seen.push(q);
        knex.on('query', listener);
        await run();
        knex.off('query', listener);
        const last = seen[seen.length - 1];
        // With sequential scans priced out, a matching index needs no Sort node.
        const plan = await knex.transaction(async tx => {
          await tx.raw('SET LOCAL enable_seqscan = off');
          const sql = last.sql.replace(/\$(\d+)/g, '?');
          const r = await tx.raw(`EXPLAIN ${sql}`, last.bindings as any[]);
          return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']);
        });
        plans[name] = plan.join('\n');
      }
      expect(plans.team).toContain('sr_team_rollups_name_idx');
      expect(plans.scoreAsc).toContain('sr_team_rollups_score_asc_idx');
      expect(plans.scoreDesc).toContain('sr_team_rollups_score_desc_idx');
      expect(plans.history).toContain('sr_history_entity_at_idx');
      for (const name of ['team', 'scoreAsc', 'scoreDesc', 'history']) {
        expect(plans[name]).not.toMatch(/(^|->\s+)Sort\b/m);
        expect(plans[name]).not.toContain('Seq Scan');
      }
      expect(plans.components).toContain('sr_team_rollups_components_idx');
    });
  },
);
