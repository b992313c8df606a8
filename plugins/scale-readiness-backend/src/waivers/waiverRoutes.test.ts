import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  CheckResult,
  WaiverDetailResponse,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  buildFixtureCatalog,
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
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe.each(databases.eachSupportedId())('waivers API, %p', databaseId => {
  let backend: ReviewTestBackend;
  let knex: Knex;
  let tmp: string;
  let failing: CheckResult;

  const get = (p: string, user = 'alice') =>
    request(backend.server).get(`${API}${p}`).set('Authorization', as(user));
  const send = (
    method: 'post' | 'patch' | 'delete',
    p: string,
    body?: object,
    user = 'alice',
  ) =>
    request(backend.server)
      [method](`${API}${p}`)
      .set('Authorization', as(user))
      .send(body);
  const checkoutCheck = async (id: string): Promise<CheckResult> =>
    (await get('/entities/component/default/checkout')).body.result.checks.find(
      (c: CheckResult) => c.id === id,
    );

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-waivers-')),
    );
    backend = await startReviewBackend({
      knex: (knex = await databases.init(databaseId)),
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: {
        scaleReadiness: {
          manifests: { allowedLocalRoots: [tmp] },
          // these tests are about one champion's waivers; the approval by a
          // second champion is WaiverApproval.test.ts and routes.matrix.test.ts
          waivers: { maxDays: 30, allowSingleChampion: true },
        },
      },
    });
    await backend.runTask(PASS);
    const checks: CheckResult[] = (
      await get('/entities/component/default/checkout')
    ).body.result.checks;
    const found = checks.find(c => c.status === 'fail');
    if (!found) throw new Error('the fixture has no failing check on checkout');
    failing = found;
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  afterEach(() => backend.deny());

  it('lets only a champion of the owning team approve, within the maximum expiry', async () => {
    const body = {
      entityRef: REF.checkout,
      checkId: failing.id,
      reason: 'Traffic is capped by the partner until March',
    };
    expect((await send('post', '/waivers', body, 'carol')).status).toBe(403);
    expect((await send('post', '/waivers', body, 'dave')).status).toBe(403);
    expect(
      (
        await send('post', '/waivers', {
          ...body,
          expiresAt: new Date(Date.now() + 31 * DAY).toISOString(),
        })
      ).status,
    ).toBe(400);
    expect(
      (await send('post', '/waivers', { ...body, checkId: 'no.such-check' }))
        .status,
    ).toBe(400);
    backend.deny('scale-readiness.waiver.write');
    expect((await send('post', '/waivers', body)).status).toBe(403);
    backend.deny();
    expect((await checkoutCheck(failing.id)).waived).toBeUndefined();
  });

  it('shows a waived finding as waived (not as pass) and re-opens it on revoke, audited', async () => {
    const created = await send('post', '/waivers', {
      entityRef: 'checkout',
      checkId: failing.id,
      reason: 'Traffic is capped by the partner until March',
    });
    expect(created.status).toBe(201);
    const waiver: WaiverRecord = created.body;
    expect(waiver).toMatchObject({
      entityRef: REF.checkout,
      approvedBy: 'user:default/alice',
      status: 'active',
    });
    expect(Date.parse(waiver.expiresAt) - Date.now()).toBeGreaterThan(29 * DAY);

    const waived = await checkoutCheck(failing.id);
    expect(waived.status).toBe('fail');
    expect(waived.waived).toEqual({
      reason: waiver.reason,
      approvedBy: 'user:default/alice',
      expiresAt: waiver.expiresAt,
    });
    // the growth simulator sees the waiver too
    const simulated = await send('post', '/simulate', {
      growthFactor: 3,
      entityRefs: [REF.checkout],
    });
    expect(simulated.status).toBe(200);
    const simulatedCheck = simulated.body.results[0].checks.find(
      (c: { id: string }) => c.id === failing.id,
    );
    expect(simulatedCheck.waived).toEqual(waived.waived);

    const again = await send('post', '/waivers', {
      entityRef: REF.checkout,
      checkId: failing.id,
      reason: 'second one',
    });
    expect(again.status).toBe(409);

    const changed = await send(
      'patch',
      `/waivers/${waiver.id}`,
      {
        reason: 'Capped until April',
        expiresAt: new Date(Date.now() + 10 * DAY).toISOString(),
      },
      'bob',
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      reason: 'Capped until April',
      approvedBy: 'user:default/bob',
    });

    expect(
      (await send('delete', `/waivers/${waiver.id}`, undefined, 'carol'))
        .status,
    ).toBe(403);
    const revoked = await send('delete', `/waivers/${waiver.id}`);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/alice',
    });
    expect((await checkoutCheck(failing.id)).waived).toBeUndefined();
    expect((await send('delete', `/waivers/${waiver.id}`)).status).toBe(409);

    const detail: WaiverDetailResponse = (await get(`/waivers/${waiver.id}`))
      .body;
    expect(detail.audit.map(a => [a.action, a.actor])).toEqual([
      ['created', 'user:default/alice'],
      ['updated', 'user:default/bob'],
      ['revoked', 'user:default/alice'],
    ]);
    expect(detail.audit[1].before?.reason).toBe(
      'Traffic is capped by the partner until March',
    );
    expect(detail.audit[1].after?.reason).toBe('Capped until April');
  });

  it('re-opens the finding when the waiver expires', async () => {
    const created = await send('post', '/waivers', {
      entityRef: REF.checkout,
      checkId: failing.id,
      reason: 'Short-lived exception for the load test',
      expiresAt: new Date(Date.now() + 2500).toISOString(),
    });
    expect(created.status).toBe(201);
    expect((await checkoutCheck(failing.id)).waived).toBeDefined();

    await sleep(2600);
    await backend.runTask(REVIEW_TASK_IDS.waiverSweep);
    await backend.runTask(PASS);
    expect((await checkoutCheck(failing.id)).waived).toBeUndefined();

    const expired = (
      await get(
        `/waivers?entityRef=${encodeURIComponent(REF.checkout)}&status=expired`,
      )
    ).body.items;
    expect(expired.map((w: WaiverRecord) => w.id)).toEqual([created.body.id]);
    const detail: WaiverDetailResponse = (
      await get(`/waivers/${created.body.id}`)
    ).body;
    expect(detail.audit.map(a => [a.action, a.actor])).toEqual([
      ['created', 'user:default/alice'],
      ['expired', 'plugin:scale-readiness'],
    ]);
    // the sweep handles each expiry once
    await backend.runTask(REVIEW_TASK_IDS.waiverSweep);
    expect((await get(`/waivers/${created.body.id}`)).body.audit).toHaveLength(
      2,
    );
    // the finding can be waived again
    expect(
      (
        await send('post', '/waivers', {
          entityRef: REF.checkout,
          checkId: failing.id,
          reason: 'renewed by the team',
        })
      ).status,
    ).toBe(201);
  });

  it('ten parallel identical waiver requests give one 201 and one active row', async () => {
    const body = {
      entityRef: REF.cart,
      checkId: failing.id,
      reason: 'Cart traffic is capped by the partner until March',
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => send('post', '/waivers', body)),
    );
    const statuses = responses.map(r => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const active = await knex('waivers')
      .where({ entity_ref: REF.cart, check_id: failing.id })
      .whereNull('revoked_at');
    expect(active).toHaveLength(1);
    // the one waiver is revoked again; a new one may then be created
    const id = responses.find(r => r.status === 201)!.body.id;
    expect((await send('delete', `/waivers/${id}`)).status).toBe(200);
    const again = await send('post', '/waivers', body);
    expect(again.status).toBe(201);
    expect((await send('delete', `/waivers/${again.body.id}`)).status).toBe(
      200,
    );
  });

  it('lists waivers with the configured maximum', async () => {
    const res = await get(
      `/waivers?entityRef=${encodeURIComponent(REF.checkout)}`,
    );
    expect(res.body.maxDays).toBe(30);
    expect(res.body.items.map((w: WaiverRecord) => w.status).sort()).toEqual([
      'active',
      'expired',
      'revoked',
    ]);
    backend.deny('scale-readiness.waiver.read');
    expect((await get('/waivers')).status).toBe(403);
  });
});
