/**
 * Issue 18: a pass fetches the entities the catalog provider reads (owners,
 * champions, APIs, resources, systems) with `fields` (`kind`, `metadata`)
 * to compute input keys, and in full only to collect for entities whose key
 * changed. Runs the real processor, store and catalog provider over a
 * synthetic catalog whose entities carry etags, with a catalog that projects
 * `fields` like the real one.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BUILTIN_CHECKS,
  type OwnershipFacts,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import { createHash } from 'node:crypto';
import { buildSyntheticCatalog } from '../__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../__testUtils__/InProcessCatalog';
import { DatabaseReadinessStore } from '../database';
import { CatalogFactProvider } from '../providers';
import { ReadinessProcessor } from './ReadinessProcessor';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function withEtag(entity: Entity): Entity {
  const { etag: _old, ...metadata } = entity.metadata;
  entity.metadata.etag = createHash('sha1')
    .update(JSON.stringify({ ...entity, metadata }))
    .digest('hex');
  return entity;
}

/** The catalog service, recording the refs of every lookup by `fields`. */
function recording(catalog: InProcessCatalog) {
  const lookups: Array<{ refs: string[]; fields?: string[] }> = [];
  const service = new Proxy(catalog.service, {
    get: (target, prop) => {
      const value = (target as any)[prop];
      if (prop !== 'getEntitiesByRefs') return value;
      return (request: { entityRefs: string[]; fields?: string[] }) => {
        lookups.push({ refs: request.entityRefs, fields: request.fields });
        return value(request);
      };
    },
  }) as CatalogService;
  const take = () => {
    const all = lookups.splice(0);
    return {
      full: all.filter(l => !l.fields).flatMap(l => l.refs),
      projected: all.filter(l => l.fields).flatMap(l => l.refs),
      fields: [...new Set(all.map(l => JSON.stringify(l.fields ?? null)))],
    };
  };
  return { service, take };
}

describe.each(databases.eachSupportedId())(
  'related entities by fields, %p',
  databaseId => {
    const synthetic = buildSyntheticCatalog({ components: 40 });
    synthetic.entities.forEach(withEtag);
    const catalog = new InProcessCatalog(synthetic.entities);
    const lookups = recording(catalog);
    const component = synthetic.componentRefs[0];
    const ownerRef = catalog
      .get(component)!
      .relations!.find(r => r.type === 'ownedBy')!.targetRef;
    const owned = synthetic.entities
      .filter(e => e.relations?.some(r => r.targetRef === ownerRef))
      .map(e => stringifyEntityRef(e));
    let store: DatabaseReadinessStore;
    let processor: ReadinessProcessor;
    const ownership = async (ref: string) =>
      (await store.getProviderFacts('catalog', [ref])).get(ref)?.ownership
        ?.value as OwnershipFacts | undefined;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      processor = new ReadinessProcessor({
        logger: mockServices.logger.mock(),
        auth: mockServices.auth({ pluginId: 'scale-readiness' }),
        catalog: lookups.service,
        store,
        providers: [new CatalogFactProvider()],
        checks: [...BUILTIN_CHECKS],
        config: readinessConfigFromAppConfig(undefined),
      });
    });

    it('collects everything on the first pass, with full related entities', async () => {
      await processor.runPass();
      const { full, fields } = lookups.take();
      expect(full).toContain(ownerRef);
      expect(fields).toEqual(
        expect.arrayContaining([JSON.stringify(['kind', 'metadata'])]),
      );
      expect((await ownership(component))?.memberCount).toBe(2);
    });

    it('fetches no related entity in full when no etag changed', async () => {
      const stats = await processor.runPass();
      expect(stats.factsChanged).toBe(0);
      const { full, projected } = lookups.take();
      expect(full).toEqual([]);
      expect(projected).toContain(ownerRef);
    });

    it('collects the dependents of a related entity whose spec changed, from the full entity', async () => {
      // Only the group's spec changes (one more member); the catalog gives it
      // a new etag.
      const group = structuredClone(catalog.get(ownerRef)!);
      const spec = group.spec as { members: string[] };
      spec.members = [...spec.members, 'newcomer'];
      catalog.put(withEtag(group));

      const stats = await processor.runPass();
      expect(stats.factsChanged).toBeGreaterThanOrEqual(1);
      // Membership is read from the group's spec, which the keys' lookups
      // leave out: the facts come from the group in full.
      expect((await ownership(component))?.memberCount).toBe(3);

      // In full: only what the owned entities read (the owner, its
      // champions, their APIs, resources and systems), not the catalog.
      const { full } = lookups.take();
      expect(full).toContain(ownerRef);
      const otherGroups = full.filter(
        ref => ref.startsWith('group:') && ref !== ownerRef,
      );
      expect(otherGroups.length).toBeLessThanOrEqual(owned.length);
      expect(new Set(full).size).toBeLessThan(synthetic.entities.length / 4);
    });
  },
);
