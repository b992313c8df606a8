/**
 * Access requests through the real plugin (SQLite and PostgreSQL): two
 * champions approving at once, who may ask and decide, self-approval rules,
 * deny/cancel, notifications, the expiry task, DENY on every route, and the
 * request-based time to access feeding `ownership.time-to-access`.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import {
  type AccessTestBackend,
  AR_REFS,
  startAccessBackend,
} from './__testUtils__/startAccessBackend';
import { ACCESS_REQUEST_EXPIRY_TASK_ID } from './index';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const ALICE = mockCredentials.user.header(AR_REFS.alice);
const BOB = mockCredentials.user.header(AR_REFS.bob);
const NINA = mockCredentials.user.header(AR_REFS.nina);
const MALLORY = mockCredentials.user.header(AR_REFS.mallory);

const collaborator = (repository = 'northwind/cart', permission = 'push') => ({
  kind: 'repository',
  via: 'collaborator',
  repository,
  permission,
});
const body = (overrides: object = {}) => ({
  team: AR_REFS.checkout,
  target: collaborator(),
  durationHours: 8,
  justification: 'First week: fixing the cart bug with Bob',
  ...overrides,
});
/** Bob is a second champion of checkout (config), so two can race. */
const CONFIG = {
  scaleReadiness: {
    grants: {
      champions: [{ group: AR_REFS.checkout, users: [AR_REFS.bob] }],
      permissions: ['pull', 'triage', 'push', 'maintain', 'admin'],
      rateLimit: { requests: 50, windowMinutes: 60 },
    },
  },
};

