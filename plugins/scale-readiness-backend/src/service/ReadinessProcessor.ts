import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type CheckDefinition,
  type EntityResult,
  type ReadinessConfig,
  stableHash,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { ReadinessStore } from '../database';
import { CachedCatalogLookup } from './CachedCatalogLookup';
import { DependencyGraph } from './DependencyGraph';
import { FactCollector, GROUPS_STATE, PAGE_SIZE } from './FactCollector';
import { MergedFactsCache } from './MergedFactsCache';
import {
  COLLECT_GATE,
  ScoringWorker,
  type ScoringStats,
} from './ScoringWorker';

/** Pass-state name of the signature the team rollups were computed from. */
const ROLLUPS_STATE = 'rollups';

/** Kinds that are scored. APIs only link consumers to providers. */
export const SCORED_KINDS = ['Component', 'Resource'];
/** Bumped when the scoring code changes so that every entity is scored again. */
const SCORING_VERSION = 2;
/**
 * Pages (of `PAGE_SIZE`) that share one catalog lookup cache (groups, users, systems that
 * providers look up); a fresh cache after that bounds memory.
 */
const PAGES_PER_LOOKUP = 20;

/** Statistics of one pass, logged and shown by `/health`. */
export interface PassStats {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Time spent collecting facts and marking (the collect gate was closed). */
  collectMs: number;
  entities: number;
  groups: number;
  factsChanged: number;
  deleted: number;
  /** Entities scored by this replica during the pass (others may have scored more). */
  evaluated: number;
  resultsWritten: number;
  historyAdded: number;
  /** Results this replica discarded because it lost the claim or the inputs changed meanwhile. */
  resultsDiscarded: number;
  /** Batches this replica claimed. */
  batches: number;
  /** The worker id of this replica. */
  workerId: string;
}

/** Options of {@link ReadinessProcessor}. */
export interface ReadinessProcessorOptions {
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  store: ReadinessStore;
  providers: FactProvider[];
  checks: CheckDefinition[];
  config: ReadinessConfig;
  now?: () => Date;
  /** Waivers to apply (valid ones mark results `waived`; expired ones are ignored). */
  waivers?: () => Promise<Waiver[]>;
  /** Unique id of this replica's worker. Default: host name, pid and a random suffix. */
  workerId?: string;
  /** Entities a worker claims at once. Default 500. */
  batchSize?: number;
  /** Lease of a claim. Default 2 minutes. */
  leaseMs?: number;
  /** Batches this replica's worker scores concurrently. Default 2. */
  lanes?: number;
  /** Longest time the collect gate stays closed if this replica dies while collecting. Default 10 minutes. */
  collectLeaseMs?: number;
  /** Poll interval while waiting for other replicas' claims. Default 500 ms. */
  pollMs?: number;
  /**
   * Bound of the merged facts a pass keeps in memory between collecting and
   * scoring (`scaleReadiness.processing.factsCacheBytes`). Default 48 MiB; 0
   * reads every entity's facts back from the database.
   */
  factsCacheBytes?: number;
}

/**
 * The scoring pass and this replica's scoring worker.
 *
 * A pass (run by one replica at a time, a global scheduled task) collects
 * facts for every scored catalog entity while the collect gate is closed; the
 * store marks entities whose inputs changed dirty. It then removes deleted
 * entities, marks everything that transitively depends on a changed or
 * deleted entity (and everything, when the configuration changed) and opens
 * the gate. Every replica's {@link ScoringWorker} then claims and scores dirty
 * entities in batches; the pass's replica works along and waits for the
 * others before it recomputes the team rollups. Nothing is scored when
 * nothing changed; unchanged results are not rewritten.
 */
export class ReadinessProcessor {
  readonly #options: ReadinessProcessorOptions;
  readonly #inputHash: string;
  readonly #collector: FactCollector;
  readonly #worker: ScoringWorker;
  readonly #factsCache: MergedFactsCache;
  #lastPass: PassStats | undefined;

