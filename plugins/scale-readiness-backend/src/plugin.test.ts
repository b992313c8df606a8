import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  CheckResult,
  EntityReadinessResponse,
  OverviewResponse,
  SimulateResponse,
  TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildFixtureCatalog,
  REF,
  SCORED_REFS,
  writeManifestRepo,
} from './__fixtures__/readinessCatalog';
import {
  type ReadinessTestBackend,
  startReadinessBackend,
} from './__testUtils__/startReadinessBackend';
import type { PassStats } from './service/ReadinessProcessor';
import { DatabaseAccessRequestStore } from './accessRequests/DatabaseAccessRequestStore';
import type { Knex } from 'knex';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';

function check(result: { checks: CheckResult[] }, id: string): CheckResult {
  const found = result.checks.find(c => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe.each(databases.eachSupportedId())(
  'scale-readiness plugin, %p',
  databaseId => {
    let backend: ReadinessTestBackend;
    let tmp: string;
    let firstPass: PassStats;
    let knex: Knex;
    const get = (p: string) => request(backend.server).get(`${API}${p}`);
    const post = (p: string, body?: object) =>
      request(backend.server).post(`${API}${p}`).send(body);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      tmp = await fs.realpath(
        await fs.mkdtemp(path.join(os.tmpdir(), 'sr-plugin-')),
      );
      const catalogFile = await writeManifestRepo(tmp);
      backend = await startReadinessBackend({
        knex,
        entities: buildFixtureCatalog(catalogFile),
        config: {
          scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } },
        },
      });
      firstPass = await backend.runPass();
    });

    afterAll(async () => {
      await backend?.stop();
      if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    });

    afterEach(() => backend.setPermission(AuthorizeResult.ALLOW));

    it('schedules one global pass and reports it on /health', async () => {
      expect(backend.task).toMatchObject({
        id: 'scale-readiness-pass',
        scope: 'global',
        frequency: { minutes: 30 },
      });
      expect(firstPass).toMatchObject({
        entities: SCORED_REFS.length,
        groups: 5,
        factsChanged: SCORED_REFS.length,
        deleted: 0,
        evaluated: SCORED_REFS.length,
        resultsWritten: SCORED_REFS.length,
        historyAdded: SCORED_REFS.length,
      });
      const health = await get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        entities: SCORED_REFS.length,
        lastPassAt: firstPass.finishedAt,
      });
    });

    it('serves a result with the chain down to the broken quota', async () => {
      const res = await get('/entities/component/default/checkout');
      expect(res.status).toBe(200);
      const body = res.body as EntityReadinessResponse;
      const { chain } = body.result;
      expect(chain.headroom).toBe(1.25);
      expect([...chain.members].sort()).toEqual(
        [
          REF.cart,
          REF.ledger,
          REF.ledgerDb,
          REF.paymentsSvc,
          REF.stripeGateway,
        ].sort(),
      );
      expect(chain.weakestLink).toMatchObject({
        checkId: 'quotas.headroom',
        headroom: 1.25,
      });
      expect(chain.weakestLink!.message).toContain(
        `declared/${REF.stripeGateway}/stripe-requests`,
      );
      // The weakest link lies on the API branch checkout ⇢ payments-svc → stripe-gateway.
      expect([REF.paymentsSvc, REF.stripeGateway]).toContain(
        chain.weakestLink!.entityRef,
      );
      expect(chain.path[0]).toBe(REF.checkout);
      expect(chain.path[chain.path.length - 1]).toBe(
        chain.weakestLink!.entityRef,
      );
      expect(body.result.level).toBe('not-ready');
      // Facts of the entity and of every chain member, for the simulator.
      expect(body.facts.map(f => f.entityRef).sort()).toEqual(
        [REF.checkout, ...chain.members].sort(),
      );

      const gateway = (await get('/entities/resource/default/stripe-gateway'))
        .body.result;
      expect(gateway.chain.weakestLink).toMatchObject({
        entityRef: REF.stripeGateway,
        checkId: 'quotas.headroom',
        headroom: 1.25,
      });
      expect(check(gateway, 'quotas.headroom').status).toBe('fail');
    });

    it('reads Kubernetes manifests next to the catalog file', async () => {
      const body = (await get('/entities/component/default/payments-svc'))
        .body as EntityReadinessResponse;
      const own = body.facts.find(f => f.entityRef === REF.paymentsSvc)!;
      expect(own.workloads).toMatchObject({
        status: 'ok',
        source: 'manifests',
      });
      expect(own.workloads!.value!.workloads[0]).toMatchObject({
        kind: 'Deployment',
        name: 'payments-svc',
        peakReplicas: 4,
        scalers: [expect.objectContaining({ maxReplicas: 10 })],
      });
      expect(check(body.result, 'autoscaling.hpa-present').status).toBe('pass');
      const max = check(body.result, 'autoscaling.hpa-max-headroom');
      expect(max).toMatchObject({ status: 'fail', headroom: 2.5 });
      // A component without manifests is unknown there, never a pass.
      const cart = (await get('/entities/component/default/cart')).body.result;
      expect(check(cart, 'autoscaling.hpa-present').status).toBe('unknown');
    });

    it('serves the org-level list of objects that match no component', async () => {
      const res = await get('/unowned-objects');
      expect(res.status).toBe(200);
      expect(res.body.entitiesScanned).toBeGreaterThan(0);
      expect(Array.isArray(res.body.objects)).toBe(true);
      // one component's objects (short refs default to kind component)
      const one = await get('/unowned-objects?entityRef=nothing-here');
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        objects: [],
        entitiesScanned: res.body.entitiesScanned,
      });
      expect((await get('/unowned-objects?entityRef=')).status).toBe(400);
      backend.setPermission(AuthorizeResult.DENY);
      expect((await get('/unowned-objects')).status).toBe(403);
    });

    it('reports dependency cycles', async () => {
      const auth = (await get('/entities/component/default/auth')).body.result;
      expect(auth.chain.cycles.map((c: string[]) => [...c].sort())).toEqual([
        [REF.auth, REF.session],
      ]);
      expect(auth.chain.members).toEqual([REF.session]);
    });

    it('answers 404 for unknown entities and 400 for malformed refs', async () => {
      expect((await get('/entities/component/default/nope')).status).toBe(404);
      expect((await get('/entities/group/default/payments')).status).toBe(404);
      for (const bad of [
        '/entities/comp!nent/default/checkout',
        '/entities/component/de%20fault/checkout',
        `/entities/component/default/${'a'.repeat(300)}`,
        '/entities/component/default/che%2Fckout',
        '/entities/component/default/%E0%A4%A',
        '/entities/component/default/checkout/history?limit=0',
        '/entities/component/default/checkout/history?before=yesterday',
      ]) {
        const res = await get(bad);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }
    });

    it('serves the history of an entity', async () => {
      const res = await get('/entities/component/default/checkout/history');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        level: 'not-ready',
        chainHeadroom: 1.25,
      });
      expect(
        (await get('/entities/component/default/nope/history')).body.items,
      ).toEqual([]);
    });

    it('serves a team scorecard with sub-groups, rollup and weakest links', async () => {
      const res = await get('/teams/default/payments');
      expect(res.status).toBe(200);
      const body = res.body as TeamScorecardResponse;
      expect(body.team).toMatchObject({
        entityRef: REF.payments,
        parent: REF.engineering,
        children: [REF.paymentsCore],
      });
      expect(body.champions).toEqual([
        'user:default/alice',
        'user:default/bob',
      ]);
      expect(body.groups).toEqual([REF.payments, REF.paymentsCore]);
      expect(body.components.map(c => c.entityRef)).toEqual([
        REF.cart,
        REF.checkout,
        REF.ledger,
        REF.paymentsSvc,
      ]);
      const atRisk = body.components.filter(
        c => c.chainHeadroom !== null && c.chainHeadroom < 3,
      );
      expect(atRisk.map(c => c.entityRef)).toEqual([
        REF.checkout,
        REF.paymentsSvc,
      ]);
      expect(body.rollup.components).toBe(4);
      expect(body.rollup.atRisk).toBe(2);
      expect(Object.values(body.rollup.levels).reduce((a, b) => a + b, 0)).toBe(
        4,
      );
      expect(body.weakestLinks).toEqual([
        expect.objectContaining({
          checkId: 'quotas.headroom',
          headroom: 1.25,
          affected: 2,
        }),
      ]);

      const org = (await get('/teams/default/engineering')).body;
      expect(org.groups).toHaveLength(5);
      expect(
        org.components.map((c: { entityRef: string }) => c.entityRef).sort(),
      ).toEqual([...SCORED_REFS].sort());

      const empty = await get('/teams/default/empty-team');
      expect(empty.status).toBe(200);
      expect(empty.body.components).toEqual([]);
      expect(empty.body.rollup.components).toBe(0);

      expect((await get('/teams/default/nope')).status).toBe(404);
      expect((await get('/teams/default/Bad!Team')).status).toBe(400);
    });

    it('validates team scorecards with an ETag (304 when unchanged)', async () => {
      const first = await get('/teams/default/payments');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const again = await get('/teams/default/payments');
      expect(again.headers.etag).toBe(etag);
      expect(again.body).toEqual(first.body);
      const notModified = await get('/teams/default/payments').set(
        'If-None-Match',
        etag,
      );
      expect(notModified.status).toBe(304);
      const other = await get('/teams/default/payments').set(
        'If-None-Match',
        '"something-else"',
      );
      expect(other.status).toBe(200);
      expect(other.body.rollup.components).toBe(4);
      // another team has its own body and tag
      const core = await get('/teams/default/payments-core');
      expect(core.headers.etag).not.toBe(etag);
      // permissions are checked before the cache answers
      backend.setPermission(AuthorizeResult.DENY);
      expect((await get('/teams/default/payments')).status).toBe(403);
    });

    it('serves the overview sorted, paged and validated', async () => {
      const all = await get('/overview');
      expect(all.status).toBe(200);
      const body = all.body as OverviewResponse;
      expect(body).toMatchObject({
        growthFactor: 3,
        total: 5,
        offset: 0,
        limit: 50,
      });
      expect(body.org.components).toBe(SCORED_REFS.length);
      expect(body.teams.map(t => t.teamRef)).toEqual([
        REF.emptyTeam,
        REF.engineering,
        REF.payments,
        REF.paymentsCore,
        REF.platform,
      ]);

      const byComponents = (await get('/overview?sort=components&order=desc'))
        .body as OverviewResponse;
      const counts = byComponents.teams.map(t => t.components);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      // Engineering rolls up its whole sub-tree (issue 19 item 7)
      expect(byComponents.teams[0].teamRef).toBe(REF.engineering);
      expect(byComponents.teams[0].components).toBe(body.org.components);

      const page = (await get('/overview?limit=2&offset=1'))
        .body as OverviewResponse;
      expect(page).toMatchObject({ total: 5, offset: 1, limit: 2 });
      expect(page.teams.map(t => t.teamRef)).toEqual([
        REF.engineering,
        REF.payments,
      ]);

      const search = (await get('/overview?q=PAY')).body as OverviewResponse;
      expect(search.teams.map(t => t.teamRef)).toEqual([
        REF.payments,
        REF.paymentsCore,
      ]);

      for (const bad of [
        'limit=0',
        'limit=501',
        'offset=-1',
        'sort=bogus',
        'order=up',
        'limit=abc',
      ]) {
        const res = await get(`/overview?${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }
    });

    it('simulates another growth factor without storing it', async () => {
      const at = async (growthFactor: number) => {
        const res = await post('/simulate', {
          growthFactor,
          entityRefs: ['payments-svc'],
        });
        expect(res.status).toBe(200);
        const body = res.body as SimulateResponse;
        expect(body.results.map(r => r.entityRef)).toEqual([REF.paymentsSvc]);
        return body.results[0];
      };
      const low = await at(1.5);
      const high = await at(5);
      expect(check(low, 'autoscaling.hpa-max-headroom').status).toBe('pass');
      expect(check(high, 'autoscaling.hpa-max-headroom').status).toBe('fail');
      expect(low.growthFactor).toBe(1.5);

      const team = await post('/simulate', {
        growthFactor: 1.1,
        team: 'payments',
      });
      expect(team.status).toBe(200);
      expect(
        team.body.results.map((r: { entityRef: string }) => r.entityRef).sort(),
      ).toEqual([REF.cart, REF.checkout, REF.ledger, REF.paymentsSvc]);
      for (const r of team.body.results) {
        expect(r.chain.headroom === null || r.chain.headroom >= 1.1).toBe(true);
      }

      const stored = (await get('/entities/component/default/payments-svc'))
        .body;
      expect(stored.result.growthFactor).toBe(3);
      expect(check(stored.result, 'autoscaling.hpa-max-headroom').status).toBe(
        'fail',
      );
    });

    it('rejects invalid simulations with 400 and unknown teams with 404', async () => {
      for (const body of [
        {},
        { growthFactor: -1, entityRefs: [REF.cart] },
        { growthFactor: '3', entityRefs: [REF.cart] },
        { growthFactor: 2 },
        { growthFactor: 2, entityRefs: [REF.cart], team: 'payments' },
        { growthFactor: 2, entityRefs: [] },
        { growthFactor: 2, entityRefs: ['component:default/bad name'] },
      ]) {
        const res = await post('/simulate', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      const raw = await request(backend.server)
        .post(`${API}/simulate`)
        .set('content-type', 'application/json')
        .send('{"growthFactor":');
      expect(raw.status).toBe(400);
      expect(
        (await post('/simulate', { growthFactor: 2, team: 'nope' })).status,
      ).toBe(404);
    });

    it('refreshes one entity on request', async () => {
      const res = await post('/entities/component/default/checkout/refresh');
      expect(res.status).toBe(200);
      expect(res.body.result).toMatchObject({
        entityRef: REF.checkout,
        chain: { headroom: 1.25 },
      });
      expect(backend.permissionsAsked).toContain(
        'scale-readiness.results.refresh',
      );
      expect(
        (await post('/entities/component/default/nope/refresh')).status,
      ).toBe(404);
      expect(
        (await post('/entities/group/default/payments/refresh')).status,
      ).toBe(404);
      expect(
        (await post('/entities/component/default/bad!/refresh')).status,
      ).toBe(400);
    });

    it('shows each team its request → access time in the overview', async () => {
      // real rows through the real store: two requests of payments reached
      // access after 1 h and 3 h, one is still pending
      const store = await DatabaseAccessRequestStore.create({
        database: {
          getClient: async () => knex,
          migrations: { skip: true },
        },
      });
      const now = Date.now();
      const target = {
        kind: 'repository' as const,
        via: 'team' as const,
        team: 'acme/payments',
      };
      const make = async (id: string, grantee: string, hoursAgo: number) =>
        (
          await store.create(
            {
              id,
              teamRef: REF.payments,
              requestedBy: grantee,
              granteeRef: grantee,
              target,
              justification: 'Joining the payments team',
              durationHours: 8,
            },
            {
              now: new Date(now - hoursAgo * 3_600_000),
              expiresAt: new Date(now + 3_600_000),
            },
          )
        ).request;
      for (const [id, grantee, tookHours] of [
        ['tta-1', 'user:default/ann', 1],
        ['tta-2', 'user:default/ben', 3],
      ] as const) {
        await make(id, grantee, 5);
        const at = new Date(now - (5 - tookHours) * 3_600_000);
        await store.transition({
          id,
          from: ['pending'],
          to: 'approved',
          at,
          actor: 'user:default/champion',
          action: 'access-active',
          patch: {
            decidedAt: at,
            decidedBy: 'user:default/champion',
            grantState: 'active',
            dryRun: false,
            activatedAt: at,
          },
        });
      }
      await make('tta-3', 'user:default/cid', 2);

      const body = (await get('/overview')).body as OverviewResponse;
      const payments = body.teams.find(t => t.teamRef === REF.payments);
      expect(payments?.timeToAccess).toEqual({
        windowDays: 90,
        targetHours: 4,
        samples: 2,
        p50Hours: expect.any(Number),
        p90Hours: expect.any(Number),
        pending: 1,
      });
      expect(payments!.timeToAccess!.p90Hours).toBeGreaterThan(2.5);
      expect(payments!.timeToAccess!.p90Hours).toBeLessThanOrEqual(3.01);
      // a team without requests says so (no 0 h)
      const platform = body.teams.find(t => t.teamRef === REF.platform);
      expect(platform?.timeToAccess).toMatchObject({
        samples: 0,
        p90Hours: null,
        pending: 0,
      });
    });

    it('answers 403 on every route but /health when permission is denied', async () => {
      backend.setPermission(AuthorizeResult.DENY);
      const denied = [
        get('/entities/component/default/checkout'),
        get('/entities/component/default/checkout/history'),
        get('/teams/default/payments'),
        get('/overview'),
        post('/simulate', { growthFactor: 2, entityRefs: [REF.cart] }),
        post('/entities/component/default/checkout/refresh'),
      ];
      for (const res of await Promise.all(denied)) {
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      }
      expect((await get('/health')).status).toBe(200);
    });
  },
);
