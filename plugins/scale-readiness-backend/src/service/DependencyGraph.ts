import type { RelationFacts } from '@scale-readiness/plugin-scale-readiness-common';

/** One node of the stored entity graph. */
export interface GraphNode {
  entityRef: string;
  relations: RelationFacts;
}

/**
 * The dependency graph of scored entities (dependsOn, and consumesApis through
 * the components that provide each API), with both directions indexed so that
 * incremental evaluation can find what a change affects.
 */
export class DependencyGraph {
  readonly #deps = new Map<string, string[]>();
  readonly #dependents = new Map<string, string[]>();

  constructor(nodes: Iterable<GraphNode>) {
    const list = [...nodes];
    const providers = new Map<string, string[]>();
    for (const n of list) {
      for (const api of n.relations.providesApis) {
        const arr = providers.get(api) ?? [];
        arr.push(n.entityRef);
        providers.set(api, arr);
      }
    }
    for (const n of list) {
      const deps = new Set(n.relations.dependsOn);
      for (const api of n.relations.consumesApis) {
        for (const p of providers.get(api) ?? []) deps.add(p);
      }
      deps.delete(n.entityRef);
      this.#deps.set(n.entityRef, [...deps]);
      for (const d of deps) {
        const arr = this.#dependents.get(d) ?? [];
        arr.push(n.entityRef);
        this.#dependents.set(d, arr);
      }
    }
  }

  /** Every entity in the graph. */
  refs(): string[] {
    return [...this.#deps.keys()];
  }

  /** `seeds` plus everything that transitively depends on them (in the graph). */
  withDependents(seeds: Iterable<string>): Set<string> {
    return this.#closure(seeds, this.#dependents);
  }

  /** `seeds` plus everything they transitively depend on (in the graph). */
  withDependencies(seeds: Iterable<string>): Set<string> {
    return this.#closure(seeds, this.#deps);
  }

  #closure(seeds: Iterable<string>, edges: Map<string, string[]>): Set<string> {
    const out = new Set<string>();
    const stack: string[] = [];
    for (const s of seeds) {
      if (this.#deps.has(s) && !out.has(s)) {
        out.add(s);
        stack.push(s);
      }
    }
    while (stack.length) {
      const ref = stack.pop()!;
      for (const next of edges.get(ref) ?? []) {
        if (!out.has(next) && this.#deps.has(next)) {
          out.add(next);
          stack.push(next);
        }
      }
    }
    return out;
  }
}
