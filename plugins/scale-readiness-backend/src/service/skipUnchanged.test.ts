/**
 * Incremental collection (issue 10): a pass skips entities whose catalog etag
 * and provider input keys did not change, yet still notices changes, retries
 * errors, removes deleted entities and leaves derived data alone when its
 * inputs are unchanged. Runs the real processor, store and catalog provider
 * over a synthetic catalog whose entities carry etags (as the catalog's
 * stitcher sets them).
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  type FactContribution,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import { createHash } from 'node:crypto';
import { buildSyntheticCatalog } from '../__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../__testUtils__/InProcessCatalog';
import { DatabaseReadinessStore } from '../database';
import { CatalogFactProvider } from '../providers';
import { ReadinessProcessor } from './ReadinessProcessor';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const logger = mockServices.logger.mock();
const auth = mockServices.auth({ pluginId: 'scale-readiness' });

function withEtag(entity: Entity): Entity {
  const { etag: _old, ...metadata } = entity.metadata;
  entity.metadata.etag = createHash('sha1')
    .update(JSON.stringify({ ...entity, metadata }))
    .digest('hex');
  return entity;
}

/**
 * A provider keyed by one annotation: it records which entities it was asked
 * about, and fails for entities whose annotation says `fail`.
 */
class KeyedProvider implements FactProvider {
  readonly id = 'keyed';
  readonly sections = ['serverless' as const];
  asked: string[] = [];

  async inputKeys(entities: Entity[]) {
    return new Map(
      entities.map(e => [
        stringifyEntityRef(e),
        e.metadata.annotations?.['test/keyed'] ?? 'none',
      ]),
    );
  }

  async collect(entities: Entity[]) {
    const out = new Map<string, FactContribution>();
    for (const e of entities) {
      const ref = stringifyEntityRef(e);
      this.asked.push(ref);
      const value = e.metadata.annotations?.['test/keyed'];
      if (value === 'fail') {
        out.set(ref, {
          serverless: {
            status: 'error',
            source: this.id,
            collectedAt: new Date().toISOString(),
            error: 'boom',
          },
        } as FactContribution);
      }
    }
    return out;
  }
}

describe.each(databases.eachSupportedId())(
  'skipping unchanged inputs, %p',
  databaseId => {
    const synthetic = buildSyntheticCatalog({ components: 40 });
    synthetic.entities.forEach(withEtag);
    const catalog = new InProcessCatalog(synthetic.entities);
    const scoredRefs = synthetic.entities
      .filter(e => ['Component', 'Resource'].includes(e.kind))
      .map(e => stringifyEntityRef(e));
    const keyed = new KeyedProvider();
    const asked = () => keyed.asked.splice(0).sort();
    let store: DatabaseReadinessStore;
    let processor: ReadinessProcessor;
    let knex: Awaited<ReturnType<typeof databases.init>>;
    const [first, second, third] = synthetic.componentRefs;
    const change = (ref: string, annotations: Record<string, string>) => {
      const entity = structuredClone(catalog.get(ref)!);
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        ...annotations,
      };
      catalog.put(withEtag(entity));
    };
    const lastSeen = async (ref: string) =>
      (await store.getEntities([ref])).get(ref)?.lastSeenAt.getTime();
    const rollupsUpdatedAt = async () =>
      (await knex('team_rollups').max({ at: 'updated_at' }))[0].at;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseReadinessStore.create({
        database: {
          getClient: async () => knex,
          migrations: { skip: false },
        },
      });
      processor = new ReadinessProcessor({
        logger,
        auth,
        catalog: catalog.service,
        store,
        providers: [new CatalogFactProvider(), keyed],
        checks: [...BUILTIN_CHECKS],
        config: readinessConfigFromAppConfig(undefined),
      });
    });

    it('collects everything on the first pass', async () => {
      const stats = await processor.runPass();
      expect(stats.entities).toBe(scoredRefs.length);
      expect(stats.evaluated).toBe(scoredRefs.length);
      expect(asked()).toEqual([...scoredRefs].sort());
    });

    it('asks no provider and rewrites nothing when no etag changed', async () => {
      const seen = await lastSeen(first);
      const rollups = await rollupsUpdatedAt();
      const stats = await processor.runPass();
      expect(stats).toMatchObject({
        factsChanged: 0,
        deleted: 0,
        evaluated: 0,
        resultsWritten: 0,
      });
      expect(asked()).toEqual([]);
      // Base facts are not rewritten, and the team rollups not recomputed.
      expect(await lastSeen(first)).toBe(seen);
      expect(await rollupsUpdatedAt()).toEqual(rollups);
    });

    it('collects an entity again when its input key changes', async () => {
      change(first, { 'test/keyed': 'v2' });
      const stats = await processor.runPass();
      expect(asked()).toEqual([first]);
      // The etag changed but the facts did not: nothing to score.
      expect(stats.factsChanged).toBe(0);
      expect(stats.evaluated).toBe(0);
    });

    it('rebuilds base facts when the etag changes', async () => {
      change(second, { 'scale-readiness.io/runbook': 'https://r.example/x' });
      const stats = await processor.runPass();
      // The keyed provider's key is unchanged: it is not asked.
      expect(asked()).toEqual([]);
      expect(stats.factsChanged).toBeGreaterThanOrEqual(1);
      expect(stats.evaluated).toBeGreaterThanOrEqual(1);
      expect(
        (await store.getEntities([second])).get(second)?.base,
      ).toMatchObject({ entityRef: second });
    });

    it('asks again for an entity whose facts were an error', async () => {
      change(third, { 'test/keyed': 'fail' });
      await processor.runPass();
      expect(asked()).toEqual([third]);
      await processor.runPass();
      expect(asked()).toEqual([third]);
    });

    it('reads every source again on an explicit refresh', async () => {
      await processor.refreshEntity(second);
      expect(asked()).toEqual([second]);
    });

    it('still removes entities that left the catalog', async () => {
      catalog.remove(first);
      const stats = await processor.runPass();
      expect(stats.deleted).toBe(1);
      expect((await store.getEntities([first])).size).toBe(0);
      expect((await store.getEntities([second])).size).toBe(1);
    });

    it('recomputes the rollups when the growth factor changes', async () => {
      const rollups = await rollupsUpdatedAt();
      const other = new ReadinessProcessor({
        logger,
        auth,
        catalog: catalog.service,
        store,
        providers: [new CatalogFactProvider(), keyed],
        checks: [...BUILTIN_CHECKS],
        config: { ...readinessConfigFromAppConfig(undefined), growthFactor: 7 },
      });
      await other.runPass();
      expect(await rollupsUpdatedAt()).not.toEqual(rollups);
    });
  },
);
