/**
 * Route × caller matrix of access requests, waivers, sign-offs and reviews,
 * through the real plugin, with the dev portal's policy in small (operators
 * start reviews; team reads go to members; champion decisions are
 * conditional on the team) and services allowed by the permission framework
 * as Backstage does (`ServerPermissionClient` never asks a policy about a
 * service principal). Grants have their own matrix (grants/router.matrix.test.ts).
 *
 * Callers: champion, member, non-member, operator, service principal, a
 * service acting on behalf of the champion, and anonymous. The test prints
 * the counts of routes × callers it ran.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { scaleReadinessGrantCreatePermission } from '@scale-readiness/plugin-scale-readiness-common';
import request from 'supertest';
import { RecordingExecutor } from './grants/__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
  type TestPolicy,
} from './grants/__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from './grants/__testUtils__/teamCatalog';
import {
  createScaleReadinessTeamConditionalDecision,
  scaleReadinessTeamConditions,
} from './teams';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
/** Second champion of checkout (approves waivers the first one asked for). */
const ERIN = 'user:default/erin';
/** Member of the operator group in the policy below; of no team. */
const OLIVIA = 'user:default/olivia';

const CALLERS = {
  champion: mockCredentials.user.header(REFS.alice),
  member: mockCredentials.user.header(REFS.bob),
  'non-member': mockCredentials.user.header(REFS.mallory),
  operator: mockCredentials.user.header(OLIVIA),
  service: mockCredentials.service.header(),
  'service on behalf of the champion': `Bearer ${mockCredentials.user.token(
    REFS.alice,
    { actor: { subject: 'plugin:some-plugin' } },
  )}`,
  anonymous: mockCredentials.none.header(),
} as const;
type Caller = keyof typeof CALLERS;
const CALLER_NAMES = Object.keys(CALLERS) as Caller[];

/** The dev portal's policy, as far as these routes need it. */
const portalPolicy: TestPolicy = (name, caller) => {
  if (caller?.type === 'service') return { result: AuthorizeResult.ALLOW };
  const claims = caller?.userEntityRef ? [caller.userEntityRef] : [];
  const operator = claims.includes(OLIVIA);
  if (
    name === 'scale-readiness.review.create' ||
    name === 'scale-readiness.champion.manage'
  ) {
    return { result: operator ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  const team = (rule: 'isTeamChampion' | 'isTeamMember'): PolicyDecision =>
    createScaleReadinessTeamConditionalDecision(
      { ...scaleReadinessGrantCreatePermission, name },
      scaleReadinessTeamConditions[rule]({ claims }),
    );
  if (
    [
      'scale-readiness.grant.create',
      'scale-readiness.access-request.decide',
    ].includes(name)
  ) {
    return team('isTeamChampion');
  }
  if (name.startsWith('scale-readiness.access-request.')) {
    return operator ? { result: AuthorizeResult.ALLOW } : team('isTeamMember');
  }
  return { result: AuthorizeResult.ALLOW };
};

/** The demo catalog with a second champion of checkout (erin). */
function catalog(): Entity[] {
  return teamCatalog()
    .map(e => {
      if (e.kind !== 'Group' || e.metadata.name !== 'checkout-team') return e;
      return {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: {
            ...e.metadata.annotations,
            'scale-readiness.io/champions': 'alice, carol, erin',
          },
        },
        relations: [
          ...(e.relations ?? []),
          { type: 'hasMember', targetRef: ERIN },
        ],
      };
    })
    .concat({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'erin', namespace: 'default' },
      spec: { profile: { displayName: 'ERIN' }, memberOf: ['checkout-team'] },
      relations: [{ type: 'memberOf', targetRef: REFS.checkout }],
    });
}

/** Expected status per caller: `ok` for the allowed ones, 403 (401 anonymous) for the rest. */
function expect401or403(allowed: Caller[], ok: number) {
  return (caller: Caller) => {
    if (allowed.includes(caller)) return ok;
    return caller === 'anonymous' ? 401 : 403;
  };
}

