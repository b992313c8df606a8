/**
 * Champion actions through the real plugin: idempotency under concurrency,
 * scope and input rules, rate limit, champions read at request time, the
 * dry-run default, audit and time-to-access routes, and the scheduled sweep.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { RecordingExecutor } from './__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from './__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from './__testUtils__/teamCatalog';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const ALICE = mockCredentials.user.header(REFS.alice);
const BOB = mockCredentials.user.header(REFS.bob);

const collaborator = (repository = 'northwind/cart', permission = 'push') => ({
  kind: 'repository',
  via: 'collaborator',
  repository,
  permission,
});
const body = (overrides: object = {}) => ({
  team: REFS.checkout,
  target: collaborator(),
  durationHours: 8,
  justification: 'Pairing with Bob on the cart outage',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'champion actions, %p',
  databaseId => {
    describe('with an executor from the extension point', () => {
      let backend: GrantsTestBackend;
      let knex: Knex;
      const executor = new RecordingExecutor();
      const post = (path: string, payload: object, auth = ALICE) =>
        request(backend.server)
          .post(`${API}${path}`)
          .set('authorization', auth)
          .send(payload);
      const get = (path: string, auth = ALICE) =>
        request(backend.server).get(`${API}${path}`).set('authorization', auth);

      beforeAll(async () => {
        knex = await databases.init(databaseId);
        backend = await startGrantsBackend({
          knex,
          entities: teamCatalog(),
          executor,
          config: {
            scaleReadiness: {
              grants: {
                rateLimit: { requests: 12, windowMinutes: 60 },
                maxDurationDays: 2,
              },
            },
          },
        });
      });
      afterAll(() => backend?.stop());

      it('10 parallel identical requests make 1 grant and 1 external write', async () => {
        executor.grantDelayMs = 150;
        const responses = await Promise.all(
          Array.from({ length: 10 }, () => post('/grants', body())),
        );
        executor.grantDelayMs = 0;
        const statuses = responses.map(r => r.status).sort();
        expect(statuses).toEqual([
          200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
        ]);
        expect(new Set(responses.map(r => r.body.grant.id)).size).toBe(1);
        expect(responses.filter(r => r.body.created)).toHaveLength(1);
        expect(executor.grantWrites).toBe(1);
        expect(await knex('grants')).toHaveLength(1);

        // the same with an Idempotency-Key, for a teammate
        const keyed = await Promise.all(
          Array.from({ length: 10 }, () =>
            request(backend.server)
              .post(`${API}/grants`)
              .set('authorization', ALICE)
              .set('idempotency-key', 'form-submit-7f3a9c')
              .send(body({ grantee: REFS.bob })),
          ),
        );
        expect(keyed.filter(r => r.status === 201)).toHaveLength(1);
        expect(keyed.filter(r => r.status === 200)).toHaveLength(9);
        expect(executor.grantWrites).toBe(2);

        const first = responses.find(r => r.status === 201)!.body.grant;
        expect(first).toMatchObject({
          state: 'active',
          executor: 'recording',
          dryRun: false,
          grantee: REFS.alice,
          requestedBy: REFS.alice,
          durationSeconds: 8 * 3600,
        });
        expect(
          Date.parse(first.expiresAt) - Date.parse(first.activatedAt),
        ).toBe(8 * 3600_000);
        // a teammate's request for the same open access is a conflict
        const conflict = await post('/grants', body({ durationHours: 2 }));
        expect(conflict.status).toBe(409);
      });

      it('grants only inside the team scope, for the champion or a member', async () => {
        const cases: Array<[object, number]> = [
          [body({ target: collaborator('northwind/storefront-web') }), 403], // other team's repo
          [body({ target: collaborator('evil/elsewhere') }), 403],
          [body({ target: collaborator('northwind/cart', 'admin') }), 400], // not an allowed level
          [
            body({
              target: {
                kind: 'repository',
                via: 'team',
                team: 'northwind/storefront',
              },
            }),
            403,
          ],
          [
            body({
              target: {
                kind: 'runner-group',
                runnerGroup: 'northwind/gpu',
                repository: 'northwind/cart',
              },
            }),
            403,
          ],
          [
            body({
              grantee: REFS.mallory,
              target: collaborator('northwind/checkout-api'),
            }),
            403,
          ],
          [
            body({
              durationHours: 49,
              target: collaborator('northwind/checkout-api'),
            }),
            400,
          ],
          [
            body({
              justification: 'because',
              target: collaborator('northwind/checkout-api'),
            }),
            400,
          ],
          [
            body({
              team: REFS.storefront,
              target: collaborator('northwind/storefront-web'),
            }),
            403,
          ],
          [{ ...body(), extra: true }, 400],
        ];
        for (const [payload, status] of cases) {
          const res = await post('/grants', payload);
          expect([payload, res.status]).toEqual([payload, status]);
        }
        const ok: object[] = [
          body({
            target: {
              kind: 'repository',
              via: 'team',
              team: 'northwind/checkout',
            },
            grantee: REFS.bob,
          }),
          body({
            target: {
              kind: 'runner-group',
              runnerGroup: 'northwind/linux-large',
              repository: 'northwind/checkout-api',
            },
          }),
          body({
            target: collaborator('NorthWind/Checkout-API', 'maintain'),
            durationHours: 48,
          }),
        ];
        for (const payload of ok) {
          const res = await post('/grants', payload);
          expect([payload, res.status]).toEqual([payload, 201]);
        }
      });

      it('reads champions from the catalog at request time', async () => {
        const view = await get('/champions/default/checkout-team');
        expect(view.status).toBe(200);
        expect(view.body.champions.map((c: any) => c.entityRef)).toEqual([
          REFS.alice,
        ]);
        expect(view.body.caller).toEqual({
          entityRef: REFS.alice,
          isChampion: true,
          isMember: true,
        });
        expect(view.body.scope).toEqual({
          repositories: [
            {
              repository: 'northwind/cart',
              entityRef: 'component:default/cart',
            },
            {
              repository: 'northwind/checkout-api',
              entityRef: 'component:default/checkout-api',
            },
          ],
          githubTeams: ['northwind/checkout'],
          runnerGroups: ['northwind/linux-large'],
        });
        expect(view.body.members).toEqual([REFS.alice, REFS.bob]);
        expect(view.body.executor).toEqual({
          id: 'recording',
          dryRun: false,
          label: 'Recording (test)',
        });
        expect(view.body.limits).toEqual({
          maxDurationHours: 48,
          defaultDurationHours: 24,
          permissions: ['pull', 'triage', 'push', 'maintain'],
        });
        const asBob = await get('/champions/default/checkout-team', BOB);
        expect(asBob.body.caller).toEqual({
          entityRef: REFS.bob,
          isChampion: false,
          isMember: true,
        });
        expect(asBob.body.members).toEqual([]);
        expect(asBob.body.champions[0]).toMatchObject({
          displayName: 'ALICE',
          email: 'alice@northwind.example',
        });

        // removing Alice from the annotation takes effect on the next request
        const active = await get(
          `/grants?team=${encodeURIComponent(REFS.checkout)}&state=active`,
        );
        const grantId = active.body.items[0].id;
        backend.catalog.annotate(
          REFS.checkout,
          'scale-readiness.io/champions',
          'bob',
        );
        expect(
          (
            await post(
              '/grants',
              body({
                target: collaborator('northwind/cart', 'pull'),
                grantee: REFS.bob,
              }),
            )
          ).status,
        ).toBe(403);
        expect((await post(`/grants/${grantId}/revoke`, {})).status).toBe(403);
        expect((await post(`/grants/${grantId}/revoke`, {}, BOB)).status).toBe(
          200,
        );
        backend.catalog.annotate(
          REFS.checkout,
          'scale-readiness.io/champions',
          'alice, carol',
        );
      });

      it('revokes early, keeps the audit log and measures time-to-access', async () => {
        const created = await post(
          '/grants',
          body({
            target: collaborator('northwind/checkout-api', 'triage'),
            grantee: REFS.bob,
            durationHours: 1,
          }),
        );
        expect(created.status).toBe(201);
        const id = created.body.grant.id;
        const revoked = await post(`/grants/${id}/revoke`, { reason: 'done' });
        expect(revoked.status).toBe(200);
        expect(revoked.body.grant).toMatchObject({
          state: 'revoked',
          revokeReason: 'early',
          revokedBy: REFS.alice,
        });
        expect(
          executor.access.has(
            `repository:collaborator:northwind/checkout-api|${REFS.bob}`,
          ),
        ).toBe(false);
        // revoking again answers the final grant
        expect((await post(`/grants/${id}/revoke`, {})).body.grant.state).toBe(
          'revoked',
        );

        const audit = await get(`/grants/${id}/audit`);
        expect(
          audit.body.items
            .map((a: any) => [a.action, a.fromState, a.toState])
            .reverse(),
        ).toEqual([
          ['created', null, 'requested'],
          ['prior-recorded', 'requested', 'requested'],
          ['activated', 'requested', 'active'],
          ['revoke-requested', 'active', 'revoking'],
          ['revoked', 'revoking', 'revoked'],
        ]);
        const teamAudit = await get(
          '/champions/default/checkout-team/audit?limit=500',
        );
        expect(teamAudit.body.items.length).toBeGreaterThanOrEqual(4);
        expect(
          teamAudit.body.items.every((a: any) => a.team === REFS.checkout),
        ).toBe(true);

        const tta = await get(
          '/champions/default/checkout-team/time-to-access',
        );
        const activations = await knex('grants')
          .where('team_ref', REFS.checkout)
          .whereNotNull('activated_at');
        expect(tta.body).toMatchObject({
          team: REFS.checkout,
          windowDays: 90,
          count: activations.length,
          dryRun: false,
        });
        expect(tta.body.medianSeconds).toBeGreaterThanOrEqual(0);
        expect(tta.body.p90Seconds).toBeGreaterThanOrEqual(
          tta.body.medianSeconds,
        );
      });

      it("does not freeze the champion's click-to-active as the team's time-to-access in a review", async () => {
        // Reviews freeze the time to access measured from members' access
        // requests (src/accessRequests); these grants were not requested.
        await backend.runPass();
        const tta = await get(
          '/champions/default/checkout-team/time-to-access',
        );
        expect(tta.body.count).toBeGreaterThan(0);
        const review = await post('/reviews', { title: 'TTA check' });
        expect(review.status).toBe(201);
        const team = await get(
          `/reviews/${review.body.id}/teams/group/default/checkout-team`,
        );
        expect(team.status).toBe(200);
        expect(team.body.team.timeToAccess).toBeUndefined();
      });

      it('lets the permission backend apply team conditions (apply-conditions, metadata)', async () => {
        const service = mockCredentials.service.header();
        const apply = (claims: string[], resourceRef: string = REFS.checkout) =>
          request(backend.server)
            .post(`${API}/.well-known/backstage/permissions/apply-conditions`)
            .set('authorization', service)
            .send({
              items: [
                {
                  id: '1',
                  resourceRef,
                  resourceType: 'scale-readiness-team',
                  conditions: {
                    rule: 'IS_TEAM_CHAMPION',
                    resourceType: 'scale-readiness-team',
                    params: { claims },
                  },
                },
              ],
            });
        expect((await apply([REFS.alice])).body.items).toEqual([
          { id: '1', result: 'ALLOW' },
        ]);
        expect((await apply([REFS.carol])).body.items).toEqual([
          { id: '1', result: 'DENY' },
        ]);
        expect((await apply([REFS.alice], REFS.storefront)).body.items).toEqual(
          [{ id: '1', result: 'DENY' }],
        );
        const metadata = await request(backend.server)
          .get(`${API}/.well-known/backstage/permissions/metadata`)
          .set('authorization', service);
        expect(metadata.body.permissions.map((p: any) => p.name)).toEqual(
          expect.arrayContaining([
            'scale-readiness.grant.create',
            'scale-readiness.grant.revoke',
            'scale-readiness.grant.read',
            'scale-readiness.champion.manage',
          ]),
        );
        expect(metadata.body.rules.map((r: any) => r.name).sort()).toEqual(
          expect.arrayContaining(['IS_TEAM_CHAMPION', 'IS_TEAM_MEMBER']),
        );
      });

      it('limits grants per user and answers 429 with Retry-After', async () => {
        const open = await get(
          `/grants?team=${encodeURIComponent(REFS.checkout)}&state=active`,
        );
        for (const g of open.body.items) {
          expect((await post(`/grants/${g.id}/revoke`, {})).status).toBe(200);
        }
        const made = Number(
          (
            await knex('grants')
              .where('requested_by', REFS.alice)
              .count({ n: '*' })
          )[0].n,
        );
        const remaining = 12 - made;
        expect(remaining).toBeGreaterThan(0);
        let statuses: number[] = [];
        let retryAfter = 0;
        for (let i = 0; i < remaining + 1; i++) {
          const res = await post(
            '/grants',
            body({
              target: collaborator('northwind/cart', 'pull'),
              justification: `Rate limit probe number ${i}`,
            }),
          );
          if (res.status === 201)
            await post(`/grants/${res.body.grant.id}/revoke`, {});
          statuses.push(res.status);
          retryAfter = Number(res.headers['retry-after'] ?? 0);
        }
        statuses = statuses.slice(-2);
        expect(statuses).toEqual([201, 429]);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(3600);
        // a replay of an existing request is not a new grant and is not limited
        const replay = await request(backend.server)
          .post(`${API}/grants`)
          .set('authorization', ALICE)
          .set('idempotency-key', 'form-submit-7f3a9c')
          .send(body({ grantee: REFS.bob }));
        expect(replay.status).toBe(200);
      });
    });

    describe('with no executor installed (embedded default)', () => {
      let backend: GrantsTestBackend;
      let knex: Knex;
      beforeAll(async () => {
        knex = await databases.init(databaseId);
        backend = await startGrantsBackend({ knex, entities: teamCatalog() });
      });
      afterAll(() => backend?.stop());

      it('uses the labelled dry-run executor, and the sweep expires grants', async () => {
        const view = await request(backend.server)
          .get(`${API}/champions/default/checkout-team`)
          .set('authorization', ALICE);
        expect(view.body.executor).toMatchObject({
          id: 'dry-run',
          dryRun: true,
        });
        expect(view.body.executor.label).toMatch(/dry run/i);

        const res = await request(backend.server)
          .post(`${API}/grants`)
          .set('authorization', ALICE)
          .send(body({ durationHours: 0.0002 })); // 0.72 s
        expect(res.status).toBe(201);
        expect(res.body.grant).toMatchObject({
          state: 'active',
          dryRun: true,
          executor: 'dry-run',
        });
        expect(res.body.grant.summary).toBe(
          'Dry run: would give @alice-gh push on northwind/cart',
        );

        expect(backend.sweep).toMatchObject({
          scope: 'global',
          frequency: { minutes: 1 },
        });
        await new Promise(r => setTimeout(r, 1000));
        await backend.sweep.fn(new AbortController().signal);
        const after = await request(backend.server)
          .get(`${API}/grants/${res.body.grant.id}`)
          .set('authorization', ALICE);
        expect(after.body.grant).toMatchObject({
          state: 'expired',
          revokeReason: 'expiry',
        });
        const audit = await knex('grant_audit')
          .where('grant_id', res.body.grant.id)
          .orderBy('id');
        expect(audit.map(a => a.action)).toEqual([
          'created',
          'prior-recorded',
          'activated',
          'expiry-started',
          'expired',
        ]);
        expect(
          audit.slice(3).every(a => a.actor === 'system:grant-sweep'),
        ).toBe(true);
      });
    });
  },
);
