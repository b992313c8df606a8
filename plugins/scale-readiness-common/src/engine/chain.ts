/**
 * Chain readiness: propagate the weakest limit over `dependsOn` and
 * `consumesApis` (mapped to the providers of each API), handling cycles with
 * Tarjan's strongly connected components. Linear in entities + relations.
 */
import {
  DEFAULT_READINESS_CONFIG,
  ReadinessConfig,
  resolveReadinessConfig,
} from '../config';
import type { EntityFacts, RelationFacts } from '../facts';
import type { ChainResult, EntityResult, HeadroomLimit } from '../results';
import { computeLevel, evaluateEntity, indexWaivers } from './evaluate';
import type { EvaluateOptions } from './types';

/** What chain propagation needs per entity. @public */
export interface ChainNode {
  entityRef: string;
  relations: RelationFacts;
  /** The entity's own tightest limit (finite headroom), null when none. */
  ownHeadroom: HeadroomLimit | null;
}

const DEFAULT_MAX_MEMBERS = 1000;
const EMPTY_RELATIONS: RelationFacts = {
  dependsOn: [],
  consumesApis: [],
  providesApis: [],
};

/** Compressed adjacency (CSR): edges of node i are `adj[start[i]] .. adj[start[i + 1] - 1]`. */
interface Graph {
  start: Int32Array;
  adj: Int32Array;
  missing: Array<string[] | undefined>;
}

function buildGraph(
  nodes: readonly ChainNode[],
  index: Map<string, number>,
): Graph {
  const n = nodes.length;
  const providers = new Map<string, number[]>();
  nodes.forEach((node, i) => {
    for (const api of node.relations?.providesApis ?? []) {
      const key = api.toLowerCase();
      const list = providers.get(key);
      if (list) list.push(i);
      else providers.set(key, [i]);
    }
  });
  const start = new Int32Array(n + 1);
  const edges: number[] = [];
  const missing: Array<string[] | undefined> = new Array(n);
  const seen = new Int32Array(n).fill(-1);
  const add = (from: number, to: number) => {
    if (to !== from && seen[to] !== from) {
      seen[to] = from;
      edges.push(to);
    }
  };
  const resolve = (from: number, ref: string) => {
    const key = ref.toLowerCase();
    const provided = providers.get(key);
    if (provided) {
      for (const p of provided) add(from, p);
      // An API provided only by the entity itself adds no edge and is not missing.
      return;
    }
    const target = index.get(key);
    if (target !== undefined) add(from, target);
    else (missing[from] ??= []).push(ref);
  };
  for (let i = 0; i < n; i++) {
    start[i] = edges.length;
    const rel = nodes[i].relations ?? EMPTY_RELATIONS;
    for (const ref of rel.dependsOn ?? []) resolve(i, ref);
    for (const ref of rel.consumesApis ?? []) resolve(i, ref);
  }
  start[n] = edges.length;
  return { start, adj: Int32Array.from(edges), missing };
}

/**
 * Iterative Tarjan. Component ids are assigned in completion order, so every
 * edge leaving a component points to a component with a smaller id.
 */
