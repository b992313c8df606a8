import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type CheckDefinition,
  indexWaivers,
  type ReadinessConfig,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactStore, ResultStore, WorkQueueStore } from '../database';
import type { ClaimedEntity } from '../database/ReadinessStore';
import { DependencyGraph } from './DependencyGraph';
import type { MergedFactsCache } from './MergedFactsCache';
import { type ScoreContext, scoreClaims } from './scoreClaims';

/** Name of the gate held while facts are collected; nothing is claimed meanwhile. */
export const COLLECT_GATE = 'collect';

/** What a worker did. */
export interface ScoringStats {
  /** Entities scored (results computed) by this worker. */
  evaluated: number;
  resultsWritten: number;
  historyAdded: number;
  /**
   * Results not written because the claim was lost (lease ran out and another
   * worker took over) or the entity changed while it was scored.
   */
  resultsDiscarded: number;
  /** Batches claimed. */
  batches: number;
}

/** Options of {@link ScoringWorker}. */
export interface ScoringWorkerOptions {
  store: WorkQueueStore & FactStore & ResultStore;
  checks: CheckDefinition[];
  config: ReadinessConfig;
  /** Recorded with every evaluation; entities scored with another one are re-scored. */
  inputHash: string;
  logger: LoggerService;
  /** Unique per worker (replica); claims are held in its name. */
  workerId: string;
  /** Entities claimed at once. Default 500. */
  batchSize?: number;
  /** How long a claim lasts; a crashed worker's claims are taken over after it. Default 2 minutes. */
  leaseMs?: number;
  /**
   * Batches this worker scores at once (each claims its own). Two overlap the
   * database writes of one batch with the evaluation of the next. Default 2.
   */
  lanes?: number;
  /** How often `drain({ settle: true })` looks for claims of other workers to finish. Default 500 ms. */
  pollMs?: number;
  now?: () => Date;
  /** Waivers to apply (valid ones mark results `waived`). */
  waivers?: () => Promise<Waiver[]>;
  /** Merged facts the collector of this process just wrote, read before the store. */
  factsCache?: MergedFactsCache;
}

export const EMPTY_STATS: ScoringStats = {
  evaluated: 0,
  resultsWritten: 0,
  historyAdded: 0,
  resultsDiscarded: 0,
  batches: 0,
};

/**
 * Scores dirty entities in claimed batches. Every replica runs one; they
 * share the work through the database: a batch is claimed with a lease
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL), scored, written and released. A
 * worker that dies mid-batch loses nothing: its lease expires and another
 * worker claims the entities again.
 *
 * Scoring an entity needs the own results of everything it depends on (its
 * chain), so a batch evaluates the dependency closure of its entities; own
 * results of dependencies are cached as small chain nodes, keyed by the
 * entity's generation, so they are computed about once per worker.
 */
export class ScoringWorker {
  readonly #options: ScoringWorkerOptions;
  readonly #cache: ScoreContext['cache'] = new Map();

  constructor(options: ScoringWorkerOptions) {
    this.#options = options;
  }