  constructor(options: ReadinessProcessorOptions) {
    this.#options = options;
    this.#inputHash = stableHash({
      version: SCORING_VERSION,
      config: options.config,
      checks: options.checks.map(c => c.id),
    });
    const now = () => this.#now();
    const factsCache = new MergedFactsCache({
      maxBytes: options.factsCacheBytes,
    });
    this.#factsCache = factsCache;
    this.#collector = new FactCollector({ ...options, now, factsCache });
    this.#worker = new ScoringWorker({
      ...options,
      now,
      factsCache,
      inputHash: this.#inputHash,
      workerId:
        options.workerId ??
        `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    });
  }

  get lastPass(): PassStats | undefined {
    return this.#lastPass;
  }

  /** This replica's scoring worker. */
  get worker(): ScoringWorker {
    return this.#worker;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  async #credentials(): Promise<BackstageCredentials> {
    return this.#options.auth.getOwnServiceCredentials();
  }

  /** One full pass: groups, facts, cleanup, marking, then scoring with the other replicas. */
  async runPass(options: { signal?: AbortSignal } = {}): Promise<PassStats> {
    const { logger, store } = this.#options;
    const started = this.#now();
    const workerId = this.#worker.workerId;
    const before = new DependencyGraph(await store.listEntityGraph());
    await store.closeGate({
      name: COLLECT_GATE,
      holder: workerId,
      until: new Date(
        started.getTime() + (this.#options.collectLeaseMs ?? 600_000),
      ),
    });
    // Merged facts live from this pass's collection to its scoring only:
    // entity generations restart at 1 when an entity is deleted and added
    // again, which another replica's pass may do between two of ours.
    this.#factsCache.clear();
    const cacheBefore = this.#factsCache.stats;
    let collected;
    let collectMs: number;
    let scoring: ScoringStats;
    try {
      try {
        collected = await this.#collectAndMark(started, before);
      } finally {
        await store.openGate({
          name: COLLECT_GATE,
          holder: workerId,
          at: this.#now(),
        });
      }
      collectMs = this.#now().getTime() - started.getTime();
      scoring = await this.#worker.drain({
        graph: collected.graph,
        settle: true,
        signal: options.signal,
      });
    } finally {
      const { hits, misses } = this.#factsCache.stats;
      logger.debug(
        `Scale readiness pass: merged facts read from memory ${
          hits - cacheBefore.hits
        } times, from the database ${misses - cacheBefore.misses} times`,
      );
      this.#factsCache.clear();
    }
    await this.#recomputeRollups();

    const finished = this.#now();
    const stats: PassStats = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      collectMs,
      entities: collected.entities,
      groups: collected.groups,
      factsChanged: collected.factsChanged,
      deleted: collected.deleted,
      ...scoring,
      workerId,
    };
    this.#lastPass = stats;
    logger.info(
      `Scale readiness pass: ${stats.entities} entities, ${stats.factsChanged} changed, ` +
        `${stats.deleted} deleted, ${stats.evaluated} evaluated here in ${stats.batches} batches, ` +
        `${stats.resultsWritten} results written in ${stats.durationMs} ms`,
    );
    return stats;
  }

  /**
   * Scores whatever is dirty (between passes, e.g. after a waiver changed);
   * run by every replica on a short local schedule. Does nothing while a pass
   * collects facts.
   */
  async runWorker(
    options: { signal?: AbortSignal } = {},
  ): Promise<ScoringStats> {
    return this.#worker.drain({ signal: options.signal });
  }

  async #collectAndMark(started: Date, before: DependencyGraph) {
    const { logger, catalog, store } = this.#options;
    const credentials = await this.#credentials();
    let lookup = new CachedCatalogLookup(catalog, credentials);
    const groups = await this.#collector.syncGroups(catalog, credentials);
    let entities = 0;
    const changedPerPage: number[] = [];
    let pages = 0;
    // Unchanged entities are not rewritten (their `last_seen_at` stays old):
    // cleanup keeps whatever this pass saw.
    const seen = new Set<string>();
    let inFlight: Promise<void> | undefined;
    for await (const page of catalog.streamEntities(
      { filter: { kind: SCORED_KINDS }, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      entities += page.length;
      for (const entity of page) seen.add(stringifyEntityRef(entity));
      // Two pages in flight: one page's writes overlap the next page's
      // providers (pages hold disjoint entities).
      const current = this.#collector
        .collectPage(page, lookup, started)
        .then(changed => {
          changedPerPage.push(changed.length);
        });
      current.catch(() => {}); // awaited below
      if (inFlight) await inFlight;
      inFlight = current;
      if (++pages % PAGES_PER_LOOKUP === 0) {
        lookup = new CachedCatalogLookup(catalog, credentials);
      }
    }
    if (inFlight) await inFlight;
    const factsChanged = changedPerPage.reduce((a, b) => a + b, 0);

    // An empty catalog page stream usually means the catalog is still
    // ingesting (fresh start) or unreachable: never wipe results because of it.
    const deleted =
      entities > 0
        ? await store.deleteEntitiesNotSeenSince(started, { seen })
        : [];
    if (entities === 0) {
      logger.warn('Scale readiness pass saw no entities; skipping cleanup');
    }
    // Relations change only with an entity's base facts (counted in
    // `factsChanged`) or a deletion: otherwise the graph read before holds.
    const graph =
      factsChanged === 0 && deleted.length === 0
        ? before
        : new DependencyGraph(await store.listEntityGraph());
    this.#factsCache.invalidate(deleted);
    if (deleted.length > 0) {
      // Dependents of deleted entities are only known from the old graph.
      await store.markDirty([...before.withDependents(deleted)]);
    }
    await store.markDirtyUnlessInputHash(this.#inputHash);
    // Dependents through old and new relations: an edge that disappeared
    // still changes the chain of whoever had it.
    await store.takePropagation(seeds => [
      ...before.withDependents(seeds),
      ...graph.withDependents(seeds),
    ]);
    return { graph, entities, groups, factsChanged, deleted: deleted.length };
  }

  /**
   * Collects and scores one entity now, with its dependents.
   * @returns the new result, or undefined when the entity is not in the catalog
   */
  async refreshEntity(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<EntityResult | undefined> {
    const { catalog, store } = this.#options;
    const creds = credentials ?? (await this.#credentials());
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: creds,
    });
    if (!entity || !SCORED_KINDS.includes(entity.kind)) {
      return undefined;
    }
    const lookup = new CachedCatalogLookup(catalog, await this.#credentials());
    // An explicit refresh reads every source again, whatever the keys say.
    await this.#collector.collectPage([entity], lookup, this.#now(), {
      force: true,
    });
    const graph = new DependencyGraph(await store.listEntityGraph());
    const refs = [...graph.withDependents([entityRef])];
    // Its own dependents are scored right here; leave `propagate` to the pass
    // only for entities that were already flagged.
    await store.markDirty(refs, { propagate: false });
    const claims = await this.#worker.claim({ entityRefs: refs });
    await this.#worker.score(claims, await this.#worker.prepare(graph));
    await this.#recomputeRollups();
    return (await store.getResult(entityRef))?.result;
  }

  /**
   * Recomputes the team rollups unless their inputs (results, groups, growth
   * factor) are what they were computed from last time.
   */
  async #recomputeRollups(): Promise<void> {
    const { store, config } = this.#options;
    const [groups, results, previous] = await Promise.all([
      store.getPassState(GROUPS_STATE),
      store.getResultsSignature(),
      store.getPassState(ROLLUPS_STATE),
    ]);
    const signature = `${config.growthFactor}|${groups ?? ''}|${results}`;
    if (previous === signature) return;
    const at = this.#now();
    await store.recomputeTeamRollups({ growthFactor: config.growthFactor, at });
    await store.setPassState(ROLLUPS_STATE, signature, at);
  }
}