const USERS_AND_SERVICES: Caller[] = [
  'champion',
  'member',
  'non-member',
  'operator',
  'service',
  'service on behalf of the champion',
];

interface MatrixRoute {
  name: string;
  /** Makes the resource the call needs; returns method, path and body. */
  prepare(): Promise<['get' | 'post' | 'delete', string, object?]>;
  status(caller: Caller): number;
}

describe.each(databases.eachSupportedId())(
  'requests, waivers, sign-offs and reviews × callers, %p',
  databaseId => {
    let backend: GrantsTestBackend;
    let n = 0;
    const call = (
      method: 'get' | 'post' | 'delete',
      path: string,
      auth: string | undefined,
      body?: object,
    ) => {
      let r = request(backend.server)[method](`${API}${path}`);
      if (auth) r = r.set('authorization', auth);
      return body ? r.send(body) : r;
    };
    const asAlice = CALLERS.champion;
    const made = async (
      res: request.Response | Promise<request.Response>,
      status: number | number[] = 201,
    ) => {
      const r = await res;
      if (![status].flat().includes(r.status)) {
        throw new Error(`Setup failed: ${r.status} ${JSON.stringify(r.body)}`);
      }
      return r.body;
    };
    const askAccess = async (auth: string = CALLERS.member) =>
      (
        await made(
          call('post', '/access-requests', auth, {
            team: REFS.checkout,
            target: {
              kind: 'repository',
              via: 'collaborator',
              repository: 'northwind/cart',
              permission: 'pull',
            },
            durationHours: 1 + (++n % 20),
            justification: `Matrix access request ${n}`,
          }),
          // 200: the member's pending request for this target, again
          [200, 201],
        )
      ).request.id as string;
    const CHECKS = ['docs.runbook', 'docs.onboarding', 'docs.techdocs'];
    /** A pending waiver asked for by alice (revoking any open one first). */
    const askWaiver = async () => {
      const entityRef = 'component:default/cart';
      const checkId = CHECKS[++n % CHECKS.length];
      const open = await made(
        call('get', `/waivers?entityRef=${entityRef}`, asAlice),
        200,
      );
      for (const w of open.items) {
        if (w.checkId === checkId && ['active', 'pending'].includes(w.status))
          await made(call('delete', `/waivers/${w.id}`, asAlice), 200);
      }
      return (
        await made(
          call('post', '/waivers', asAlice, {
            entityRef,
            checkId,
            reason: `Matrix waiver ${n}`,
          }),
        )
      ).id as string;
    };
    const startReview = async () =>
      (
        await made(
          call('post', '/reviews', CALLERS.service, { title: `Review ${++n}` }),
        )
      ).id as string;
    const signOffPath = (id: string) =>
      `/reviews/${id}/teams/group/default/checkout-team/sign-offs`;

    const routes: MatrixRoute[] = [
      {
        name: 'POST /access-requests',
        prepare: async () => [
          'post',
          '/access-requests',
          {
            team: REFS.checkout,
            target: {
              kind: 'repository',
              via: 'collaborator',
              repository: 'northwind/cart',
              permission: 'pull',
            },
            durationHours: 1 + (++n % 20),
            justification: `Matrix access request ${n}`,
          },
        ],
        status: expect401or403(['champion', 'member'], 201),
      },
      {
        name: 'GET /access-requests?team=',
        prepare: async () => [
          'get',
          `/access-requests?team=${encodeURIComponent(REFS.checkout)}`,
        ],
        status: expect401or403(
          [
            'champion',
            'member',
            'operator',
            'service',
            'service on behalf of the champion',
          ],
          200,
        ),
      },
      {
        name: 'POST /access-requests/:id/approve',
        prepare: async () => [
          'post',
          `/access-requests/${await askAccess()}/approve`,
          {},
        ],
        status: expect401or403(['champion'], 200),
      },
      {
        name: 'POST /access-requests/:id/deny',
        prepare: async () => [
          'post',
          `/access-requests/${await askAccess()}/deny`,
          { comment: 'Not needed for this work' },
        ],
        status: expect401or403(['champion'], 200),
      },
      {
        name: 'GET /waivers',
        prepare: async () => ['get', '/waivers'],
        status: expect401or403(USERS_AND_SERVICES, 200),
      },
      {
        name: 'POST /waivers',
        prepare: async () => {
          await askWaiver().then(id =>
            made(call('delete', `/waivers/${id}`, asAlice), 200),
          );
          return [
            'post',
            '/waivers',
            {
              entityRef: 'component:default/cart',
              checkId: CHECKS[n % CHECKS.length],
              reason: `Matrix waiver ${n}`,
            },
          ];
        },
        status: expect401or403(['champion'], 201),
      },
      {
        name: 'POST /waivers/:id/approve',
        prepare: async () => [
          'post',
          `/waivers/${await askWaiver()}/approve`,
          {},
        ],
        // alice asked for it: none of these callers may approve it (the
        // second champion's approval is the test below)
        status: expect401or403([], 200),
      },
      {
        name: 'DELETE /waivers/:id',
        prepare: async () => ['delete', `/waivers/${await askWaiver()}`],
        status: expect401or403(['champion'], 200),
      },
      {
        name: 'GET /reviews',
        prepare: async () => ['get', '/reviews'],
        status: expect401or403(USERS_AND_SERVICES, 200),
      },
      {
        name: 'POST /reviews',
        prepare: async () => ['post', '/reviews', { title: `Matrix ${++n}` }],
        status: expect401or403(['operator', 'service'], 201),
      },
      {
        name: 'POST /reviews/:id/teams/:kind/:namespace/:name/sign-offs',
        prepare: async () => [
          'post',
          signOffPath(await startReview()),
          { comment: 'ok' },
        ],
        status: expect401or403(['champion', 'member'], 201),
      },
    ];

    beforeAll(async () => {
      backend = await startGrantsBackend({
        knex: await databases.init(databaseId),
        entities: catalog(),
        executor: new RecordingExecutor(),
        config: {
          scaleReadiness: {
            grants: { rateLimit: { requests: 1000 } },
            rateLimits: { reviewCreate: { requests: 1000 } },
          },
        },
      });
      await backend.runPass();
      backend.setPolicy(portalPolicy);
    });
    afterAll(() => backend?.stop());

    const ran: string[] = [];
    afterAll(() => {
      // eslint-disable-next-line no-console
      console.log(
        `route × caller matrix (${databaseId}): ${routes.length} routes × ${CALLER_NAMES.length} callers = ${ran.length} calls`,
      );
    });

    it.each(routes.map(r => [r.name, r] as const))(
      '%s',
      async (_name, route) => {
        const answers: string[] = [];
        const expected: string[] = [];
        for (const caller of CALLER_NAMES) {
          const [method, path, body] = await route.prepare();
          const res = await call(method, path, CALLERS[caller], body);
          ran.push(`${route.name} ${caller}`);
          answers.push(`${caller} ${res.status}`);
          expected.push(`${caller} ${route.status(caller)}`);
        }
        expect(answers).toEqual(expected);
      },
    );

    it('a waiver is approved by a second champion, not by its requester', async () => {
      const id = await askWaiver();
      const own = await call('post', `/waivers/${id}/approve`, asAlice, {});
      expect(own.status).toBe(403);
      const byMember = await call(
        'post',
        `/waivers/${id}/approve`,
        CALLERS.member,
        {},
      );
      expect(byMember.status).toBe(403);
      const byErin = await call(
        'post',
        `/waivers/${id}/approve`,
        mockCredentials.user.header(ERIN),
        {},
      );
      expect(byErin.status).toBe(200);
      expect(byErin.body).toMatchObject({
        status: 'active',
        approvedBy: ERIN,
        requestedBy: REFS.alice,
      });
    });
  },
);
