/**
 * Scoring from what was just collected (issue 18, item 5): a pass scores the
 * facts its collector inserted from memory, with the same results as a pass
 * that reads them back, and never from facts a later write replaced. Real
 * processor, collector, worker and store (SQLite and PostgreSQL); the store is
 * wrapped only to count the facts it reads.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import { buildSyntheticCatalog } from '../__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../__testUtils__/InProcessCatalog';
import { DatabaseReadinessStore, type ReadinessStore } from '../database';
import { databaseServiceFor } from '../database/testFixtures';
import { CatalogFactProvider } from '../providers';
import { CachedCatalogLookup } from './CachedCatalogLookup';
import { FactCollector } from './FactCollector';
import { MergedFactsCache } from './MergedFactsCache';
import { ReadinessProcessor, SCORED_KINDS } from './ReadinessProcessor';
import { ScoringWorker } from './ScoringWorker';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-12-05T09:00:00Z');
const config = readinessConfigFromAppConfig(undefined);

const logger = mockServices.logger.mock();
const auth = mockServices.auth({ pluginId: 'scale-readiness' });

/** The store, counting the entities whose facts are read. */
function countingFactReads(store: ReadinessStore) {
  const reads = { refs: 0 };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'getFacts') {
        return (refs: string[]) => {
          reads.refs += refs.length;
          return value.call(target, refs);
        };
      }
      return value.bind(target);
    },
  });
  return { store: proxy as ReadinessStore, reads };
}

function scored(entities: Entity[]) {
  return entities.filter(e => SCORED_KINDS.includes(e.kind));
}

describe.each(databases.eachSupportedId())(
  'merged facts cache, %p',
  databaseId => {
    const synthetic = buildSyntheticCatalog({ components: 30 });
    const refs = scored(synthetic.entities).map(e => stringifyEntityRef(e));

    async function newStore() {
      return DatabaseReadinessStore.create({
        database: databaseServiceFor(await databases.init(databaseId)),
      });
    }

    async function results(store: ReadinessStore) {
      const out = new Map<string, unknown>();
      for (const ref of refs)
        out.set(ref, (await store.getResult(ref))?.result);
      return out;
    }

    it('scores a pass the same with and without the cache, reading fewer facts with it', async () => {
      const runs = [];
      for (const factsCacheBytes of [undefined, 0]) {
        const catalog = new InProcessCatalog(
          structuredClone(synthetic.entities),
        );
        const counted = countingFactReads(await newStore());
        const processor = new ReadinessProcessor({
          logger,
          auth,
          catalog: catalog.service,
          store: counted.store,
          providers: [new CatalogFactProvider()],
          checks: [...BUILTIN_CHECKS],
          config,
          now: () => T0,
          factsCacheBytes,
          // One lane: with two, how the dirty entities split between
          // concurrent batches (and so which dependencies both read) depends
          // on timing, and so does the number of facts read.
          lanes: 1,
        });
        const first = await processor.runPass();
        const firstReads = counted.reads.refs;
        // a second pass with a changed entity (stored before: read back)
        const entity = structuredClone(catalog.get(refs[0])!);
        entity.metadata.title = 'Renamed';
        catalog.put(entity);
        const second = await processor.runPass();
        runs.push({
          first,
          second,
          firstReads,
          secondReads: counted.reads.refs - firstReads,
          results: await results(counted.store),
        });
      }
      const [withCache, without] = runs;
      expect(withCache.first.evaluated).toBe(refs.length);
      expect(withCache.second.evaluated).toBeGreaterThan(0);
      expect(withCache.results.get(refs[0])).toMatchObject({
        title: 'Renamed',
      });
      expect(withCache.results).toEqual(without.results);
      expect(without.firstReads).toBeGreaterThanOrEqual(refs.length);
      // every entity was inserted by the pass: nothing is read back
      expect(withCache.firstReads).toBe(0);
      // nothing was inserted by the second pass: every entity it scores is
      // read back, as without the cache
      expect(withCache.second.evaluated).toBe(without.second.evaluated);
      expect(withCache.secondReads).toBeGreaterThanOrEqual(
        withCache.second.evaluated,
      );
      expect(withCache.secondReads).toBe(without.secondReads);
    });

    it('never serves facts that a later write replaced', async () => {
      const store = await newStore();
      const factsCache = new MergedFactsCache();
      const catalog = new InProcessCatalog(structuredClone(synthetic.entities));
      const credentials = await auth.getOwnServiceCredentials();
      const collector = new FactCollector({
        store,
        providers: [new CatalogFactProvider()],
        logger,
        now: () => T0,
        factsCache,
      });
      const worker = new ScoringWorker({
        store,
        checks: [...BUILTIN_CHECKS],
        config,
        inputHash: 'inputs-v1',
        logger,
        workerId: 'worker-a',
        now: () => T0,
        factsCache,
      });
      const page = scored(synthetic.entities);
      const lookup = new CachedCatalogLookup(catalog.service, credentials);
      await collector.collectPage(page, lookup, T0);
      const [first, second] = refs;
      expect(factsCache.stats.entries).toBe(refs.length);

      // This process writes `first` again (an explicit refresh): forgotten.
      const renamed = structuredClone(page[0]);
      renamed.metadata.title = 'Refreshed here';
      await collector.collectPage([renamed], lookup, T0, { force: true });
      expect(factsCache.get(first, 1)).toBeUndefined();

      // Another process writes `second`: its generation moves on.
      const stored = (await store.getEntities([second])).get(second)!;
      await store.upsertEntities(
        [
          {
            entityRef: second,
            kind: stored.kind,
            ownerRef: stored.ownerRef,
            base: { ...stored.base, title: 'Written elsewhere' },
          },
        ],
        T0,
      );

      expect((await worker.drain()).evaluated).toBe(refs.length);
      expect((await store.getResult(first))?.result.title).toBe(
        'Refreshed here',
      );
      expect((await store.getResult(second))?.result.title).toBe(
        'Written elsewhere',
      );
      // the others were scored from memory
      expect(factsCache.stats.hits).toBeGreaterThanOrEqual(refs.length - 2);
    });
  },
);
