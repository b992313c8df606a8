/**
 * The dependency graph of chain readiness: `dependsOn` and `consumesApis`
 * (mapped to the providers of each API) as compressed adjacency, and its
 * strongly connected components (cycles). Linear in entities + relations.
 */
import type { RelationFacts } from '../facts';

/** Relations of an entity that has none (or whose facts are missing). */
export const EMPTY_RELATIONS: RelationFacts = {
  dependsOn: [],
  consumesApis: [],
  providesApis: [],
};

/** Compressed adjacency (CSR): edges of node i are `adj[start[i]] .. adj[start[i + 1] - 1]`. */
export interface Graph {
  start: Int32Array;
  adj: Int32Array;
  missing: Array<string[] | undefined>;
}

/**
 * Builds the graph of `nodes`: an edge from an entity to each dependency and
 * to each provider of a consumed API (refs are case-insensitive, looked up in
 * `index`); refs that resolve to nothing are collected in `missing`.
 */
export function buildGraph(
  nodes: ReadonlyArray<{ relations: RelationFacts }>,
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
export function stronglyConnected(
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
