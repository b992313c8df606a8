/**
 * Route × caller matrix of champion actions, through the real plugin: every
 * grant/revoke route refuses non-champions, service principals, services
 * acting on behalf of a champion, and anonymous callers, whatever the
 * permission policy says (allow-all, i.e. as with permissions disabled),
 * and the policy can only narrow (DENY, conditional) what champions may do.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { scaleReadinessGrantCreatePermission } from '@scale-readiness/plugin-scale-readiness-common';
import { RecordingExecutor } from './__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from './__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from './__testUtils__/teamCatalog';
import {
  createScaleReadinessTeamConditionalDecision,
  scaleReadinessTeamConditions,
} from '../teams';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';

const CALLERS: Record<string, string | undefined> = {
  champion: mockCredentials.user.header(REFS.alice),
  'team member (not champion)': mockCredentials.user.header(REFS.bob),
  'declared champion who is not a member': mockCredentials.user.header(
    REFS.carol,
  ),
  "other team's champion": mockCredentials.user.header(REFS.dave),
  'user outside the team': mockCredentials.user.header(REFS.mallory),
  'service principal': mockCredentials.service.header(),
  'service on behalf of the champion': `Bearer ${mockCredentials.user.token(
    REFS.alice,
    { actor: { subject: 'plugin:some-plugin' } },
  )}`,
  anonymous: mockCredentials.none.header(),
};

function expectedWriteStatus(caller: string, okStatus: number): number {
  if (caller === 'champion') return okStatus;
  return caller === 'anonymous' ? 401 : 403;
}

/** Operator routes: users the policy allows; never services; 401 without credentials. */
function operatorStatus(caller: string): number {
  if (caller === 'anonymous') return 401;
  return ['service principal', 'service on behalf of the champion'].includes(
    caller,
  )
    ? 403
    : 200;
}

const grantBody = (n: number) => ({
  team: REFS.checkout,
  target: {
    kind: 'repository',
    via: 'collaborator',
    repository: 'northwind/cart',
    permission: 'push',
  },
  grantee: n % 2 ? REFS.alice : REFS.bob,
  durationHours: 4 + n,
  justification: `Matrix test request number ${n}`,
});

/** What the documented policy (docs/examples) returns, built with the exported helpers. */
function conditional(claims: string[]): PolicyDecision {
  return createScaleReadinessTeamConditionalDecision(
    scaleReadinessGrantCreatePermission,
    scaleReadinessTeamConditions.isTeamChampion({ claims }),
  );
}

