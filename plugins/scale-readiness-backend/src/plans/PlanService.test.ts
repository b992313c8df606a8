import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ConfigReader } from '@backstage/config';
import { MutableCatalog } from '../__testUtils__/MutableCatalog';
import { buildFixtureCatalog } from '../__fixtures__/readinessCatalog';
import { databaseServiceFor } from '../database/testFixtures';
import { RouteSupport } from '../http';
import { migratedClient } from '../database/migrate';
import { TeamDirectory } from '../teams';
import { DatabasePlanStore } from './DatabasePlanStore';
import { PlanAccess } from './PlanAccess';
import { DEFAULT_LEAD_TIME_DAYS } from './planConfig';
import { PlanService } from './PlanService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BROKEN = 'component:default/unreachable';
/** An API nobody provides yet: a plan over it scores nothing. */
const FEED = 'api:default/partner-feed';

/** The fixture catalog; lookups of BROKEN fail like an unreachable catalog. */
function catalogFailingOn(ref: string): CatalogService {
  const catalog = new MutableCatalog(buildFixtureCatalog('/nowhere'));
  catalog.put({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'partner-feed', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'platform' },
  });
  const inner = catalog.service;
  return new Proxy(inner, {
    get: (target, prop) => {
      const value = (target as any)[prop];
      if (prop !== 'getEntitiesByRefs') return value;
      return async (request: { entityRefs: string[] }, options: unknown) => {
        if (request.entityRefs.includes(ref)) {
          throw new ServiceUnavailableError('catalog: 503 Service Unavailable');
        }
        return value.call(target, request, options);
      };
    },
  });
}

describe.each(databases.eachSupportedId())('PlanService, %p', id => {
  let store: DatabasePlanStore;
  let service: PlanService;
  const alice = mockCredentials.user('user:default/alice');

  beforeAll(async () => {
    const knex = await databases.init(id);
    store = new DatabasePlanStore(
      await migratedClient(databaseServiceFor(knex)),
    );
    const catalog = catalogFailingOn(BROKEN);
    const auth = mockServices.auth();
    const config = new ConfigReader({});
    const support = new RouteSupport({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
    });
    service = new PlanService({
      store,
      catalog,
      auth,
      access: new PlanAccess({
        support,
        catalog,
        auth,
        config,
        directory: new TeamDirectory({
          catalog,
          auth,
          configChampions: new Map(),
        }),
      }),
      // every plan here reaches only an API without providers: nothing to score
      score: async () => {
        throw new Error('nothing should be scored in these tests');
      },
      waiverId: async () => undefined,
      settings: { leadTimeDays: { ...DEFAULT_LEAD_TIME_DAYS } },
      logger: mockServices.logger.mock(),
    });
  });

  const input = (entryPoints: string[]) => ({
    title: 'Launch',
    date: '2026-12-20',
    growthFactor: 3,
    entryPoints,
  });

  it('stores nothing when the catalog fails while a plan is created', async () => {
    await expect(service.create(input([BROKEN]), alice)).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(await store.list()).toEqual([]);
  });

  it('snapshots each open plan once a day and goes on after a plan that fails', async () => {
    const ok = await service.create(input([FEED]), alice);
    expect(ok.verdict).toBe('unknown');
    // a plan whose entry point the catalog cannot serve any more
    const broken = await service.create(input([FEED]), alice);
    await store.update(broken.id, { entryPoints: [BROKEN] }, new Date());
    const frozenLater = await service.create(input([FEED]), alice);
    await store.archive(frozenLater.id, new Date());

    expect(await service.snapshot()).toEqual([ok.id]);
    expect(await service.snapshot()).toEqual([ok.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await store.history(ok.id)).toEqual([
      { day: today, openItems: 0, weakestHeadroom: null },
    ]);
    expect(await store.history(broken.id)).toEqual([]);
    expect(await store.history(frozenLater.id)).toEqual([]);
  });
});
