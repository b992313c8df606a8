import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type {
  Plan,
  PlanDetailResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
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
import { parseCsv } from '@scale-readiness/plugin-scale-readiness-common';
import {
  type ReviewTestBackend,
  startReviewBackend,
} from '../reviews/__testUtils__/startReviewBackend';
import { PLAN_CSV_COLUMNS } from './planExport';
import { PLAN_TASK_ID } from './setup';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const PASS = 'scale-readiness-pass';
const OPERATOR = 'scale-readiness.champion.manage';
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

describe.each(databases.eachSupportedId())('plans API, %p', databaseId => {
  let backend: ReviewTestBackend;
  let knex: Knex;
  let tmp: string;

  const get = (p: string, user = 'alice') =>
    request(backend.server).get(`${API}${p}`).set('Authorization', as(user));
  const send = (
    method: 'post' | 'patch',
    p: string,
    body?: object,
    user = 'alice',
  ) =>
    request(backend.server)
      [method](`${API}${p}`)
      .set('Authorization', as(user))
      .send(body);
  const detail = async (id: string, user = 'alice') => {
    const res = await get(`/plans/${id}`, user);
    expect(res.status).toBe(200);
    return res.body as PlanDetailResponse;
  };
  const create = async (body: object, user = 'alice') => {
    const res = await send('post', '/plans', body, user);
    expect(res.status).toBe(201);
    return res.body.plan as Plan;
  };
  const launch = {
    title: 'Retail partner launch',
    occasion: 'Partner go-live',
    date: '2026-12-20',
    growthFactor: 3,
    entryPoints: [REF.checkout],
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-plans-')),
    );
    backend = await startReviewBackend({
      knex,
      entities: buildFixtureCatalog(await writeManifestRepo(tmp)),
      config: {
        scaleReadiness: {
          manifests: { allowedLocalRoots: [tmp] },
          plans: { leadTimeDays: { quotas_headroom: 7 } },
        },
      },
    });
    await backend.runTask(PASS);
  });

  afterAll(async () => {
    await backend?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  afterEach(() => backend.deny());

  it('lets champions and operators create plans, refuses others with 403, and lets everyone read', async () => {
    // dave: member of payments-core, champion of nothing; carol: platform's champion
    backend.deny(OPERATOR);
    const refused = await send('post', '/plans', launch, 'dave');
    expect(refused.status).toBe(403);
    const plan = await create(launch, 'carol');
    backend.deny('scale-readiness.plan.create');
    expect((await send('post', '/plans', launch)).status).toBe(403);
    backend.deny();
    // an operator who champions nothing
    await create({ ...launch, title: 'Operator plan' }, 'dave');

    const list = await get('/plans', 'dave');
    expect(list.status).toBe(200);
    expect(list.body.plans.map((p: Plan) => p.title)).toEqual(
      expect.arrayContaining(['Retail partner launch', 'Operator plan']),
    );
    expect((await get(`/plans/${plan.id}`, 'dave')).status).toBe(200);
    backend.deny('scale-readiness.plan.read');
    expect((await get('/plans', 'dave')).status).toBe(403);
    expect((await get(`/plans/${plan.id}`, 'dave')).status).toBe(403);
  });

  it('answers 400 on bad input and stores nothing', async () => {
    const before = (await get('/plans')).body.plans.length;
    for (const body of [
      { ...launch, date: '2026-02-30' },
      { ...launch, growthFactor: 0 },
      { ...launch, entryPoints: [] },
      { ...launch, entryPoints: ['component:default/Not A Name'] },
      { ...launch, factors: { [REF.auth]: 2 } },
      { ...launch, title: '' },
      { ...launch, extra: true },
    ]) {
      expect((await send('post', '/plans', body)).status).toBe(400);
    }
    expect((await get('/plans')).body.plans).toHaveLength(before);
  });

  it('evaluates the request chain at each entry point factor, through an API and a cycle', async () => {
    const plan = await create({
      ...launch,
      entryPoints: [REF.checkout, REF.auth],
      growthFactor: 2,
      factors: { [REF.checkout]: 3 },
    });
    const d = await detail(plan.id);
    const factor = Object.fromEntries(
      d.evaluation.members.map(m => [m.entityRef, m.factor]),
    );
    // auth → session → auth: each once, the walk ends
    expect(factor).toEqual({
      [REF.checkout]: 3,
      [REF.cart]: 3,
      [REF.ledger]: 3,
      [REF.ledgerDb]: 3,
      [REF.paymentsApi]: 3,
      [REF.paymentsSvc]: 3,
      [REF.stripeGateway]: 3,
      [REF.auth]: 2,
      [REF.session]: 2,
    });
    expect(d.evaluation.edges).toEqual(
      expect.arrayContaining([
        { from: REF.checkout, to: REF.paymentsApi, relation: 'consumesApi' },
        { from: REF.paymentsApi, to: REF.paymentsSvc, relation: 'providesApi' },
        { from: REF.session, to: REF.auth, relation: 'dependsOn' },
      ]),
    );
    // stripe-gateway: limit 100 / peak 80 → 1.25× < 3×
    expect(d.evaluation.verdict).toBe('no-go');
    expect(d.evaluation.weakestLink).toMatchObject({
      entityRef: REF.stripeGateway,
      headroom: 1.25,
    });
    expect(
      d.evaluation.members.filter(m => m.onWeakestPath).map(m => m.entityRef),
    ).toEqual(
      expect.arrayContaining([
        REF.checkout,
        REF.paymentsApi,
        REF.paymentsSvc,
        REF.stripeGateway,
      ]),
    );
    const stripe = d.items.find(
      i => i.entityRef === REF.stripeGateway && i.checkId === 'quotas.headroom',
    );
    // the configured lead time of quotas.headroom: 7 days before the date
    expect(stripe).toMatchObject({
      team: REF.platform,
      state: 'open',
      dueDate: '2026-12-13',
    });
    expect(d.teams.map(t => t.ref).sort()).toEqual(
      [REF.payments, REF.paymentsCore, REF.platform].sort(),
    );
    expect(d.plan.openItems).toBe(
      d.items.filter(i => i.state === 'open').length,
    );
    // the same engine as /simulate, at the same factor
    const sim = await send('post', '/simulate', {
      growthFactor: 3,
      entityRefs: [REF.stripeGateway],
    });
    expect(
      sim.body.results[0].checks.find((c: any) => c.id === 'quotas.headroom')
        .status,
    ).toBe('fail');
  });

  it('reports an entry point that disappears from the catalog instead of failing', async () => {
    const plan = await create({
      ...launch,
      entryPoints: [REF.auth, REF.ledger],
    });
    const sessionItems = (await detail(plan.id)).items.filter(
      i => i.entityRef === REF.session,
    );
    expect(sessionItems.length).toBeGreaterThan(0);
    const removed = backend.catalog.get(REF.auth);
    backend.catalog.remove(REF.auth);
    try {
      const d = await detail(plan.id);
      expect(d.evaluation.missingEntryPoints).toEqual([REF.auth]);
      expect(d.evaluation.members.map(m => m.entityRef)).not.toContain(
        REF.session,
      );
      expect(d.evaluation.verdict).toBe('no-go');
      // the items of auth and session are closed, not lost
      expect(
        d.items.filter(i => i.entityRef === REF.session).map(i => i.state),
      ).toEqual(sessionItems.map(() => 'done'));
    } finally {
      backend.catalog.put(removed);
    }
  });

  it('marks an item waived through the waiver API, and done when the finding passes', async () => {
    const plan = await create(launch);
    const before = await detail(plan.id);
    const docs = before.items.find(
      i => i.entityRef === REF.checkout && i.checkId === 'docs.load-test',
    )!;
    expect(docs.state).toBe('open');
    const waiver = await send('post', '/waivers', {
      entityRef: REF.checkout,
      checkId: 'docs.load-test',
      reason: 'Load test booked with the partner next week',
    });
    expect(waiver.status).toBe(201);
    // pending a second champion's approval, the item stays open
    const pending = await detail(plan.id);
    expect(pending.items.find(i => i.id === docs.id)?.state).toBe('open');
    const approved = await send(
      'post',
      `/waivers/${waiver.body.id}/approve`,
      {},
      'bob',
    );
    expect(approved.status).toBe(200);
    const after = await detail(plan.id);
    expect(after.items.find(i => i.id === docs.id)).toMatchObject({
      state: 'waived',
      waiverId: waiver.body.id,
    });

    const quota = after.items.find(
      i => i.entityRef === REF.stripeGateway && i.checkId === 'quotas.headroom',
    )!;
    backend.catalog.annotate(
      REF.stripeGateway,
      'scale-readiness.io/quotas',
      quotaAnnotation('stripe-requests', 1000, 80),
    );
    await backend.runTask(PASS);
    const fixed = await detail(plan.id);
    expect(fixed.items.find(i => i.id === quota.id)?.state).toBe('done');
    expect(fixed.evaluation.weakestLink?.entityRef).not.toBe(REF.stripeGateway);
  });

  it('assigns items to people of the team, the creator or operators only', async () => {
    const plan = await create(launch);
    const d = await detail(plan.id);
    const item = d.items.find(i => i.team === REF.platform)!;
    const assigned = await send(
      'post',
      `/plans/${plan.id}/items/${item.id}/assign`,
      { assignee: 'carol' },
      'carol',
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.item).toMatchObject({
      id: item.id,
      assignee: 'user:default/carol',
    });
    backend.deny(OPERATOR);
    // dave: not in platform, not the creator, no champion
    expect(
      (
        await send(
          'post',
          `/plans/${plan.id}/items/${item.id}/assign`,
          { assignee: null },
          'dave',
        )
      ).status,
    ).toBe(403);
    backend.deny('scale-readiness.plan.update');
    expect(
      (
        await send('post', `/plans/${plan.id}/items/${item.id}/assign`, {
          assignee: null,
        })
      ).status,
    ).toBe(403);
    backend.deny();
    const cleared = await send(
      'post',
      `/plans/${plan.id}/items/${item.id}/assign`,
      { assignee: null },
    );
    expect(cleared.body.item.assignee).toBeUndefined();
  });

  it('freezes the plan when every team signed off; PATCH on frozen is 409', async () => {
    const plan = await create(launch);
    const patched = await send('patch', `/plans/${plan.id}`, {
      title: 'Retail partner launch (EU)',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.plan.title).toBe('Retail partner launch (EU)');

    const signOff = (team: string, user: string) =>
      send(
        'post',
        `/plans/${plan.id}/sign-offs`,
        { team, comment: 'ok' },
        user,
      );
    backend.deny(OPERATOR);
    expect((await signOff(REF.platform, 'alice')).status).toBe(403);
    expect((await signOff(REF.emptyTeam, 'alice')).status).toBe(400);
    backend.deny();
    const first = await signOff(REF.payments, 'alice');
    expect(first.status).toBe(201);
    expect(first.body.signOff).toMatchObject({
      team: REF.payments,
      by: 'user:default/alice',
      comment: 'ok',
    });
    expect(first.body.plan.status).toBe('open');
    expect((await signOff(REF.payments, 'bob')).status).toBe(409);
    expect((await signOff(REF.paymentsCore, 'dave')).status).toBe(201);
    const last = await signOff(REF.platform, 'carol');
    expect(last.status).toBe(201);
    expect(last.body.plan.status).toBe('frozen');

    const frozen = await detail(plan.id);
    expect(frozen.teams.every(t => t.signedOff)).toBe(true);
    // nothing is recomputed any more, whatever the catalog does
    backend.catalog.annotate(
      REF.ledgerDb,
      'scale-readiness.io/quotas',
      quotaAnnotation('ledger-writes', 100, 90),
    );
    await backend.runTask(PASS);
    expect(await detail(plan.id)).toEqual(frozen);

    expect(
      (await send('patch', `/plans/${plan.id}`, { growthFactor: 2 })).status,
    ).toBe(409);
    expect(
      (
        await send(
          'post',
          `/plans/${plan.id}/items/${frozen.items[0].id}/assign`,
          { assignee: 'alice' },
        )
      ).status,
    ).toBe(409);
    expect((await signOff(REF.platform, 'carol')).status).toBe(409);
    const archived = await send('post', `/plans/${plan.id}/archive`);
    expect(archived.body.plan.status).toBe('archived');
    expect(
      (await send('patch', `/plans/${plan.id}`, { title: 'x' })).status,
    ).toBe(409);
  });

  it('snapshots open plans daily and exports Markdown and CSV', async () => {
    const plan = await create(launch);
    await backend.runTask(PLAN_TASK_ID);
    await backend.runTask(PLAN_TASK_ID);
    const d = await detail(plan.id);
    const today = new Date().toISOString().slice(0, 10);
    expect(d.history).toEqual([
      {
        day: today,
        openItems: d.items.filter(i => i.state === 'open').length,
        weakestHeadroom: d.evaluation.weakestLink?.headroom ?? null,
      },
    ]);

    const md = await get(`/plans/${plan.id}/export?format=markdown`);
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.headers['content-disposition']).toMatch(/attachment/);
    expect(md.text).toContain('# Launch plan: Retail partner launch');
    expect(md.text).toContain('**Verdict: NO-GO**');

    const csv = await get(`/plans/${plan.id}/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(PLAN_CSV_COLUMNS);
    expect(rows).toHaveLength(d.items.length + 1);
  });
});
