import type { RelationFacts } from '@scale-readiness/plugin-scale-readiness-common';
import { DependencyGraph, type GraphNode } from './DependencyGraph';

function node(
  entityRef: string,
  relations: Partial<RelationFacts> = {},
): GraphNode {
  return {
    entityRef,
    relations: {
      dependsOn: [],
      consumesApis: [],
      providesApis: [],
      ...relations,
    },
  };
}

const sorted = (refs: Iterable<string>) => [...refs].sort();

describe('DependencyGraph', () => {
  // web → cart → ledger → db ; mobile → cart ; search (alone)
  const chain = new DependencyGraph([
    node('component:default/web', { dependsOn: ['component:default/cart'] }),
    node('component:default/mobile', { dependsOn: ['component:default/cart'] }),
    node('component:default/cart', { dependsOn: ['component:default/ledger'] }),
    node('component:default/ledger', { dependsOn: ['resource:default/db'] }),
    node('resource:default/db'),
    node('component:default/search'),
  ]);

  it('lists every node', () => {
    expect(chain.refs()).toHaveLength(6);
  });

  it('closes over dependencies transitively', () => {
    expect(sorted(chain.withDependencies(['component:default/web']))).toEqual([
      'component:default/cart',
      'component:default/ledger',
      'component:default/web',
      'resource:default/db',
    ]);
    expect(sorted(chain.withDependencies(['resource:default/db']))).toEqual([
      'resource:default/db',
    ]);
  });

  it('closes over dependents transitively', () => {
    expect(sorted(chain.withDependents(['resource:default/db']))).toEqual([
      'component:default/cart',
      'component:default/ledger',
      'component:default/mobile',
      'component:default/web',
      'resource:default/db',
    ]);
    expect(sorted(chain.withDependents(['component:default/web']))).toEqual([
      'component:default/web',
    ]);
    expect(sorted(chain.withDependents(['component:default/search']))).toEqual([
      'component:default/search',
    ]);
  });

  it('ignores seeds and dependencies that are not in the graph', () => {
    const graph = new DependencyGraph([
      node('component:default/a', { dependsOn: ['component:default/ghost'] }),
    ]);
    expect(sorted(graph.withDependencies(['component:default/a']))).toEqual([
      'component:default/a',
    ]);
    expect(graph.withDependents(['component:default/ghost']).size).toBe(0);
    expect(graph.withDependencies(['component:default/nope']).size).toBe(0);
  });

  it('maps consumed APIs to every component that provides them', () => {
    const graph = new DependencyGraph([
      node('component:default/checkout', {
        consumesApis: ['api:default/payments'],
      }),
      node('component:default/payments-eu', {
        providesApis: ['api:default/payments'],
      }),
      node('component:default/payments-us', {
        providesApis: ['api:default/payments', 'api:default/refunds'],
        dependsOn: ['resource:default/stripe'],
      }),
      node('resource:default/stripe'),
      node('component:default/orphan', {
        consumesApis: ['api:default/unprovided'],
      }),
    ]);
    expect(
      sorted(graph.withDependencies(['component:default/checkout'])),
    ).toEqual([
      'component:default/checkout',
      'component:default/payments-eu',
      'component:default/payments-us',
      'resource:default/stripe',
    ]);
    expect(sorted(graph.withDependents(['resource:default/stripe']))).toEqual([
      'component:default/checkout',
      'component:default/payments-us',
      'resource:default/stripe',
    ]);
    expect(
      sorted(graph.withDependencies(['component:default/orphan'])),
    ).toEqual(['component:default/orphan']);
  });

  it('does not make a provider depend on itself through its own API', () => {
    const graph = new DependencyGraph([
      node('component:default/loop', {
        providesApis: ['api:default/self'],
        consumesApis: ['api:default/self'],
        dependsOn: ['component:default/loop'],
      }),
      node('component:default/user', { consumesApis: ['api:default/self'] }),
    ]);
    expect(sorted(graph.withDependencies(['component:default/loop']))).toEqual([
      'component:default/loop',
    ]);
    expect(sorted(graph.withDependents(['component:default/loop']))).toEqual([
      'component:default/loop',
      'component:default/user',
    ]);
  });

  it('terminates on cycles and includes every member', () => {
    const graph = new DependencyGraph([
      node('component:default/a', { dependsOn: ['component:default/b'] }),
      node('component:default/b', { dependsOn: ['component:default/c'] }),
      node('component:default/c', {
        dependsOn: ['component:default/a'],
        consumesApis: ['api:default/x'],
      }),
      node('component:default/x', { providesApis: ['api:default/x'] }),
      node('component:default/entry', { dependsOn: ['component:default/b'] }),
    ]);
    const cycle = [
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ];
    expect(sorted(graph.withDependencies(['component:default/a']))).toEqual([
      ...cycle,
      'component:default/x',
    ]);
    expect(sorted(graph.withDependents(['component:default/x']))).toEqual([
      ...cycle,
      'component:default/entry',
      'component:default/x',
    ]);
    expect(sorted(graph.withDependents(['component:default/c']))).toEqual([
      ...cycle,
      'component:default/entry',
    ]);
  });

  it('handles a long chain without recursion limits', () => {
    const n = 50_000;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(`component:default/c${i}`, {
        dependsOn: i + 1 < n ? [`component:default/c${i + 1}`] : [],
      }),
    );
    const graph = new DependencyGraph(nodes);
    expect(graph.withDependencies(['component:default/c0']).size).toBe(n);
    expect(graph.withDependents([`component:default/c${n - 1}`]).size).toBe(n);
  });
});
