import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError, ConflictError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Waiver } from '@scale-readiness/plugin-scale-readiness-common';
import { DatabaseReadinessStore } from '../database';
import {
  makeBase,
  makeResultInput,
  type ResultSpec,
} from '../database/testFixtures';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { ReviewService } from './ReviewService';
import { ReviewTaker } from './ReviewTaker';
import type { TeamDirectory } from '../teams';
import { databaseService, migrate } from './__testUtils__/reviewFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PAYMENTS = 'group:default/payments';
const PLATFORM = 'group:default/platform';
const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const D = 'component:default/d';
const ALICE = 'user:default/alice';

/** Champions: alice for payments; members: dave of platform. */
const directory = {
  rights: async (user: string, team: string) => ({
    champion: user === ALICE && team === PAYMENTS,
    member: user === 'user:default/dave' && team === PLATFORM,
  }),
} as unknown as TeamDirectory;

describe.each(databases.eachSupportedId())('taking reviews, %p', databaseId => {
  let readiness: DatabaseReadinessStore;
  let store: DatabaseReviewStore;
  let clock: Date;
  const frozenCalls: Array<[string, string[]]> = [];
  const waivers: Waiver[] = [];
  let taker: ReviewTaker;
  let service: ReviewService;

  async function save(specs: ResultSpec[], at: Date) {
    await readiness.upsertEntities(
      specs.map(s => ({
        entityRef: s.entityRef,
        kind: 'Component',
        ownerRef: s.owner,
        base: makeBase(s.entityRef, s.owner!),
      })),
      at,
    );
    await readiness.saveResults(
      specs.map(s => makeResultInput(s, at.toISOString())),
      at,
    );
    await readiness.recomputeTeamRollups({ growthFactor: 3, at });
  }

  beforeAll(async () => {
    const knex = await migrate(await databases.init(databaseId));
    readiness = await DatabaseReadinessStore.create({
      database: databaseService(knex),
    });
    store = DatabaseReviewStore.fromKnex(knex);
    await readiness.replaceGroups([
      { groupRef: PAYMENTS, title: 'Payments', champions: [ALICE] },
      { groupRef: PLATFORM, title: 'Platform', champions: [] },
    ]);
    clock = new Date('2026-12-31T10:00:00Z');
    taker = new ReviewTaker({
      logger: mockServices.logger.mock(),
      store,
      readiness,
      growthFactor: 3,
      waivers: { listActive: async () => waivers },
      onFrozen: async (review, teams) => {
        frozenCalls.push([review.id, teams]);
      },
      now: () => clock,
    });
    service = new ReviewService({ store, directory, now: () => clock });
  });

  it('freezes every team, then shows exactly the changes in the next review', async () => {
    await save(
      [
        {
          entityRef: A,
          owner: PAYMENTS,
          level: 'silver',
          score: 78,
          statuses: { 'docs.runbook': 'fail' },
        },
        { entityRef: B, owner: PAYMENTS, level: 'gold', score: 96 },
        { entityRef: C, owner: PLATFORM, level: 'gold', score: 92 },
      ],
      clock,
    );
    const first = await taker.take({
      trigger: 'manual',
      takenBy: ALICE,
      title: 'Q4 dry run',
    });
    expect(first).toMatchObject({
      status: 'frozen',
      title: 'Q4 dry run',
      previousReviewId: null,
    });
    expect(first.summary).toMatchObject({ teams: 2, components: 3 });
    expect(frozenCalls).toEqual([[first.id, [PAYMENTS, PLATFORM]]]);

    const firstPayments = await service.team(first.id, PAYMENTS);
    expect(firstPayments.components.map(c => c.entityRef)).toEqual([A, B]);
    expect(firstPayments.changes.previousReviewId).toBeUndefined();
    expect(firstPayments.components[0].checks['docs.runbook']).toBe('fail');
    expect(
      firstPayments.actionItems.map(i => [i.entityRef, i.checkId]),
    ).toEqual([[A, 'docs.runbook']]);

    // the results change: a improves, b disappears, d is new, c regresses
    clock = new Date('2027-03-31T10:00:00Z');
    waivers.push({
      entityRef: C,
      checkId: 'autoscaling.min-replicas',
      reason: 'batch job',
      approvedBy: 'user:default/carol',
      expiresAt: '2027-05-01T00:00:00.000Z',
    });
    await save(
      [
        { entityRef: A, owner: PAYMENTS, level: 'gold', score: 94 },
        {
          entityRef: C,
          owner: PLATFORM,
          level: 'bronze',
          score: 58,
          statuses: { 'autoscaling.hpa-present': 'fail' },
        },
        {
          entityRef: D,
          owner: PAYMENTS,
          level: 'not-ready',
          score: 31,
          statuses: { 'autoscaling.hpa-present': 'fail' },
        },
      ],
      clock,
    );
    await readiness.deleteEntitiesNotSeenSince(clock);

    const second = await taker.take({
      trigger: 'scheduled',
      period: '2027-Q1',
    });
    expect(second.previousReviewId).toBe(first.id);
    expect(second.summary?.changes).toEqual({
      improved: 1,
      regressed: 1,
      new: 1,
      removed: 1,
      unchanged: 0,
    });

    const payments = await service.team(second.id, PAYMENTS);
    expect(payments.changes.previousReviewId).toBe(first.id);
    expect(payments.changes.counts).toEqual({
      improved: 1,
      regressed: 0,
      new: 1,
      removed: 1,
      unchanged: 0,
    });
    expect(
      payments.changes.components.map(c => ({
        ref: c.entityRef,
        change: c.change,
        from: c.levelBefore,
        to: c.levelAfter,
      })),
    ).toEqual([
      { ref: A, change: 'improved', from: 'silver', to: 'gold' },
      { ref: B, change: 'removed', from: 'gold', to: undefined },
      { ref: D, change: 'new', from: undefined, to: 'not-ready' },
    ]);
    expect(payments.changes.components[0].checks).toEqual({
      'docs.runbook': ['fail', 'pass'],
    });
    expect(payments.changes.scoreBefore).toBe(firstPayments.team.rollup.score);

    const platform = await service.team(second.id, PLATFORM);
    expect(
      platform.changes.components.map(c => [
        c.entityRef,
        c.change,
        c.levelBefore,
        c.levelAfter,
      ]),
    ).toEqual([[C, 'regressed', 'gold', 'bronze']]);
    expect(platform.changes.dimensions.autoscaling.regressed).toBe(1);
    expect(platform.team.waivers).toEqual([waivers[0]]);

    // the first review did not change
    expect(await service.team(first.id, PAYMENTS)).toEqual(firstPayments);

    const detail = await service.detail(second.id);
    expect(detail.previous?.id).toBe(first.id);
    expect(
      detail.teams.map(t => [t.teamRef, t.components, t.counts.regressed]),
    ).toEqual([
      [PAYMENTS, 2, 0],
      [PLATFORM, 1, 1],
    ]);
  });

  it('refuses a second review of the same period', async () => {
    await expect(
      taker.take({ trigger: 'scheduled', period: '2027-Q1' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await service.list({ offset: 0, limit: 10 })).total).toBe(2);
  });

  it('lets only champions and owners sign off, once each', async () => {
    const [latest] = (await service.list({ offset: 0, limit: 1 })).items;
    const carol = mockCredentials.user('user:default/carol');
    await expect(
      service.signOff(latest.id, PAYMENTS, carol),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      service.signOff(latest.id, PAYMENTS, mockCredentials.service()),
    ).rejects.toBeInstanceOf(NotAllowedError);

    const alice = mockCredentials.user(ALICE);
    expect(
      (
        await service.team(latest.id, PAYMENTS, {
          credentials: alice,
          permitted: true,
        })
      ).canSignOff,
    ).toBe(true);
    expect(
      (
        await service.team(latest.id, PAYMENTS, {
          credentials: alice,
          permitted: false,
        })
      ).canSignOff,
    ).toBe(false);
    const signed = await service.signOff(
      latest.id,
      PAYMENTS,
      alice,
      '  All good  ',
    );
    expect(signed).toEqual({
      reviewId: latest.id,
      teamRef: PAYMENTS,
      userRef: ALICE,
      signedAt: clock.toISOString(),
      comment: 'All good',
    });
    await expect(
      service.signOff(latest.id, PAYMENTS, alice),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(
      (
        await service.team(latest.id, PAYMENTS, {
          credentials: alice,
          permitted: true,
        })
      ).canSignOff,
    ).toBe(false);

    // an owner through ownership claims (not a champion)
    const dave = mockCredentials.user('user:default/dave');
    await expect(
      service.signOff(latest.id, PAYMENTS, dave),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await service.signOff(latest.id, PLATFORM, dave);

    const detail = await service.detail(latest.id);
    expect(detail.review.signedOffTeams).toBe(2);
    expect(
      detail.teams
        .find(t => t.teamRef === PAYMENTS)
        ?.signOffs.map(s => s.userRef),
    ).toEqual([ALICE]);
  });

  it('refuses every edit of a frozen review', async () => {
    const [latest] = (await service.list({ offset: 0, limit: 1 })).items;
    await expect(service.refuseEdit(latest.id)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      service.refuseEdit('00000000-0000-4000-8000-00000000ffff'),
    ).rejects.toThrow(/No review/);
  });
});
