import { TestDatabases } from '@backstage/backend-test-utils';
import type { TeamTimeToAccess } from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from '../database';
import {
  databaseServiceFor,
  makeResultInput,
  type ResultSpec,
} from '../database/testFixtures';
import { ScorecardService } from './ScorecardService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const AT = new Date('2026-11-25T12:00:00Z');
const LATER = new Date('2026-11-25T13:00:00Z');

const GROUPS = [
  { groupRef: 'group:default/org', parentRef: null, title: 'Org' },
  { groupRef: 'group:default/a', parentRef: 'group:default/org', title: 'A' },
  { groupRef: 'group:default/b', parentRef: 'group:default/org', title: 'B' },
].map(g => ({ ...g, champions: [] }));

function component(i: number, overrides: Partial<ResultSpec> = {}) {
  return makeResultInput({
    entityRef: `component:default/c${i}`,
    owner: i % 2 ? 'group:default/a' : 'group:default/b',
    level: 'silver',
    score: 50 + i,
    ownHeadroom: 3,
    chainHeadroom: 3,
    ...overrides,
  });
}

/** A measure whose figures the test changes. */
function timeToAccessOf(pending: Map<string, number>) {
  return {
    forTeams: async (refs: readonly string[]) =>
      new Map<string, TeamTimeToAccess>(
        refs.map(ref => [
          ref,
          {
            team: ref,
            windowDays: 90,
            targetHours: 24,
            samples: 0,
            p50Hours: null,
            p90Hours: null,
            pending: pending.get(ref) ?? 0,
            dryRun: false,
          },
        ]),
      ),
  };
}

const body = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8'));

describe.each(databases.eachSupportedId())('overview cache, %p', databaseId => {
  let knex: Knex;
  /** The replica serving the overview. */
  let replicaA: DatabaseReadinessStore;
  /** Another replica, running the passes. */
  let replicaB: DatabaseReadinessStore;
  let pending: Map<string, number>;
  let growthFactor: number;
  let service: ScorecardService;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    replicaA = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
    replicaB = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
    await replicaB.replaceGroups(GROUPS, AT);
    await replicaB.saveResults(
      Array.from({ length: 6 }, (_, i) => component(i)),
      AT,
    );
    await replicaB.recomputeTeamRollups({ growthFactor: 2, at: AT });
    pending = new Map();
    growthFactor = 2;
    service = new ScorecardService({
      store: replicaA,
      growthFactor: () => growthFactor,
      timeToAccess: timeToAccessOf(pending),
    });
  });

  it('reads the rollups once per version and serves the same bytes', async () => {
    const reads = jest.spyOn(replicaA, 'listTeamRollups');
    const first = await service.overview({});
    const again = await service.overview({});
    expect(reads).toHaveBeenCalledTimes(1);
    expect(again.etag).toBe(first.etag);
    expect(again.body).toBe(first.body);
    expect(body(first)).toMatchObject({
      growthFactor: 2,
      total: 3,
      offset: 0,
      limit: 50,
      org: { components: 6 },
    });
    // Another sort is another page.
    const byScore = await service.overview({ sort: 'score', order: 'desc' });
    expect(reads).toHaveBeenCalledTimes(2);
    expect(body(byScore).teams.map((t: any) => t.teamRef)).toEqual(
      (
        await replicaA.listTeamRollups({ sort: 'score', order: 'desc' })
      ).rows.map(r => r.teamRef),
    );
  });

  it("serves another replica's rollups as soon as it wrote them", async () => {
    const before = body(await service.overview({}));
    expect(before.org.components).toBe(6);

    // Replica B's pass: one component leaves A for B, one is new, and the
    // rollups are recomputed (incrementally) by B.
    await replicaB.saveResults(
      [component(1, { owner: 'group:default/b', score: 5 }), component(10)],
      LATER,
    );
    const outcome = await replicaB.recomputeTeamRollups({
      growthFactor: 2,
      at: LATER,
    });
    expect(outcome.incremental).toBe(true);

    const after = body(await service.overview({}));
    const fresh = await replicaA.listTeamRollups({});
    expect(after.org).toEqual(await replicaA.getOrgRollup({ growthFactor: 2 }));
    expect(after.org.components).toBe(7);
    expect(after.teams).toEqual(
      fresh.rows.map(r => ({ ...r, timeToAccess: expect.any(Object) })),
    );
    expect(after).not.toEqual(before);

    // The same from a full recompute by a third replica.
    const replicaC = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
    await replicaC.saveResults([component(11)], LATER);
    expect(
      (await replicaC.recomputeTeamRollups({ growthFactor: 2, at: LATER }))
        .incremental,
    ).toBe(false);
    expect(body(await service.overview({})).org.components).toBe(8);
  });

  it('reads each team’s time to access on every request', async () => {
    const first = await service.overview({});
    pending.set('group:default/a', 3);
    const second = await service.overview({});
    expect(second.etag).not.toBe(first.etag);
    const a = body(second).teams.find(
      (t: any) => t.teamRef === 'group:default/a',
    );
    expect(a.timeToAccess).toEqual({
      windowDays: 90,
      targetHours: 24,
      samples: 0,
      p50Hours: null,
      p90Hours: null,
      pending: 3,
    });
  });

  it('caches nothing while the stored org rollup is for another growth factor', async () => {
    growthFactor = 3;
    const reads = jest.spyOn(replicaA, 'listTeamRollups');
    const first = body(await service.overview({}));
    await service.overview({});
    expect(reads).toHaveBeenCalledTimes(2);
    expect(first.growthFactor).toBe(3);
    expect(first.org).toEqual(await replicaA.getOrgRollup({ growthFactor: 3 }));
  });

  it('caches nothing before the first recompute', async () => {
    const fresh = await databases.init(databaseId);
    const store = await DatabaseReadinessStore.create({
      database: databaseServiceFor(fresh),
    });
    await store.saveResults([component(1)], AT);
    const empty = new ScorecardService({ store, growthFactor: () => 2 });
    const reads = jest.spyOn(store, 'listTeamRollups');
    expect(body(await empty.overview({})).org.components).toBe(1);
    await store.saveResults([component(2)], AT);
    expect(body(await empty.overview({})).org.components).toBe(2);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxPages pages of rollups', async () => {
    const bounded = new ScorecardService({
      store: replicaA,
      growthFactor: () => 2,
      overviewCache: { maxPages: 2 },
    });
    const reads = jest.spyOn(replicaA, 'listTeamRollups');
    for (const offset of [0, 1, 2, 0]) await bounded.overview({ offset });
    // offset 0 was dropped when offset 2 came in.
    expect(reads).toHaveBeenCalledTimes(4);
    await bounded.overview({ offset: 2 });
    expect(reads).toHaveBeenCalledTimes(4);
  });
});
