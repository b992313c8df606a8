/**
 * Chain readiness: propagate the weakest limit over `dependsOn` and
 * `consumesApis` (mapped to the providers of each API), handling cycles with
 * Tarjan's strongly connected components (`chainGraph.ts`). Linear in
 * entities + relations.
 */
import type { RelationFacts } from '../facts';
import type { ChainResult, HeadroomLimit } from '../results';
import { buildGraph, stronglyConnected } from './chainGraph';
import type { EvaluateOptions } from './types';

/** What chain propagation needs per entity. @public */
export interface ChainNode {
  entityRef: string;
  relations: RelationFacts;
  /** The entity's own tightest limit (finite headroom), null when none. */
  ownHeadroom: HeadroomLimit | null;
}

const DEFAULT_MAX_MEMBERS = 1000;

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
