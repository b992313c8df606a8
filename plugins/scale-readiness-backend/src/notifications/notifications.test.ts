import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { LEVEL_RANK } from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  quotaAnnotation,
  REF,
  writeManifestRepo,
} from '../__fixtures__/readinessCatalog';
import { REVIEW_TASK_IDS } from '../reviews/setup';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from '../reviews/__testUtils__/startReviewBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';
const DAY = 86_400_000;
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

async function start(
  databaseId: (typeof databases)['eachSupportedId'] extends () => Array<
    [infer I]
  >
    ? I
    : never,
  tmp: string,
  notifications: 'capture' | 'failing' | 'default',
) {
  return startReviewBackend({
    knex: await databases.init(databaseId),
    entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
    config: {
      scaleReadiness: {
        manifests: { allowedLocalRoots: [tmp] },
        notifications: { signOffReminderDays: 0, waiverExpiryDays: 14 },
      },
    },
    notifications,
  });
}

describe.each(databases.eachSupportedId())('notifications, %p', databaseId => {
  let backend: ReviewTestBackend;
  let tmp: string;
  const titles = () =>
    backend.sent.map(
      n =>
        `${(n.recipients as { entityRef: string }).entityRef} ${
          n.payload.title
        }`,
    );
  const level = async (ref: string) =>
    (
      await request(backend.server)
        .get(`${API}/entities/${ref.replace(':', '/')}`)
        .set('Authorization', alice)
    ).body.result.level;

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-notify-')),
    );
    backend = await start(databaseId, tmp, 'capture');
    await backend.runTask(PASS);
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('tells the owning team when a component drops a level, once', async () => {
    await backend.runTask(REVIEW_TASK_IDS.notifications); // records the levels
    expect(titles().filter(t => t.includes('dropped'))).toEqual([]);

    const before = await level(REF.ledgerDb);
    backend.catalog.annotate(
      REF.ledgerDb,
      'scale-readiness.io/quotas',
      quotaAnnotation('ledger-writes', 110, 100),
    );
    await backend.runTask(PASS);
    const after = await level(REF.ledgerDb);
    expect(LEVEL_RANK[after as keyof typeof LEVEL_RANK]).toBeLessThan(
      LEVEL_RANK[before as keyof typeof LEVEL_RANK],
    );

    await backend.runTask(REVIEW_TASK_IDS.notifications);
    const dropped = backend.sent.filter(n =>
      n.payload.title.includes('dropped'),
    );
    expect(dropped.map(n => n.recipients)).toContainEqual({
      type: 'entity',
      entityRef: REF.platform,
    });
    // plain words: the entity's name (the fixture has no title), not its ref
    expect(dropped.map(n => n.payload.title)).toContain(
      `${REF.ledgerDb.split('/').pop()} dropped from ${before} to ${after}`,
    );
    expect(dropped.map(n => n.payload.description).join(' ')).not.toMatch(
      /component:|resource:|\b(quotas|autoscaling|docs|ownership)\.[a-z-]+/,
    );
    expect(dropped.every(n => n.payload.severity === 'high')).toBe(true);

    const count = backend.sent.length;
    await backend.runTask(REVIEW_TASK_IDS.notifications);
    expect(
      backend.sent.filter(n => n.payload.title.includes('dropped')),
    ).toHaveLength(dropped.length);
    expect(backend.sent.length).toBe(count);
  });

  it('warns the owning team about a waiver that expires soon, once', async () => {
    const checks = (
      await request(backend.server)
        .get(`${API}/entities/component/default/checkout`)
        .set('Authorization', alice)
    ).body.result.checks;
    const failing = checks.find((c: { status: string }) => c.status === 'fail');
    const res = await request(backend.server)
      .post(`${API}/waivers`)
      .set('Authorization', alice)
      .send({
        entityRef: REF.checkout,
        checkId: failing.id,
        reason: 'until the migration',
        expiresAt: new Date(Date.now() + 5 * DAY).toISOString(),
      });
    expect(res.status).toBe(201);
    // a waiver applies (and can expire) once a second champion approves it
    const approved = await request(backend.server)
      .post(`${API}/waivers/${res.body.id}/approve`)
      .set('Authorization', bob)
      .send({});
    expect(approved.status).toBe(200);
    await backend.runTask(REVIEW_TASK_IDS.notifications);
    await backend.runTask(REVIEW_TASK_IDS.notifications);
    const expiring = titles().filter(t => t.includes('Waiver expires'));
    expect(expiring).toEqual([
      `${REF.payments} Waiver expires ${res.body.expiresAt.slice(0, 10)}: "${
        failing.title
      }" on ${REF.checkout.split('/').pop()}`,
    ]);
  });

  it('reminds teams that have not signed off, once', async () => {
    const review = await request(backend.server)
      .post(`${API}/reviews`)
      .set('Authorization', alice)
      .send({});
    await request(backend.server)
      .post(
        `${API}/reviews/${review.body.id}/teams/group/default/payments/sign-offs`,
      )
      .set('Authorization', alice)
      .send({});
    // the sign-off replaces the team's "awaits your sign-off" notification:
    // same scope, so the notifications backend updates the one members have
    const forPayments = backend.sent.filter(
      n => (n.recipients as { entityRef: string }).entityRef === REF.payments,
    );
    const awaits = forPayments.find(n =>
      n.payload.title.startsWith('Readiness review awaits your sign-off'),
    );
    const signed = forPayments.find(n =>
      n.payload.title.startsWith('Readiness review signed off'),
    );
    expect(awaits?.payload.scope).toBe(
      `scale-readiness:review:${review.body.id}`,
    );
    expect(signed?.payload.scope).toBe(awaits?.payload.scope);
    expect(signed?.payload.description).toBe(
      'alice signed off the scorecard of payments. Nothing more to do.',
    );
    await backend.runTask(REVIEW_TASK_IDS.notifications);
    await backend.runTask(REVIEW_TASK_IDS.notifications);
    const reminders = backend.sent.filter(n =>
      n.payload.title.startsWith('Reminder'),
    );
    expect(
      reminders
        .map(n => n.recipients)
        .sort((a: any, b: any) => a.entityRef.localeCompare(b.entityRef)),
    ).toEqual([
      { type: 'entity', entityRef: REF.paymentsCore },
      { type: 'entity', entityRef: REF.platform },
    ]);
  });
});

describe('without a notifications backend', () => {
  it.each(['failing', 'default'] as const)(
    'still takes reviews and runs the task (%s)',
    async mode => {
      const tmp = await fs.realpath(
        await fs.mkdtemp(path.join(os.tmpdir(), 'sr-notify-')),
      );
      const backend = await start('SQLITE_3', tmp, mode);
      try {
        await backend.runTask(PASS);
        const res = await request(backend.server)
          .post(`${API}/reviews`)
          .set('Authorization', alice)
          .send({});
        expect(res.status).toBe(201);
        await backend.runTask(REVIEW_TASK_IDS.notifications);
        expect(
          (
            await request(backend.server)
              .get(`${API}/reviews/${res.body.id}`)
              .set('Authorization', alice)
          ).status,
        ).toBe(200);
      } finally {
        await backend.stop();
        await fs.rm(tmp, { recursive: true, force: true });
      }
    },
  );
});
