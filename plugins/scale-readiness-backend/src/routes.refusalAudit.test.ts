/**
 * Refusals are audited on every write route of reviews and waivers, like on
 * grants: a caller the policy denies gets 403, and the auditor records the
 * attempt as a failed event with the refusal (issue 15). The events are read
 * from the auditor service the plugin is given, not from our own helpers.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  scaleReadinessReviewCreatePermission,
  scaleReadinessReviewSignOffPermission,
  scaleReadinessWaiverRevokePermission,
  scaleReadinessWaiverWritePermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import request from 'supertest';
import { RecordingAuditor } from './__testUtils__/RecordingAuditor';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from './reviews/__testUtils__/startReviewBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const alice = mockCredentials.user.header('user:default/alice');
const ID = '0b6f6f0e-8a55-4c7e-9d0b-6a1f2f0c1a11';

describe.each(databases.eachSupportedId())(
  'refusals are audited, %p',
  databaseId => {
    let backend: ReviewTestBackend;
    let auditor: RecordingAuditor;

    beforeAll(async () => {
      auditor = new RecordingAuditor();
      backend = await startReviewBackend({
        knex: await databases.init(databaseId),
        entities: [],
        config: {},
        features: [auditor.factory],
      });
      backend.deny(
        scaleReadinessReviewCreatePermission.name,
        scaleReadinessReviewSignOffPermission.name,
        scaleReadinessWaiverWritePermission.name,
        scaleReadinessWaiverRevokePermission.name,
      );
    });
    afterAll(() => backend?.stop());

    it.each([
      ['post', '/reviews', 'review-create', { title: 'Q3' }],
      [
        'post',
        `/reviews/${ID}/teams/group/default/checkout-team/sign-offs`,
        'review-sign-off',
        {},
      ],
      ['patch', `/reviews/${ID}`, 'review-edit', {}],
      [
        'post',
        '/waivers',
        'waiver-create',
        {
          entityRef: 'component:default/cart',
          checkId: 'docs.runbook',
          reason: 'Denied waiver of the refusal audit test',
        },
      ],
      ['patch', `/waivers/${ID}`, 'waiver-update', { reason: 'Not allowed' }],
      ['post', `/waivers/${ID}/approve`, 'waiver-approve', {}],
      ['delete', `/waivers/${ID}`, 'waiver-revoke', {}],
    ] as const)(
      'a denied %s %s emits a failed %s event',
      async (method, path, eventId, body) => {
        const before = auditor.byId(eventId).length;
        const res = await (request(backend.server) as any)
          [method](`${API}${path}`)
          .set('authorization', alice)
          .send(body);
        expect(res.status).toBe(403);
        const events = auditor.byId(eventId).slice(before);
        expect(events).toEqual([
          expect.objectContaining({
            eventId,
            status: 'failed',
            error: expect.stringMatching(/Not allowed: scale-readiness\./),
          }),
        ]);
      },
    );
  },
);
