/**
 * Trust boundaries through the real plugin: the one JSON body limit, the
 * same 400 for a malformed group ref everywhere, GitHub organisations outside
 * `scaleReadiness.access.allowedOrganizations` refused before any executor
 * call, and rights only from catalog entities of trusted sources.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { RecordingExecutor } from './grants/__testUtils__/RecordingExecutor';
import {
  type GrantsTestBackend,
  startGrantsBackend,
} from './grants/__testUtils__/startGrantsBackend';
import { REFS, teamCatalog } from './grants/__testUtils__/teamCatalog';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/scale-readiness';
const alice = mockCredentials.user.header(REFS.alice);
const TRUSTED = 'url:https://github.com/northwind/org/blob/main/';

/** Marks an entity as read from a location. */
function from(location: string, entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
  };
}

const grantBody = (repository: string) => ({
  team: REFS.checkout,
  target: {
    kind: 'repository',
    via: 'collaborator',
    repository,
    permission: 'push',
  },
  durationHours: 4,
  justification: 'Trust boundary test grant',
});

describe.each(databases.eachSupportedId())(
  'trust boundaries, %p',
  databaseId => {
    let backend: GrantsTestBackend;
    const executor = new RecordingExecutor();
    const post = (path: string, body: unknown) =>
      request(backend.server)
        .post(`${API}${path}`)
        .set('authorization', alice)
        .send(body as object);

    beforeAll(async () => {
      const entities = teamCatalog().map(e => from(`${TRUSTED}org.yaml`, e));
      entities.push(
        from(`${TRUSTED}org.yaml`, {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'vendor-tool',
            namespace: 'default',
            annotations: { 'github.com/project-slug': 'othercorp/tool' },
          },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: 'checkout-team',
          },
          relations: [{ type: 'ownedBy', targetRef: REFS.checkout }],
        }),
      );
      backend = await startGrantsBackend({
        knex: await databases.init(databaseId),
        entities,
        executor,
        config: {
          scaleReadiness: {
            access: {
              allowedOrganizations: ['Northwind'],
              trustedSources: [TRUSTED],
            },
            rateLimits: {
              refresh: { requests: 2, windowMinutes: 10 },
              simulate: { requests: 2, windowMinutes: 10 },
              reviewCreate: { requests: 1, windowMinutes: 60 },
              planCreate: { requests: 1, windowMinutes: 60 },
            },
          },
        },
      });
    });
    afterAll(() => backend?.stop());

    it('answers 413 to a 200 KB body on every mutation', async () => {
      const big = { justification: 'x'.repeat(200 * 1024) };
      for (const path of ['/grants', '/waivers', '/reviews', '/simulate']) {
        const res = await post(path, big);
        expect([path, res.status]).toEqual([path, 413]);
      }
    });

    it('answers 400 to a malformed group ref on every route that takes one', async () => {
      const get = (path: string) =>
        request(backend.server)
          .get(`${API}${path}`)
          .set('authorization', alice);
      expect((await get('/grants?team=group:default/Bad!')).status).toBe(400);
      expect((await get('/champions/default/bad!')).status).toBe(400);
      expect((await get('/teams/default/bad!')).status).toBe(400);
      expect(
        (
          await post('/grants', {
            ...grantBody('northwind/cart'),
            team: 'group:x/bad!',
          })
        ).status,
      ).toBe(400);
    });

    it('limits refresh, simulate, review and plan creation per user: 429 with Retry-After', async () => {
      const limited = async (path: string, body: object, allowed: number) => {
        for (let i = 0; i < allowed; i++) {
          const r = await post(path, body);
          expect([path, r.status]).not.toEqual([path, 429]);
        }
        const res = await post(path, body);
        expect([path, res.status]).toEqual([path, 429]);
        expect(Number(res.header['retry-after'])).toBeGreaterThan(0);
        // another user has their own budget
        const bob = await request(backend.server)
          .post(`${API}${path}`)
          .set('authorization', mockCredentials.user.header(REFS.bob))
          .send(body);
        expect([path, bob.status]).not.toEqual([path, 429]);
      };
      await limited('/entities/component/default/cart/refresh', {}, 2);
      await limited('/simulate', { growthFactor: 2, team: REFS.checkout }, 2);
      await limited('/reviews', { title: 'Limit test' }, 1);
      await limited(
        '/plans',
        {
          title: 'Limit test',
          date: '2026-12-31',
          growthFactor: 2,
          entryPoints: ['component:default/cart'],
        },
        1,
      );
    });

    it('refuses grants to an organisation outside allowedOrganizations before any executor call', async () => {
      const writes = executor.grantWrites;
      const refused = await post('/grants', grantBody('othercorp/tool'));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/othercorp/);
      expect(executor.grantWrites).toBe(writes);
      const allowed = await post('/grants', grantBody('northwind/cart'));
      expect(allowed.status).toBe(201);
      expect(executor.grantWrites).toBe(writes + 1);
    });

    it('takes champion and member rights only from trusted sources', async () => {
      // mallory registers her own location declaring herself a member and
      // champion of checkout: nothing changes
      backend.catalog.put(
        from('url:https://github.com/mallory/evil/blob/main/me.yaml', {
          ...backend.catalog.get(REFS.mallory),
          spec: { memberOf: ['checkout-team'] },
        }),
      );
      const group = backend.catalog.get(REFS.checkout);
      backend.catalog.put({
        ...group,
        metadata: {
          ...group.metadata,
          annotations: {
            ...group.metadata.annotations,
            'scale-readiness.io/champions': 'alice, mallory',
          },
        },
        relations: [
          ...(group.relations ?? []),
          { type: 'hasMember', targetRef: REFS.mallory },
        ],
      });
      const asMallory = await request(backend.server)
        .post(`${API}/grants`)
        .set('authorization', mockCredentials.user.header(REFS.mallory))
        .send(grantBody('northwind/cart'));
      expect(asMallory.status).toBe(403);
      const view = await request(backend.server)
        .get(`${API}/champions/default/checkout-team`)
        .set('authorization', alice);
      expect(view.body.members).not.toContain(REFS.mallory);

      // the whole group from an untrusted location confers nothing
      backend.catalog.put(
        from('url:https://github.com/mallory/evil/blob/main/g.yaml', group),
      );
      const asAlice = await post('/grants', grantBody('northwind/cart'));
      expect(asAlice.status).toBe(403);
      backend.catalog.put(group);
    });
  },
);
