/**
 * Scale-out: several replicas (ReadinessProcessor instances, each with its own
 * database connection pool) share the scoring work through one PostgreSQL
 * database. Scoring is counted per entity at the store (every result handed
 * to `saveClaimedResults`, which the real store then writes).
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory, { type Knex } from 'knex';
import { buildSyntheticCatalog } from '../__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../__testUtils__/InProcessCatalog';
import { DatabaseReadinessStore, type ReadinessStore } from '../database';
import { CatalogFactProvider } from '../providers';
import { DependencyGraph } from './DependencyGraph';
import { ReadinessProcessor } from './ReadinessProcessor';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const BATCH = 5;

const logger = mockServices.logger.mock();
const auth = mockServices.auth({ pluginId: 'scale-readiness' });

/** Entity ref → number of times it was handed to `saveClaimedResults`, per replica. */
type Counts = Map<string, number>;

interface Replica {
  name: string;
  processor: ReadinessProcessor;
  knex: Knex;
  scored: Counts;
}

/** A store that records what it is asked to save, then saves it for real. */
function recording(store: ReadinessStore, scored: Counts): ReadinessStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'saveClaimedResults') {
        return (
          options: Parameters<ReadinessStore['saveClaimedResults']>[0],
        ) => {
          for (const { result } of options.results) {
            scored.set(
              result.entityRef,
              (scored.get(result.entityRef) ?? 0) + 1,
            );
          }
          return target.saveClaimedResults(options);
        };
      }
      return value.bind(target);
    },
  });
}

