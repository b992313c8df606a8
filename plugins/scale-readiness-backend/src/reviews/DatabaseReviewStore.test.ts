import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { DatabaseWaiverStore } from '../waivers/DatabaseWaiverStore';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import {
  MIGRATIONS_DIR,
  migrate,
  refusal,
  snapshot,
  teamSnapshot,
} from './__testUtils__/reviewFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const REVIEW_TABLES = [
  'reviews',
  'review_teams',
  'review_components',
  'review_sign_offs',
  'waivers',
  'waiver_audit',
  'notifications_sent',
  'level_watermarks',
];
const ID = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';
const TEAM = 'group:default/payments';

async function takeOne(store: DatabaseReviewStore, id = ID, period?: string) {
  await store.beginReview({
    id,
    title: 'Q4',
    trigger: period ? 'scheduled' : 'manual',
    period,
    growthFactor: 3,
    takenAt: new Date('2026-12-31T10:00:00Z'),
    takenBy: 'user:default/alice',
  });
  const comps = [
    snapshot('component:default/a'),
    snapshot('component:default/b'),
  ];
  await store.addTeamSnapshot(id, teamSnapshot(TEAM, comps), comps);
}

describe.each(databases.eachSupportedId())('reviews store, %p', databaseId => {
  let knex: Knex;
  let store: DatabaseReviewStore;

  beforeEach(async () => {
    knex = await migrate(await databases.init(databaseId));
    store = DatabaseReviewStore.fromKnex(knex);
  });

  it('migrates up and down', async () => {
    const fresh = await databases.init(databaseId);
    await fresh.migrate.latest({ directory: MIGRATIONS_DIR });
    for (const t of REVIEW_TABLES) {
      await expect(fresh.schema.hasTable(t)).resolves.toBe(true);
    }
    // Undo migrations one by one, newest first, down to and including the
    // reviews migration (later migrations may exist).
    while (
      Number(
        await fresh.migrate.currentVersion({ directory: MIGRATIONS_DIR }),
      ) >= 20261125020000
    ) {
      await fresh.migrate.down({ directory: MIGRATIONS_DIR });
    }
    for (const t of REVIEW_TABLES) {
      await expect(fresh.schema.hasTable(t)).resolves.toBe(false);
    }
    // the results tables of the first migration are untouched
    await expect(fresh.schema.hasTable('results')).resolves.toBe(true);
    await fresh.migrate.latest({ directory: MIGRATIONS_DIR });
    await expect(fresh.schema.hasTable('reviews')).resolves.toBe(true);
  });

  it('keeps a review invisible while taking, then reads it back frozen', async () => {
    await takeOne(store);
    expect((await store.listReviews({ offset: 0, limit: 10 })).total).toBe(0);
    expect(await store.latestFrozenReview()).toBeUndefined();

    const summary = {
      teams: 1,
      components: 2,
      org: teamSnapshot(TEAM, [snapshot('component:default/a')]).rollup,
      changes: { improved: 0, regressed: 0, new: 0, removed: 0, unchanged: 0 },
    };
    await store.freezeReview(ID, summary, new Date('2026-12-31T10:01:00Z'));

    const review = await store.getReview(ID);
    expect(review).toMatchObject({
      id: ID,
      status: 'frozen',
      trigger: 'manual',
      takenBy: 'user:default/alice',
      growthFactor: 3,
      summary,
    });
    expect(review?.takenAt.toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(
      (await store.listReviews({ offset: 0, limit: 10 })).items.map(r => r.id),
    ).toEqual([ID]);
    expect((await store.latestFrozenReview())?.id).toBe(ID);
    expect(
      await store.latestFrozenReview(new Date('2026-12-30T00:00:00Z')),
    ).toBeUndefined();
    const comps = await store.getComponents(ID, TEAM);
    expect(comps.map(c => c.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(comps[0]).toEqual(snapshot('component:default/a'));
    expect((await store.getTeam(ID, TEAM))?.champions).toEqual([
      'user:default/alice',
    ]);
    // a second freeze is refused by the store
    await expect(
      store.freezeReview(ID, summary, new Date()),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses UPDATE, DELETE and INSERT on a frozen review at the database level', async () => {
    await takeOne(store);
    // while taking, rows may still change (a failed take is discarded)
    await knex('review_components')
      .where({ review_id: ID, entity_ref: 'component:default/b' })
      .update({ level: 'gold' });
    await store.freezeReview(
      ID,
      {
        teams: 1,
        components: 2,
        org: teamSnapshot(TEAM, []).rollup,
        changes: {
          improved: 0,
          regressed: 0,
          new: 0,
          removed: 0,
          unchanged: 0,
        },
      },
      new Date(),
    );

    const frozen = /frozen/;
    expect(
      await refusal(
        knex('reviews').where({ id: ID }).update({ title: 'rewritten' }),
      ),
    ).toMatch(frozen);
    expect(await refusal(knex('reviews').where({ id: ID }).delete())).toMatch(
      frozen,
    );
    expect(
      await refusal(
        knex('review_teams').where({ review_id: ID }).update({ score: 100 }),
      ),
    ).toMatch(frozen);
    expect(
      await refusal(knex('review_teams').where({ review_id: ID }).delete()),
    ).toMatch(frozen);
    expect(
      await refusal(
        knex('review_components')
          .where({ review_id: ID })
          .update({ level: 'gold' }),
      ),
    ).toMatch(frozen);
    expect(
      await refusal(
        knex('review_components').where({ review_id: ID }).delete(),
      ),
    ).toMatch(frozen);
    expect(
      await refusal(
        knex('review_components').insert({
          review_id: ID,
          entity_ref: 'component:default/smuggled',
          team_ref: TEAM,
          level: 'gold',
          score: 100,
          snapshot: '{}',
        }),
      ),
    ).toMatch(frozen);
    // and discarding (allowed only while taking) leaves it alone
    await store.discardReview(ID);
    expect((await store.getReview(ID))?.title).toBe('Q4');
    const levels = await knex('review_components')
      .where({ review_id: ID })
      .orderBy('entity_ref')
      .pluck('level');
    expect(levels).toEqual(['silver', 'gold']);
  });

  it('discards failed and stale takes, never frozen reviews', async () => {
    await takeOne(store, ID);
    await store.discardReview(ID);
    expect(await store.getReview(ID)).toBeUndefined();
    expect(
      await knex('review_components').where({ review_id: ID }),
    ).toHaveLength(0);

    await takeOne(store, ID2);
    expect(
      await store.discardStaleTakes(new Date('2026-12-31T09:00:00Z')),
    ).toBe(0);
    expect(
      await store.discardStaleTakes(new Date('2026-12-31T11:00:00Z')),
    ).toBe(1);
    expect(await store.getReview(ID2)).toBeUndefined();
  });

  it('takes a scheduled period at most once', async () => {
    await takeOne(store, ID, '2026-Q4');
    await expect(takeOne(store, ID2, '2026-Q4')).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.getReviewByPeriod('2026-Q4'))?.id).toBe(ID);
  });

  it('records sign-offs once per user and keeps them append-only', async () => {
    await takeOne(store);
    const signOff = {
      reviewId: ID,
      teamRef: TEAM,
      userRef: 'user:default/alice',
      signedAt: '2027-01-02T09:00:00.000Z',
      comment: 'Looks right',
    };
    await store.addSignOff(signOff);
    await store.addSignOff({
      ...signOff,
      userRef: 'user:default/bob',
      comment: undefined,
    });
    await expect(store.addSignOff(signOff)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.listSignOffs(ID, TEAM)).toEqual([
      signOff,
      {
        reviewId: ID,
        teamRef: TEAM,
        userRef: 'user:default/bob',
        signedAt: '2027-01-02T09:00:00.000Z',
      },
    ]);
    expect(await store.countSignedOffTeams([ID, ID2])).toEqual(
      new Map([
        [ID, 1],
        [ID2, 0],
      ]),
    );
    expect(
      await refusal(knex('review_sign_offs').update({ comment: 'changed' })),
    ).toMatch(/append-only/);
    expect(await refusal(knex('review_sign_offs').delete())).toMatch(
      /append-only/,
    );
  });

  it('keeps the waiver audit log append-only', async () => {
    const waivers = new DatabaseWaiverStore(knex);
    const at = new Date('2026-12-01T00:00:00Z');
    await waivers.create(
      {
        id: ID,
        entityRef: 'component:default/a',
        checkId: 'docs.runbook',
        reason: 'wiki move',
        approvedBy: 'user:default/alice',
        requestedBy: 'user:default/alice',
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
      'user:default/alice',
      at,
    );
    expect(
      await waivers.revoke(
        ID,
        'user:default/alice',
        new Date('2026-12-02T00:00:00Z'),
      ),
    ).toMatchObject({ status: 'revoked' });
    expect(
      await waivers.revoke(
        ID,
        'user:default/alice',
        new Date('2026-12-03T00:00:00Z'),
      ),
    ).toBeUndefined();
    expect((await waivers.audit(ID)).map(a => a.action)).toEqual([
      'created',
      'revoked',
    ]);
    expect(
      await refusal(knex('waiver_audit').update({ actor: 'someone else' })),
    ).toMatch(/append-only/);
    expect(await refusal(knex('waiver_audit').delete())).toMatch(/append-only/);
  });
});
