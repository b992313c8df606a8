import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { databaseServiceFor } from '../database/testFixtures';
import { migratedClient } from '../database/migrate';
import { DatabaseTrendStore, TRENDS_TABLE } from './DatabaseTrendStore';
import type { TrendRowInput } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const TEAM = 'group:default/payments';

function row(day: string, score: number, over?: Partial<TrendRowInput>) {
  return {
    scope: 'team' as const,
    scopeRef: TEAM,
    day,
    score,
    weakestHeadroom: score / 40,
    components: 4,
    atRisk: 1,
    growthFactor: 3,
    ...over,
  };
}

describe.each(databases.eachSupportedId())('DatabaseTrendStore, %p', id => {
  let knex: Knex;
  let a: DatabaseTrendStore;
  let b: DatabaseTrendStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    const db = await migratedClient(databaseServiceFor(knex));
    // two writers (two replicas' stores) on the same database
    a = new DatabaseTrendStore(db);
    b = new DatabaseTrendStore(db);
  });
  beforeEach(async () => {
    await knex(TRENDS_TABLE).delete();
  });

  it('keeps one row per scope and day when two writers snapshot the same day', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    await Promise.all([
      a.upsert([row('2026-12-05', 60)], at),
      b.upsert([row('2026-12-05', 70)], at),
      a.upsert([row('2026-12-05', 80)], at),
      b.upsert([row('2026-12-05', 90)], at),
    ]);
    const rows = await knex(TRENDS_TABLE).where({ scope_ref: TEAM });
    expect(rows).toHaveLength(1);
    expect([60, 70, 80, 90]).toContain(Number(rows[0].score));

    // a later write of that day replaces it
    await b.upsert([row('2026-12-05', 55)], new Date('2026-12-05T20:00:00Z'));
    const points = await a.list(TEAM, '2026-12-01');
    expect(points).toEqual([
      {
        day: '2026-12-05',
        score: 55,
        weakestHeadroom: 55 / 40,
        components: 4,
        atRisk: 1,
        demo: false,
      },
    ]);
  });

  it('never lets demo rows replace measured ones, and measured rows replace demo rows', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    await a.upsert([row('2026-12-05', 70)], at);
    await a.insertDemo([row('2026-12-04', 10), row('2026-12-05', 11)], at);
    expect(
      (await a.list(TEAM, '2026-12-01')).map(p => [p.score, p.demo]),
    ).toEqual([
      [10, true],
      [70, false],
    ]);
    expect(await a.hasDemo()).toBe(true);
    await b.upsert([row('2026-12-04', 65)], at);
    expect(
      (await a.list(TEAM, '2026-12-01')).map(p => [p.score, p.demo]),
    ).toEqual([
      [65, false],
      [70, false],
    ]);
    expect(await a.hasDemo()).toBe(false);
  });

  it('lists one scope from a day on, oldest first, and prunes older days', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    await a.upsert(
      [
        row('2026-12-03', 3),
        row('2026-12-01', 1),
        row('2026-12-02', 2),
        row('2026-12-02', 9, { scope: 'org', scopeRef: 'org' }),
        row('2026-12-04', 4, { score: null as any, weakestHeadroom: null }),
      ],
      at,
    );
    expect((await a.list(TEAM, '2026-12-02')).map(p => p.day)).toEqual([
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
    expect((await a.list(TEAM, '2026-12-04'))[0]).toMatchObject({
      score: null,
      weakestHeadroom: null,
    });
    expect(await a.prune('2026-12-03')).toBe(3);
    expect((await a.list(TEAM, '2026-01-01')).map(p => p.day)).toEqual([
      '2026-12-03',
      '2026-12-04',
    ]);
    expect(await a.list('org', '2026-01-01')).toEqual([]);
  });
});
