/**
 * Every route of the plugin refuses a DENY policy with 403, except /health.
 * The routes are read from the Express router stack of the running plugin
 * (`listRoutes`), so a route added later is covered without being listed
 * here; only the sample ids its path needs may have to be added.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { listRoutes } from './__testUtils__/listRoutes';
import { RecordingExecutor } from './grants/__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from './grants/__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from './grants/__testUtils__/teamCatalog';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';

/** Setup must have created the sample resource (fails the suite otherwise). */
function created(res: { status: number; body: unknown }) {
  if (res.status !== 201) {
    throw new Error(`Setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
const alice = mockCredentials.user.header(REFS.alice);

describe.each(databases.eachSupportedId())(
  'DENY on every route, %p',
  databaseId => {
    let backend: GrantsTestBackend;
    const ids: Record<string, string> = {};

    const call = (method: string, path: string, auth = alice) =>
      (request(backend.server) as any)
        [method](`${API}${path}`)
        .set('authorization', auth)
        .send({});

    beforeAll(async () => {
      backend = await startGrantsBackend({
        knex: await databases.init(databaseId),
        entities: teamCatalog(),
        executor: new RecordingExecutor(),
      });
      await backend.runPass();
      // one of each resource, made while everything is allowed
      const grant = await call('post', '/grants').send({
        team: REFS.checkout,
        target: {
          kind: 'repository',
          via: 'collaborator',
          repository: 'northwind/cart',
          permission: 'push',
        },
        durationHours: 4,
        justification: 'Sample grant of the DENY test',
      });
      created(grant);
      ids.grants = grant.body.grant.id;
      const review = await call('post', '/reviews').send({ title: 'Sample' });
      created(review);
      ids.reviews = review.body.id;
      const waiver = await call('post', '/waivers').send({
        entityRef: 'component:default/cart',
        checkId: 'docs.runbook',
        reason: 'Sample waiver of the DENY test',
      });
      created(waiver);
      ids.waivers = waiver.body.id;
      const asked = await call(
        'post',
        '/access-requests',
        mockCredentials.user.header(REFS.bob),
      ).send({
        team: REFS.checkout,
        target: {
          kind: 'repository',
          via: 'collaborator',
          repository: 'northwind/cart',
          permission: 'pull',
        },
        durationHours: 4,
        justification: 'Sample access request of the DENY test',
      });
      created(asked);
      ids['access-requests'] = asked.body.request.id;
      const plan = await call('post', '/plans').send({
        title: 'Sample plan of the DENY test',
        date: '2026-12-31',
        growthFactor: 2,
        entryPoints: ['component:default/cart'],
      });
      created(plan);
      ids.plans = plan.body.plan.id;
    });
    afterAll(() => backend?.stop());

    /**
     * The plugin's own routes: the framework's routes on the plugin router
     * (`/.backstage/auth`, `/.well-known/backstage/permissions`) are Backstage's,
     * and so is `/openapi.json`, the API description that
     * `@backstage/backend-openapi-utils` serves (no data, any valid token).
     */
    const ownRoutes = () =>
      listRoutes(backend.server as any, API).filter(
        r =>
          !/^\/\.(backstage|well-known)\//.test(r.path) &&
          r.path !== '/openapi.json',
      );

    /** A concrete path for a route pattern (sample ids and refs). */
    function concrete(pattern: string): string {
      const feature = pattern.split('/')[1];
      return pattern
        .replace(
          ':kind',
          pattern.startsWith('/reviews') ? 'group' : 'component',
        )
        .replace(':namespace', 'default')
        .replace(
          ':name',
          pattern.startsWith('/entities') ? 'cart' : 'checkout-team',
        )
        .replace(':id', () => {
          if (!ids[feature]) {
            throw new Error(
              `No sample id for ${pattern}: create one ${feature} in beforeAll`,
            );
          }
          return ids[feature];
        });
    }

    it('finds the routes of every router in the stack', () => {
      const routes = ownRoutes().map(r => `${r.method} ${r.path}`);
      expect(routes).toEqual(
        expect.arrayContaining([
          'get /health',
          'post /entities/:kind/:namespace/:name/refresh',
          'post /grants',
          'post /champions/reconcile',
          'post /reviews',
          'delete /waivers/:id',
        ]),
      );
      // 35 when written (7 results, 13 reviews, 5 waivers, 10 champion
      // actions), 43 with access requests
      expect(routes.length).toBeGreaterThanOrEqual(43);
    });

    it.each([
      ['the champion', alice],
      ['a service principal', mockCredentials.service.header()],
    ])('answers 403 to %s on every route but /health', async (_who, auth) => {
      backend.setPolicy(() => ({ result: AuthorizeResult.DENY }));
      const routes = ownRoutes();
      const answers: string[] = [];
      for (const route of routes) {
        const path = concrete(route.path);
        const res = await call(route.method, path, auth);
        answers.push(`${route.method} ${route.path} ${res.status}`);
      }
      expect(answers).toEqual(
        routes.map(
          r => `${r.method} ${r.path} ${r.path === '/health' ? 200 : 403}`,
        ),
      );
      backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
    });
  },
);