  get workerId(): string {
    return this.#options.workerId;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Claims the next batch (nothing while facts are being collected), or the given refs. */
  async claim(
    options: { entityRefs?: string[] } = {},
  ): Promise<ClaimedEntity[]> {
    const { store, workerId } = this.#options;
    return store.claimDirty({
      workerId,
      limit: options.entityRefs?.length ?? this.#options.batchSize ?? 500,
      leaseMs: this.#options.leaseMs ?? 120_000,
      now: this.#now(),
      ...(options.entityRefs
        ? { entityRefs: options.entityRefs }
        : { gate: COLLECT_GATE }),
    });
  }

  /** A scoring context: graph, waivers, time, and the gate count the graph is valid for. */
  async prepare(graph?: DependencyGraph): Promise<ScoreContext> {
    const { store, waivers } = this.#options;
    const gate = await store.getGate(COLLECT_GATE);
    const now = this.#now();
    // A graph read while facts are collected is incomplete: reload it before
    // scoring (see `score`).
    const collecting = !graph && gate && gate.until > now;
    return {
      graph: graph ?? new DependencyGraph(await store.listEntityGraph()),
      gateCount: collecting ? -1 : gate?.closedCount ?? 0,
      now,
      waiverIndex: indexWaivers(await waivers?.(), now),
      cache: this.#cache,
    };
  }

  /**
   * Scores claimed entities, writes their results and completes the claims.
   * On failure the claims are released (retried by any worker after a minute).
   */
  async score(
    claims: ClaimedEntity[],
    ctx: ScoreContext,
  ): Promise<ScoringStats> {
    const { store, workerId } = this.#options;
    if (claims.length === 0) return { ...EMPTY_STATS };
    try {
      // A pass finished since the graph was read: relations may have changed.
      const gate = await store.getGate(COLLECT_GATE);
      if ((gate?.closedCount ?? 0) !== ctx.gateCount) {
        ctx.graph = new DependencyGraph(await store.listEntityGraph());
        ctx.gateCount = gate?.closedCount ?? 0;
      }
      const saved = await scoreClaims(claims, ctx, this.#options);
      if (saved.resultsDiscarded > 0) {
        this.#options.logger.info(
          `Scale readiness: worker ${workerId} discarded ${saved.resultsDiscarded} results whose claim it lost or whose inputs changed meanwhile`,
        );
      }
      return { ...saved, batches: 1 };
    } catch (error) {
      await this.#release(claims);
      throw error;
    }
  }

  /** Releases claims after a failure; any worker retries them after a minute. */
  async #release(claims: ClaimedEntity[]): Promise<void> {
    await this.#options.store
      .releaseClaims({
        workerId: this.#options.workerId,
        entityRefs: claims.map(c => c.entityRef),
        retryAt: new Date(this.#now().getTime() + 60_000),
      })
      .catch(() => {});
  }

  /**
   * Claims and scores batches until nothing is left to claim; the scoring
   * context (graph, waivers) is read only once there is a claim, so an idle
   * tick costs a claim query. With `settle`,
   * then waits until the claims other workers hold are finished too (taking
   * over those whose lease expires), up to `settleTimeoutMs`.
   */
  async drain(
    options: {
      graph?: DependencyGraph;
      settle?: boolean;
      settleTimeoutMs?: number;
      signal?: AbortSignal;
    } = {},
  ): Promise<ScoringStats> {
    const { store, workerId, logger } = this.#options;
    const stats = { ...EMPTY_STATS };
    // Prepared on the first claim: an idle tick reads no graph or waivers.
    let preparing: Promise<ScoreContext> | undefined;
    const context = () => (preparing ??= this.prepare(options.graph));
    const deadline =
      Date.now() +
      (options.settleTimeoutMs ?? (this.#options.leaseMs ?? 120_000) * 2);
    let failed = false;
    const lane = async () => {
      while (!failed && !options.signal?.aborted) {
        const claims = await this.claim();
        if (claims.length === 0) return;
        let shared: ScoreContext;
        try {
          shared = await context();
        } catch (error) {
          failed = true;
          await this.#release(claims);
          throw error;
        }
        // Own time per batch; a graph reloaded by `score` is kept for the next.
        const batch = { ...shared, now: this.#now() };
        try {
          add(stats, await this.score(claims, batch));
        } catch (error) {
          failed = true; // the other lanes stop after their batch
          throw error;
        }
        shared.graph = batch.graph;
        shared.gateCount = batch.gateCount;
      }
    };
    const lanes = Math.max(1, Math.floor(this.#options.lanes ?? 2));
    for (;;) {
      if (options.signal?.aborted) break;
      // Claims never overlap (SKIP LOCKED; one writer on SQLite), so lanes
      // only share the chain node cache.
      const settled = await Promise.allSettled(
        Array.from({ length: lanes }, lane),
      );
      const rejected = settled.find(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (rejected) throw rejected.reason;
      if (options.signal?.aborted || !options.settle) break;
      const pending = await store.countPending({ workerId, now: this.#now() });
      if (pending.claimedByOthers === 0) break;
      if (Date.now() > deadline) {
        logger.warn(
          `Scale readiness: ${pending.claimedByOthers} entities are still claimed by other workers; not waiting any longer`,
        );
        break;
      }
      await sleep(this.#options.pollMs ?? 500);
    }
    return stats;
  }
}

function add(into: ScoringStats, more: ScoringStats) {
  into.evaluated += more.evaluated;
  into.resultsWritten += more.resultsWritten;
  into.historyAdded += more.historyAdded;
  into.resultsDiscarded += more.resultsDiscarded;
  into.batches += more.batches;
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