function stronglyConnected(
  n: number,
  g: Graph,
): { comp: Int32Array; count: number } {
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const comp = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    let csp = 0;
    order[s] = low[s] = next++;
    stack[sp++] = s;
    onStack[s] = 1;
    callNode[csp] = s;
    callEdge[csp++] = g.start[s];
    while (csp > 0) {
      const v = callNode[csp - 1];
      const p = callEdge[csp - 1];
      if (p < g.start[v + 1]) {
        callEdge[csp - 1] = p + 1;
        const w = g.adj[p];
        if (order[w] === -1) {
          order[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp++] = g.start[w];
        } else if (onStack[w] && order[w] < low[v]) {
          low[v] = order[w];
        }
        continue;
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return { comp, count };
}

/**
 * Computes chain readiness for every node: effective headroom = minimum over
 * the node's own limit and everything it reaches; members of a cycle share the
 * minimum of the cycle. Returns results in the order of `nodes`. O(V + E) for the
 * headroom; members/cycles/path lists are bounded by `maxChainMembers`.
 * Duplicate refs: the first node with a ref is the one dependencies point to.
 * @public
 */
export function computeChains(
  nodes: readonly ChainNode[],
  options: Pick<EvaluateOptions, 'maxChainMembers'> = {},
): ChainResult[] {
  const n = nodes.length;
  const cap = Math.max(1, options.maxChainMembers ?? DEFAULT_MAX_MEMBERS);
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    const key = node.entityRef.toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const g = buildGraph(nodes, index);
  const { comp, count } = stronglyConnected(n, g);

  // Members of each component (counting sort by component id).
  const compStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) compStart[comp[i] + 1]++;
  for (let c = 0; c < count; c++) compStart[c + 1] += compStart[c];
  const compMembers = new Int32Array(n);
  const fill = compStart.slice(0, count);
  for (let i = 0; i < n; i++) compMembers[fill[comp[i]]++] = i;

  // Best limit per component, in id order (successors first).
  const best = new Float64Array(count).fill(Infinity);
  const bestLimit: Array<HeadroomLimit | undefined> = new Array(count);
  const exitNode = new Int32Array(count).fill(-1);
  const exitNext = new Int32Array(count).fill(-1);
  for (let c = 0; c < count; c++) {
    for (let k = compStart[c]; k < compStart[c + 1]; k++) {
      const m = compMembers[k];
      const own = nodes[m].ownHeadroom;
      if (own && typeof own.headroom === 'number' && own.headroom < best[c]) {
        best[c] = own.headroom;
        bestLimit[c] = own;
        exitNode[c] = m;
        exitNext[c] = -1;
      }
    }
    for (let k = compStart[c]; k < compStart[c + 1]; k++) {
      const m = compMembers[k];
      for (let e = g.start[m]; e < g.start[m + 1]; e++) {
        const w = g.adj[e];
        const cw = comp[w];
        if (cw !== c && best[cw] < best[c]) {
          best[c] = best[cw];
          bestLimit[c] = bestLimit[cw];
          exitNode[c] = m;
          exitNext[c] = w;
        }
      }
    }
  }

  // Inside a cycle, the next hop towards the component's exit node (BFS on reverse edges).
  const cyclic = new Uint8Array(count);
  for (let c = 0; c < count; c++)
    if (compStart[c + 1] - compStart[c] > 1) cyclic[c] = 1;
  const hop = new Int32Array(n).fill(-1);
  let anyCycle = false;
  for (let c = 0; c < count; c++) if (cyclic[c]) anyCycle = true;
  if (anyCycle) {
    const rstart = new Int32Array(n + 1);
    for (let e = 0; e < g.adj.length; e++) rstart[g.adj[e] + 1]++;
    for (let i = 0; i < n; i++) rstart[i + 1] += rstart[i];
    const radj = new Int32Array(g.adj.length);
    const rfill = rstart.slice(0, n);
    for (let v = 0; v < n; v++)
      for (let e = g.start[v]; e < g.start[v + 1]; e++)
        radj[rfill[g.adj[e]]++] = v;
    const queue = new Int32Array(n);
    for (let c = 0; c < count; c++) {
      if (!cyclic[c] || exitNode[c] === -1) continue;
      let head = 0;
      let tail = 0;
      const root = exitNode[c];
      hop[root] = root;
      queue[tail++] = root;
      while (head < tail) {
        const v = queue[head++];
        for (let e = rstart[v]; e < rstart[v + 1]; e++) {
          const u = radj[e];
          if (comp[u] === c && hop[u] === -1) {
            hop[u] = v;
            queue[tail++] = u;
          }
        }
      }
    }
  }
  const cycleRefs: Array<string[] | undefined> = new Array(count);
  const cycleOf = (c: number): string[] => {
    let refs = cycleRefs[c];
    if (!refs) {
      refs = [];
      for (let k = compStart[c]; k < compStart[c + 1] && refs.length < cap; k++)
        refs.push(nodes[compMembers[k]].entityRef);
      cycleRefs[c] = refs;
    }
    return refs.slice();
  };

  // Per node: path, members, cycles and missing refs (bounded walks).
  const stamp = new Int32Array(n).fill(-1);
  const compStamp = new Int32Array(count).fill(-1);
  const queue = new Int32Array(n);
  const results: ChainResult[] = new Array(n);
  for (let x = 0; x < n; x++) {
    const c = comp[x];
    const path: string[] = [];
    if (bestLimit[c]) {
      let cur = x;
      path.push(nodes[cur].entityRef);
      while (path.length <= cap) {
        const cc = comp[cur];
        if (cur !== exitNode[cc]) cur = hop[cur];
        else if (exitNext[cc] !== -1) cur = exitNext[cc];
        else break;
        path.push(nodes[cur].entityRef);
      }
    }
    const members: string[] = [];
    const cycles: string[][] = [];
    let missing: string[] | undefined;
    let head = 0;
    let tail = 0;
    stamp[x] = x;
    queue[tail++] = x;
    while (head < tail) {
      const v = queue[head++];
      const cv = comp[v];
      if (cyclic[cv] && compStamp[cv] !== x) {
        compStamp[cv] = x;
        cycles.push(cycleOf(cv));
      }
      const miss = g.missing[v];
      if (miss) {
        missing ??= [];
        for (const ref of miss) if (!missing.includes(ref)) missing.push(ref);
      }
      for (let e = g.start[v]; e < g.start[v + 1]; e++) {
        const w = g.adj[e];
        if (stamp[w] === x) continue;
        stamp[w] = x;
        if (members.length >= cap) continue;
        members.push(nodes[w].entityRef);
        queue[tail++] = w;
      }
    }
    const chain: ChainResult = {
      headroom: best[c] === Infinity ? null : best[c],
      members,
      path,
      cycles,
      missing: missing ?? [],
    };
    if (bestLimit[c]) chain.weakestLink = bestLimit[c];
    results[x] = chain;
  }
  return results;
}

function relationsLookup(
  factsByRef:
    | ReadonlyMap<string, Pick<EntityFacts, 'relations'>>
    | Readonly<Record<string, Pick<EntityFacts, 'relations'>>>,
): (ref: string) => RelationFacts | undefined {
  if (factsByRef instanceof Map) {
    const lower = new Map<string, Pick<EntityFacts, 'relations'>>();
    for (const [k, v] of factsByRef) lower.set(k.toLowerCase(), v);
    return ref =>
      (factsByRef.get(ref) ?? lower.get(ref.toLowerCase()))?.relations;
  }
  const record = factsByRef as Readonly<
    Record<string, Pick<EntityFacts, 'relations'>>
  >;
  return ref => record[ref]?.relations;
}

/**
 * Adds chain readiness to results that were evaluated one by one (e.g. results
 * read back from the store) and recomputes their level. Returns new result
 * objects in the same order; relations come from `factsByRef` (missing → none).
 * @public
 */
export function propagateChains(
  results: readonly EntityResult[],
  factsByRef:
    | ReadonlyMap<string, Pick<EntityFacts, 'relations'>>
    | Readonly<Record<string, Pick<EntityFacts, 'relations'>>>,
  config: Pick<ReadinessConfig, 'levels'> = DEFAULT_READINESS_CONFIG,
  options: Pick<EvaluateOptions, 'maxChainMembers'> = {},
): EntityResult[] {
  const lookup = relationsLookup(factsByRef);
  const chains = computeChains(
    results.map(r => ({
      entityRef: r.entityRef,
      relations: lookup(r.entityRef) ?? EMPTY_RELATIONS,
      ownHeadroom: r.ownHeadroom,
    })),
    options,
  );
  return results.map((r, i) => {
    const next: EntityResult = { ...r, chain: chains[i] };
    next.level = computeLevel(next, config);
    return next;
  });
}

/**
 * Evaluates every entity and propagates chain readiness over their relations;
 * levels are computed after the chain (gold needs chain headroom). Results are
 * in the order of `factsList`. Dependencies outside `factsList` are reported in
 * `chain.missing`.
 * @public
 */
export function evaluateAll(
  factsList: readonly EntityFacts[],
  config: ReadinessConfig = DEFAULT_READINESS_CONFIG,
  options: EvaluateOptions = {},
): EntityResult[] {
  const now = options.now ?? new Date();
  const waiverIndex = indexWaivers(options.waivers, now);
  const opts = { ...options, now, waiverIndex };
  const results = factsList.map(f => evaluateEntity(f, config, opts));
  const chains = computeChains(
    results.map((r, i) => ({
      entityRef: r.entityRef,
      relations: factsList[i].relations ?? EMPTY_RELATIONS,
      ownHeadroom: r.ownHeadroom,
    })),
    options,
  );
  for (let i = 0; i < results.length; i++) {
    results[i].chain = chains[i];
    results[i].level = computeLevel(results[i], config);
  }
  return results;
}

/**
 * The growth simulator: `evaluateAll` at another growth factor (validated > 0).
 * @public
 */
export function simulate(
  factsList: readonly EntityFacts[],
  growthFactor: number,
  config: ReadinessConfig = DEFAULT_READINESS_CONFIG,
  options: EvaluateOptions = {},
): EntityResult[] {
  const { growthFactor: validated } = resolveReadinessConfig({ growthFactor });
  return evaluateAll(
    factsList,
    { ...config, growthFactor: validated },
    options,
  );
}