describe.each(databases.eachSupportedId())(
  'grant routes × callers, %p',
  databaseId => {
    let backend: GrantsTestBackend;
    let knex: Knex;
    const executor = new RecordingExecutor();
    const call = (
      method: 'get' | 'post',
      path: string,
      auth: string | undefined,
      body?: object,
    ) => {
      let r = request(backend.server)[method](`${API}${path}`);
      if (auth) r = r.set('authorization', auth);
      return body ? r.send(body) : r;
    };
    const champion = CALLERS.champion;
    const grantRows = async () =>
      Number((await knex('grants').count({ n: '*' }))[0].n);
    const createActive = async (n: number) => {
      const res = await call('post', '/grants', champion, grantBody(n));
      expect(res.status).toBe(201);
      expect(res.body.grant.state).toBe('active');
      return res.body.grant.id as string;
    };
    const revokeActive = async (id: string) => {
      const res = await call('post', `/grants/${id}/revoke`, champion, {});
      expect(res.status).toBe(200);
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startGrantsBackend({
        knex,
        entities: teamCatalog(),
        executor,
        config: {
          scaleReadiness: { grants: { rateLimit: { requests: 1000 } } },
        },
      });
    });
    afterAll(() => backend?.stop());
    afterEach(() =>
      backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW })),
    );

    describe('with an allow-all policy (as with permissions disabled)', () => {
      it.each(Object.keys(CALLERS))('POST /grants as %s', async caller => {
        const before = await grantRows();
        const writes = executor.grantWrites;
        const res = await call(
          'post',
          '/grants',
          CALLERS[caller],
          grantBody(1),
        );
        const byChampion = caller === 'champion';
        expect(res.status).toBe(expectedWriteStatus(caller, 201));
        expect(res.body.grant?.state).toBe(byChampion ? 'active' : undefined);
        expect(await grantRows()).toBe(before + (byChampion ? 1 : 0));
        expect(executor.grantWrites).toBe(writes + (byChampion ? 1 : 0));
        if (byChampion) await revokeActive(res.body.grant.id);
      });

      it.each(Object.keys(CALLERS))(
        'POST /grants/:id/revoke as %s',
        async caller => {
          const id = await createActive(2);
          const res = await call(
            'post',
            `/grants/${id}/revoke`,
            CALLERS[caller],
            {},
          );
          expect(res.status).toBe(expectedWriteStatus(caller, 200));
          const after = await call('get', `/grants/${id}`, champion);
          expect(after.body.grant.state).toBe(
            caller === 'champion' ? 'revoked' : 'active',
          );
          if (caller !== 'champion') await revokeActive(id);
        },
      );

      it.each(Object.keys(CALLERS))('read routes as %s', async caller => {
        const id = await createActive(3);
        const paths = [
          '/champions/default/checkout-team',
          '/champions/default/checkout-team/time-to-access',
          '/champions/default/checkout-team/audit',
          `/grants?team=${encodeURIComponent(REFS.checkout)}`,
          `/grants/${id}`,
          `/grants/${id}/audit`,
        ];
        for (const path of paths) {
          const res = await call('get', path, CALLERS[caller]);
          expect([path, res.status]).toEqual([
            path,
            caller === 'anonymous' ? 401 : 200,
          ]);
        }
        await revokeActive(id);
      });

      it.each(Object.keys(CALLERS))('operator routes as %s', async caller => {
        for (const [method, path] of [
          ['get', '/champions'],
          ['post', '/champions/reconcile'],
        ] as const) {
          const res = await call(
            method,
            path,
            CALLERS[caller],
            method === 'post' ? {} : undefined,
          );
          expect([path, res.status]).toEqual([path, operatorStatus(caller)]);
        }
      });
    });

    describe('with a DENY policy', () => {
      it.each(Object.keys(CALLERS))('every route refuses %s', async caller => {
        const id = await createActive(4);
        backend.setPolicy(() => ({ result: AuthorizeResult.DENY }));
        const routes: Array<['get' | 'post', string, object?]> = [
          ['post', '/grants', grantBody(5)],
          ['post', `/grants/${id}/revoke`, {}],
          ['get', `/grants/${id}`],
          ['get', `/grants?team=${encodeURIComponent(REFS.checkout)}`],
          ['get', '/champions/default/checkout-team'],
          ['get', '/champions'],
        ];
        for (const [method, path, body] of routes) {
          const res = await call(method, path, CALLERS[caller], body);
          expect([path, res.status]).toEqual([
            path,
            caller === 'anonymous' ? 401 : 403,
          ]);
        }
        backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
        await revokeActive(id);
      });
    });

    describe('with a conditional policy (IS_TEAM_CHAMPION)', () => {
      it('applies the condition to the team read from the catalog', async () => {
        // claims of the champion: allowed
        backend.setPolicy(name =>
          name === 'scale-readiness.grant.create'
            ? conditional([REFS.alice])
            : { result: AuthorizeResult.ALLOW },
        );
        const ok = await call('post', '/grants', champion, grantBody(6));
        expect(ok.status).toBe(201);
        await revokeActive(ok.body.grant.id);

        // a condition that no champion meets refuses even the champion
        backend.setPolicy(name =>
          name === 'scale-readiness.grant.create'
            ? conditional([REFS.bob])
            : { result: AuthorizeResult.ALLOW },
        );
        const refused = await call('post', '/grants', champion, grantBody(7));
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /scale-readiness.grant.create/,
        );
        expect(backend.permissionsAsked).toContain(
          'scale-readiness.grant.create',
        );
      });
    });
  },
);