function total(...counts: Counts[]): Counts {
  const out: Counts = new Map();
  for (const c of counts) {
    for (const [ref, n] of c) out.set(ref, (out.get(ref) ?? 0) + n);
  }
  return out;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe.each(databases.eachSupportedId())('scale-out, %p', databaseId => {
  let shared: Knex;
  let catalog: InProcessCatalog;
  let componentRefs: string[];
  const replicas: Replica[] = [];
  const config = readinessConfigFromAppConfig(undefined);

  async function replica(
    name: string,
    options: { leaseMs?: number; now?: () => Date } = {},
  ): Promise<Replica> {
    // Each replica has its own pool, like a separate backend process.
    const knex = knexFactory({
      ...(shared.client as { config: Knex.Config }).config,
      pool: { min: 0, max: 3 },
    });
    const scored: Counts = new Map();
    const store = recording(
      await DatabaseReadinessStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      }),
      scored,
    );
    const processor = new ReadinessProcessor({
      logger,
      auth,
      catalog: catalog.service,
      store,
      providers: [new CatalogFactProvider()],
      checks: [...BUILTIN_CHECKS],
      config,
      workerId: name,
      batchSize: BATCH,
      leaseMs: options.leaseMs,
      pollMs: 50,
      now: options.now,
    });
    const r = { name, processor, knex, scored };
    replicas.push(r);
    return r;
  }

  /** Runs the pass on `runner` while `others` poll for work like their local worker task. */
  async function passWith(runner: Replica, others: Replica[]) {
    let done = false;
    const workers = others.map(async r => {
      while (!done) {
        await r.processor.runWorker();
        await sleep(2);
      }
    });
    try {
      return await runner.processor.runPass();
    } finally {
      done = true;
      await Promise.all(workers);
    }
  }

  function reset() {
    for (const r of replicas) r.scored.clear();
  }

  async function dirtyCount() {
    const [row] = await shared('entities')
      .where('dirty', true)
      .count({ n: '*' });
    return Number(row.n);
  }

  beforeAll(async () => {
    shared = await databases.init(databaseId);
    const synthetic = buildSyntheticCatalog({
      components: 120,
      manifestsShare: 0,
    });
    catalog = new InProcessCatalog(synthetic.entities);
    componentRefs = synthetic.componentRefs;
  });

  afterAll(async () => {
    for (const r of replicas) await r.knex.destroy().catch(() => {});
  });

  it('says whether the database lets several workers share the work', async () => {
    const store = await DatabaseReadinessStore.create({
      database: { getClient: async () => shared, migrations: { skip: false } },
    });
    expect(store.supportsConcurrentWorkers()).toBe(true);
  });

  it('three replicas score a full pass together, each entity exactly once', async () => {
    const [a, b, c] = [
      await replica('replica-a'),
      await replica('replica-b'),
      await replica('replica-c'),
    ];
    const stats = await passWith(a, [b, c]);
    const scoredRefs = (await shared('entities').select('entity_ref')).map(
      r => r.entity_ref,
    );
    expect(scoredRefs).toHaveLength(132); // 120 components, 12 resources
    const counts = total(a.scored, b.scored, c.scored);
    expect([...counts.keys()].sort()).toEqual([...scoredRefs].sort());
    expect([...counts.values()].every(n => n === 1)).toBe(true);
    // Every replica did a share of the work; the pass replica not all of it.
    for (const r of [a, b, c]) expect(r.scored.size).toBeGreaterThan(0);
    expect(stats.evaluated).toBe(a.scored.size);
    expect(stats.evaluated).toBeLessThan(132);
    expect(await dirtyCount()).toBe(0);
    const [{ n }] = await shared('results').count({ n: '*' });
    expect(Number(n)).toBe(132);
  });

  it('re-scores changed entities and their dependents exactly once on the next pass', async () => {
    reset();
    const [a, b, c] = replicas;
    const changed = componentRefs.filter((_, i) => i % 10 === 3);
    for (const ref of changed) {
      const entity = structuredClone(catalog.get(ref)!);
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        'scale-readiness.io/runbook': `https://runbooks.example.com/v2/${ref}`,
      };
      catalog.put(entity);
    }
    const stats = await passWith(b, [a, c]);
    expect(stats.factsChanged).toBe(changed.length);
    const graph = new DependencyGraph(
      (await shared('entities').select('entity_ref', 'relations')).map(r => ({
        entityRef: r.entity_ref,
        relations: JSON.parse(r.relations),
      })),
    );
    const expected = [...graph.withDependents(changed)].sort();
    const counts = total(a.scored, b.scored, c.scored);
    expect([...counts.keys()].sort()).toEqual(expected);
    expect([...counts.values()].every(n => n === 1)).toBe(true);
    expect(await dirtyCount()).toBe(0);
  });

  it('takes over the claims of a replica killed mid-pass, losing no work', async () => {
    reset();
    const [a, b] = replicas;
    const victim = await replica('replica-killed', { leaseMs: 1000 });
    // Waivers changed: 20 entities need scoring again.
    const marked = componentRefs.slice(40, 60);
    const store = await DatabaseReadinessStore.create({
      database: { getClient: async () => shared, migrations: { skip: true } },
    });
    await store.markDirty(marked, { propagate: false });

    // The victim claims a batch, then its process dies before writing.
    const claims = await victim.processor.worker.claim();
    expect(claims.map(c => c.entityRef)).toEqual(
      [...marked].sort().slice(0, BATCH),
    );
    await victim.knex.destroy();
    const ctx = { graph: new DependencyGraph([]), gateCount: 0 } as never;
    await expect(victim.processor.worker.score(claims, ctx)).rejects.toThrow();

    // The survivors cannot take the live claims ...
    await a.processor.runWorker();
    expect(a.scored.size).toBe(marked.length - BATCH);
    // ... but the pass waits for them and takes them over once the lease expires.
    const stats = await passWith(a, [b]);
    const counts = total(a.scored, b.scored, victim.scored);
    expect([...counts.keys()].sort()).toEqual([...marked].sort());
    expect([...counts.values()].every(n => n === 1)).toBe(true);
    expect(victim.scored.size).toBe(0);
    expect(stats.evaluated + b.scored.size).toBeGreaterThanOrEqual(BATCH);
    expect(await dirtyCount()).toBe(0);
    const rows = await shared('entities')
      .whereIn('entity_ref', marked)
      .whereNotNull('claimed_by')
      .count({ n: '*' });
    expect(Number(rows[0].n)).toBe(0);
  });
});
