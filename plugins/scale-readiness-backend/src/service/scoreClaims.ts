import {
  type ChainNode,
  type ChainResult,
  type CheckDefinition,
  computeChains,
  type EntityResult,
  evaluateEntity,
  levelFor,
  levelSummaryOf,
  type ReadinessConfig,
  type WaiverIndex,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  FactStore,
  ResultInput,
  ResultStore,
  WorkQueueStore,
} from '../database';
import { hashText } from '../database/util';
import type { ClaimedEntity } from '../database/ReadinessStore';
import type { DependencyGraph } from './DependencyGraph';
import { loadMergedFacts } from './loadMergedFacts';
import type { MergedFactsCache } from './MergedFactsCache';
import { toScorecardRow } from './scorecardRow';

/** Facts are read in chunks of this many entities. */
const LOAD_CHUNK = 500;
/** The chain node cache is dropped when it grows beyond this many entities. */
const MAX_CACHED_NODES = 250_000;

/** State shared by the batches of one worker's drain. */
export interface ScoreContext {
  graph: DependencyGraph;
  /** `closedCount` of the collect gate when `graph` was read. */
  gateCount: number;
  now: Date;
  waiverIndex: WaiverIndex;
  /** Chain nodes (own headroom + relations) by ref, valid for one generation. */
  cache: Map<string, { generation: number; node: ChainNode }>;
}

/**
 * Scores claimed entities: own results of the claimed entities and of their
 * whole dependency closure (cached nodes where the generation is unchanged),
 * chains over that closure, levels; writes the results and completes the
 * claims (see `ReadinessStore.saveClaimedResults`).
 */
export async function scoreClaims(
  claims: ClaimedEntity[],
  ctx: ScoreContext,
  options: {
    store: WorkQueueStore & FactStore & ResultStore;
    checks: CheckDefinition[];
    config: ReadinessConfig;
    /** Holder of the claims; results are written only while it holds them. */
    workerId: string;
    /** Recorded with the completed claims. */
    inputHash: string;
    /** Merged facts this process just collected (read before the store). */
    factsCache?: MergedFactsCache;
  },
): Promise<{
  evaluated: number;
  resultsWritten: number;
  historyAdded: number;
  resultsDiscarded: number;
}> {
  const { store, checks, config } = options;
  const { cache } = ctx;
  const claimedGen = new Map(claims.map(c => [c.entityRef, c.generation]));
  const scope = ctx.graph.withDependencies(claimedGen.keys());
  const others = [...scope].filter(ref => !claimedGen.has(ref));
  const generations = await store.getGenerations(others);
  const stale = others.filter(
    ref => cache.get(ref)?.generation !== generations.get(ref),
  );
  if (cache.size + stale.length + claims.length > MAX_CACHED_NODES) {
    cache.clear();
    stale.splice(0, stale.length, ...others);
  }

  const evalOptions = { checks, now: ctx.now, waiverIndex: ctx.waiverIndex };
  const own = new Map<string, EntityResult>();
  const toLoad = [...claimedGen.keys(), ...stale];
  for (let i = 0; i < toLoad.length; i += LOAD_CHUNK) {
    for (const facts of await loadMergedFacts(
      store,
      toLoad.slice(i, i + LOAD_CHUNK),
      options.factsCache && {
        cache: options.factsCache,
        generationOf: ref => claimedGen.get(ref) ?? generations.get(ref),
      },
    )) {
      const result = evaluateEntity(facts, config, evalOptions);
      const ref = facts.entityRef;
      cache.set(ref, {
        generation: claimedGen.get(ref) ?? generations.get(ref) ?? -1,
        node: {
          entityRef: ref,
          relations: facts.relations,
          ownHeadroom: result.ownHeadroom,
        },
      });
      if (claimedGen.has(ref)) own.set(ref, result);
    }
  }

  // Claimed entities that are not in the graph yet (new since it was read) are
  // chained over what is known about them.
  const nodes: ChainNode[] = [];
  const seen = new Set<string>();
  for (const ref of [...scope, ...own.keys()]) {
    const node = cache.get(ref)?.node;
    if (node && !seen.has(ref)) {
      seen.add(ref);
      nodes.push(node);
    }
  }
  const chains = new Map<string, ChainResult>();
  computeChains(nodes).forEach((chain, i) =>
    chains.set(nodes[i].entityRef, chain),
  );

  const items: ResultInput[] = [];
  for (const [ref, result] of own) {
    const chain = chains.get(ref)!;
    const full: EntityResult = {
      ...result,
      chain,
      level: levelFor(
        levelSummaryOf(result),
        chain.headroom,
        result.growthFactor,
        config,
      ),
    };
    // Scoring builds results in a fixed key order: the JSON that is stored
    // doubles as the input of the hash (one serialisation, native hashing).
    const resultJson = JSON.stringify(full);
    items.push({
      result: full,
      row: toScorecardRow(full, ctx.now),
      resultHash: hashText(resultJson),
      resultJson,
    });
  }
  // Written (and the claims completed) only where this worker still holds the
  // claim at the generation it scored: a stalled worker never overwrites the
  // result of the worker that took over.
  const saved = await store.saveClaimedResults({
    workerId: options.workerId,
    claims,
    results: items,
    inputHash: options.inputHash,
    at: ctx.now,
  });
  return {
    evaluated: items.length,
    resultsWritten: saved.written,
    historyAdded: saved.historyAdded,
    resultsDiscarded: saved.discarded,
  };
}