describe.each(databases.eachSupportedId())(
  'access requests, %p',
  databaseId => {
    let backend: AccessTestBackend;
    let knex: Knex;
    const executor = new RecordingExecutor();
    const post = (path: string, payload: object, auth: string) =>
      request(backend.server)
        .post(`${API}${path}`)
        .set('authorization', auth)
        .send(payload);
    const get = (path: string, auth: string) =>
      request(backend.server).get(`${API}${path}`).set('authorization', auth);
    const ask = async (auth = NINA, overrides: object = {}) => {
      const res = await post('/access-requests', body(overrides), auth);
      expect(res.status).toBe(201);
      return res.body.request.id as string;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startAccessBackend({ knex, executor, config: CONFIG });
    });
    afterAll(() => backend?.stop());
    beforeEach(() => {
      backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
    });

    it('two champions approving the same request at once give one grant', async () => {
      const id = await ask();
      executor.grantDelayMs = 200;
      const writesBefore = executor.grantWrites;
      const [a, b] = await Promise.all([
        post(`/access-requests/${id}/approve`, {}, ALICE),
        post(`/access-requests/${id}/approve`, {}, BOB),
      ]);
      executor.grantDelayMs = 0;
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.error.message).toMatch(/is approved, not pending/);
      const winner = a.status === 200 ? a : b;
      expect(winner.body.request).toMatchObject({
        state: 'approved',
        grantState: 'active',
      });
      expect(executor.grantWrites - writesBefore).toBe(1);
      const grants = await knex('grants').where({ grantee_ref: AR_REFS.nina });
      expect(grants).toHaveLength(1);
      const audit = await get(`/access-requests/${id}/audit`, ALICE);
      expect(
        audit.body.items.filter((e: any) => e.action === 'approved'),
      ).toHaveLength(1);
      expect(audit.body.items.map((e: any) => e.action).reverse()).toEqual([
        'created',
        'approved',
        'access-active',
      ]);
      // cleanup: revoke so later tests can ask for the same access
      await post(`/grants/${winner.body.request.grantId}/revoke`, {}, ALICE);
    });

    it('a newcomer asks; champions (not the newcomer) are notified; a repeat answers the same request', async () => {
      const sent = backend.notifications.length;
      const first = await post('/access-requests', body(), NINA);
      expect(first.status).toBe(201);
      expect(first.body.request).toMatchObject({
        state: 'pending',
        team: AR_REFS.checkout,
        grantee: AR_REFS.nina,
        requestedBy: AR_REFS.nina,
      });
      const again = await post('/access-requests', body(), NINA);
      expect(again.status).toBe(200);
      expect(again.body.request.id).toBe(first.body.request.id);
      const notes = backend.notifications.slice(sent);
      expect(notes).toHaveLength(1);
      expect((notes[0].recipients as any).entityRef.sort()).toEqual([
        AR_REFS.alice,
        AR_REFS.bob,
      ]);
      expect(notes[0].payload.link).toBe(
        '/scale-readiness/teams/default/checkout-team',
      );
      // someone else asking for the same access for Nina is a conflict
      const other = await post(
        '/access-requests',
        body({ grantee: AR_REFS.nina }),
        BOB,
      );
      expect(other.status).toBe(409);
      await post(`/access-requests/${first.body.request.id}/cancel`, {}, NINA);
    });

    it('refuses non-members, targets outside the scope and bad input', async () => {
      expect((await post('/access-requests', body(), MALLORY)).status).toBe(
        403,
      );
      expect(
        (
          await post(
            '/access-requests',
            body({ target: collaborator('northwind/storefront-web') }),
            NINA,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await post(
            '/access-requests',
            body({ grantee: AR_REFS.mallory }),
            NINA,
          )
        ).status,
      ).toBe(403);
      const bad = await post(
        '/access-requests',
        body({ durationHours: -1 }),
        NINA,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('durationHours');
      const service = await request(backend.server)
        .post(`${API}/access-requests`)
        .set('authorization', mockCredentials.service.header())
        .send(body());
      expect(service.status).toBe(403);
    });

    it('only champions decide; a member cannot approve their own request', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/cart', 'pull'),
      });
      const res = await post(`/access-requests/${id}/approve`, {}, NINA);
      expect(res.status).toBe(403);
      const denied = await post(
        `/access-requests/${id}/deny`,
        { comment: 'Ask for push instead' },
        ALICE,
      );
      expect(denied.status).toBe(200);
      expect(denied.body.request).toMatchObject({
        state: 'denied',
        decidedBy: AR_REFS.alice,
        comment: 'Ask for push instead',
      });
      // decided: a late approval is a conflict and grants nothing
      const late = await post(`/access-requests/${id}/approve`, {}, BOB);
      expect(late.status).toBe(409);
    });

    it('deny needs a reason; only the requester cancels', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/checkout-api'),
      });
      expect(
        (await post(`/access-requests/${id}/deny`, {}, ALICE)).status,
      ).toBe(400);
      expect(
        (await post(`/access-requests/${id}/cancel`, {}, BOB)).status,
      ).toBe(403);
      const cancelled = await post(`/access-requests/${id}/cancel`, {}, NINA);
      expect(cancelled.body.request.state).toBe('cancelled');
    });

    it('a champion may approve their own low-privilege request, never admin', async () => {
      const own = await ask(ALICE, {
        target: collaborator('northwind/checkout-api', 'triage'),
      });
      const approved = await post(`/access-requests/${own}/approve`, {}, ALICE);
      expect(approved.status).toBe(200);
      expect(approved.body.request.grantState).toBe('active');
      await post(`/grants/${approved.body.request.grantId}/revoke`, {}, ALICE);

      const admin = await ask(ALICE, {
        target: collaborator('northwind/checkout-api', 'admin'),
      });
      const self = await post(`/access-requests/${admin}/approve`, {}, ALICE);
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain('second champion');
      const second = await post(`/access-requests/${admin}/approve`, {}, BOB);
      expect(second.status).toBe(200);
      await post(`/grants/${second.body.request.grantId}/revoke`, {}, BOB);
    });

    it('lists the team inbox with the caller and the request-based time to access', async () => {
      const res = await get(`/access-requests?team=${AR_REFS.checkout}`, ALICE);
      expect(res.status).toBe(200);
      expect(res.body.caller).toEqual({
        entityRef: AR_REFS.alice,
        isChampion: true,
        isMember: true,
      });
      expect(res.body.timeToAccess).toMatchObject({
        team: AR_REFS.checkout,
        windowDays: 90,
        targetHours: 4,
        samples: 3,
        pending: 0,
        dryRun: false,
      });
      expect(res.body.timeToAccess.p90Hours).toBeLessThan(0.01);
      const nina = await get(`/access-requests?team=${AR_REFS.checkout}`, NINA);
      expect(nina.body.caller.isChampion).toBe(false);
      expect(
        (await get(`/access-requests?team=group:default/nope`, ALICE)).status,
      ).toBe(404);
      const overview = await get('/access-requests/time-to-access', NINA);
      expect(overview.body.items.map((t: any) => t.team)).toEqual([
        AR_REFS.checkout,
      ]);
    });

    it('scores ownership.time-to-access from the requests and freezes the measure in a review', async () => {
      await backend.runTask('scale-readiness-pass');
      const entity = await get('/entities/component/default/cart', ALICE);
      expect(entity.status).toBe(200);
      const check = entity.body.result.checks.find(
        (c: any) => c.id === 'ownership.time-to-access',
      );
      expect(check).toMatchObject({ status: 'pass' });
      expect(check.message).toContain(
        'over 3 requests in 90 days (target 4 h)',
      );
      const measure = (
        await get(`/access-requests?team=${AR_REFS.checkout}`, ALICE)
      ).body.timeToAccess;
      const review = await post('/reviews', { title: 'Q4' }, ALICE);
      expect(review.status).toBe(201);
      const team = await get(
        `/reviews/${review.body.id}/teams/group/default/checkout-team`,
        ALICE,
      );
      expect(team.body.team.timeToAccess).toEqual({
        samples: measure.samples,
        medianHours: measure.p50Hours,
        p90Hours: measure.p90Hours,
      });
    });

    it('answers 403 on every access-request route when the policy denies', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/cart', 'maintain'),
      });
      backend.setPolicy(() => ({ result: AuthorizeResult.DENY }));
      const calls = [
        post('/access-requests', body(), NINA),
        get(`/access-requests?team=${AR_REFS.checkout}`, ALICE),
        get('/access-requests/time-to-access', ALICE),
        get(`/access-requests/${id}`, ALICE),
        get(`/access-requests/${id}/audit`, ALICE),
        post(`/access-requests/${id}/approve`, {}, ALICE),
        post(`/access-requests/${id}/deny`, { comment: 'no way' }, ALICE),
        post(`/access-requests/${id}/cancel`, {}, NINA),
      ];
      const statuses = (await Promise.all(calls)).map(r => r.status);
      expect(statuses).toEqual(statuses.map(() => 403));
      backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
      const still = await get(`/access-requests/${id}`, ALICE);
      expect(still.body.request.state).toBe('pending');
      await post(`/access-requests/${id}/cancel`, {}, NINA);
    });

    it('approval needs grant.create too: DENY on it leaves the request pending', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/cart', 'maintain'),
      });
      backend.setPolicy(name =>
        name === 'scale-readiness.grant.create'
          ? { result: AuthorizeResult.DENY }
          : { result: AuthorizeResult.ALLOW },
      );
      expect(
        (await post(`/access-requests/${id}/approve`, {}, ALICE)).status,
      ).toBe(403);
      backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
      expect(
        (await get(`/access-requests/${id}`, ALICE)).body.request.state,
      ).toBe('pending');
      await post(`/access-requests/${id}/cancel`, {}, NINA);
    });

    it('approving a request whose grantee got the access meanwhile links the open grant instead of failing', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/cart', 'triage'),
      });
      // while the request waits, a champion grants Nina the same access
      const direct = await post(
        '/grants',
        body({
          grantee: AR_REFS.nina,
          target: collaborator('northwind/cart', 'triage'),
          justification: 'Pairing today, before the request was seen',
        }),
        BOB,
      );
      expect(direct.status).toBe(201);
      const existing = direct.body.grant.id as string;
      const writes = executor.grantWrites;
      const res = await post(`/access-requests/${id}/approve`, {}, ALICE);
      expect(res.status).toBe(200);
      expect(res.body.request).toMatchObject({
        state: 'approved',
        grantId: existing,
        grantState: 'active',
      });
      expect(res.body.request.activatedAt).toBeTruthy();
      // no second grant and no second write to the access system
      expect(executor.grantWrites).toBe(writes);
      const open = await knex('grants').where({
        grantee_ref: AR_REFS.nina,
        state: 'active',
      });
      expect(open.map((g: any) => g.id)).toEqual([existing]);
      const audit = await get(`/access-requests/${id}/audit`, ALICE);
      expect(audit.body.items.map((e: any) => e.action).reverse()).toEqual([
        'created',
        'approved',
        'access-existing',
      ]);
      await post(`/grants/${existing}/revoke`, {}, ALICE);
    });

    it('a grant that fails moves the request to failed with the reason, and no access is left', async () => {
      const id = await ask(NINA, {
        target: collaborator('northwind/cart', 'maintain'),
      });
      executor.grantFailure = 'before-prior';
      const writes = executor.grantWrites;
      const res = await post(`/access-requests/${id}/approve`, {}, ALICE);
      executor.grantFailure = 'none';
      expect(res.status).toBe(200);
      expect(res.body.request).toMatchObject({
        state: 'failed',
        grantState: 'failed',
      });
      expect(res.body.request.lastError).toContain('502');
      expect(executor.grantWrites).toBe(writes);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'access request expiry, %p',
  databaseId => {
    let backend: AccessTestBackend;
    afterAll(() => backend?.stop());

    it('expires unanswered requests on the scheduled task, audited and notified', async () => {
      const knex = await databases.init(databaseId);
      backend = await startAccessBackend({
        knex,
        executor: new RecordingExecutor(),
        config: { scaleReadiness: { accessRequests: { expiryHours: 0.0002 } } },
      });
      const created = await request(backend.server)
        .post(`${API}/access-requests`)
        .set('authorization', NINA)
        .send(body());
      expect(created.status).toBe(201);
      await new Promise(r => setTimeout(r, 1000));
      await backend.runTask(ACCESS_REQUEST_EXPIRY_TASK_ID);
      const id = created.body.request.id;
      const after = await request(backend.server)
        .get(`${API}/access-requests/${id}`)
        .set('authorization', ALICE);
      expect(after.body.request.state).toBe('expired');
      const audit = await knex('access_request_audit')
        .where('request_id', id)
        .orderBy('id');
      expect(audit.map(a => [a.action, a.actor])).toEqual([
        ['created', AR_REFS.nina],
        ['expired', 'system:access-request-expiry'],
      ]);
      expect(backend.notifications.at(-1)?.payload.title).toContain('expired');
      // a late approval cannot resurrect it
      const late = await request(backend.server)
        .post(`${API}/access-requests/${id}/approve`)
        .set('authorization', ALICE)
        .send({});
      expect(late.status).toBe(409);
    });
  },
);
