import type { AuthService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  RELATION_API_PROVIDED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PlanEdge } from '@scale-readiness/plugin-scale-readiness-common';

/** Most entities one plan may reach; the walk stops there. */
export const MAX_PLAN_MEMBERS = 2000;

/** One entity reached by the walk. */
export interface ChainNode {
  /** Canonical ref (from the entity when found, lower-cased otherwise). */
  entityRef: string;
  /** Undefined when the catalog does not know it. */
  entity?: Entity;
  /** Largest factor of the entry points reaching it. */
  factor: number;
  entryPoint: boolean;
  /** The node it was first reached from (undefined for entry points). */
  parent?: string;
}

/** The request chain of a plan. */
export interface PlanChain {
  nodes: Map<string, ChainNode>;
  edges: PlanEdge[];
  missingEntryPoints: string[];
  /** True when the walk stopped at {@link MAX_PLAN_MEMBERS}. */
  truncated: boolean;
}

const key = (ref: string) => ref.toLowerCase();

function targets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLowerCase());
}

/**
 * Walks the catalog from the entry points over what serves a request:
 * `dependsOn` and `consumesApi` of components, the providers of an API
 * (`apiProvidedBy`, or components whose `providesApi` names it) and the parts
 * of a System (`hasPart`, or entities `partOf` it). Cycles end the walk on
 * the second visit; entry points the catalog does not know are reported,
 * other unknown targets stay as nodes without entity. Each node gets the
 * largest factor of the entry points that reach it (their own factor, or the
 * plan's growth factor).
 */
export async function walkPlanChain(options: {
  catalog: CatalogService;
  auth: AuthService;
  entryPoints: string[];
  factors: Record<string, number>;
  growthFactor: number;
}): Promise<PlanChain> {
  const { catalog } = options;
  const credentials = await options.auth.getOwnServiceCredentials();
  const nodes = new Map<string, ChainNode>();
  const edges: PlanEdge[] = [];
  const adjacency = new Map<string, string[]>();
  let truncated = false;

  const entryKeys = [...new Set(options.entryPoints.map(key))];
  let frontier = entryKeys;
  const seen = new Set(entryKeys);
  const canonical = new Map<string, string>();
  const parents = new Map<string, string>();

  while (frontier.length > 0) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: frontier },
      { credentials },
    );
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i++) {
      const k = frontier[i];
      const entity = items[i] ?? undefined;
      const ref = entity ? stringifyEntityRef(entity) : k;
      canonical.set(k, ref);
      nodes.set(k, {
        entityRef: ref,
        entity,
        factor: 0,
        entryPoint: entryKeys.includes(k),
        parent: parents.get(k),
      });
      if (!entity) continue;
      const out: Array<{ to: string; relation: PlanEdge['relation'] }> = [];
      const kind = entity.kind.toLowerCase();
      for (const t of targets(entity, RELATION_DEPENDS_ON)) {
        out.push({ to: t, relation: 'dependsOn' });
      }
      for (const t of targets(entity, RELATION_CONSUMES_API)) {
        out.push({ to: t, relation: 'consumesApi' });
      }
      if (kind === 'api') {
        const providers = new Set(targets(entity, RELATION_API_PROVIDED_BY));
        const found = await catalog.getEntities(
          {
            filter: { [`relations.${RELATION_PROVIDES_API}`]: k },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials },
        );
        for (const e of found.items) providers.add(key(stringifyEntityRef(e)));
        for (const t of providers) out.push({ to: t, relation: 'providesApi' });
      }
      if (kind === 'system') {
        const parts = new Set(targets(entity, RELATION_HAS_PART));
        const found = await catalog.getEntities(
          {
            filter: { [`relations.${RELATION_PART_OF}`]: k },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials },
        );
        for (const e of found.items) parts.add(key(stringifyEntityRef(e)));
        for (const t of parts) out.push({ to: t, relation: 'hasPart' });
      }
      for (const { to, relation } of out) {
        if (to === k) continue;
        edges.push({ from: k, to, relation });
        adjacency.set(k, [...(adjacency.get(k) ?? []), to]);
        if (seen.has(to)) continue;
        if (seen.size >= MAX_PLAN_MEMBERS) {
          truncated = true;
          continue;
        }
        seen.add(to);
        parents.set(to, k);
        next.push(to);
      }
    }
    frontier = next;
  }

  // factors: each entry point's factor flows to everything it reaches
  const factorOf = new Map(
    Object.entries(options.factors).map(([r, f]) => [key(r), f]),
  );
  for (const entry of entryKeys) {
    const factor = factorOf.get(entry) ?? options.growthFactor;
    const stack = [entry];
    const visited = new Set<string>();
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (visited.has(k)) continue;
      visited.add(k);
      const node = nodes.get(k);
      if (!node) continue;
      node.factor = Math.max(node.factor, factor);
      stack.push(...(adjacency.get(k) ?? []));
    }
  }

  const out = new Map<string, ChainNode>();
  for (const node of nodes.values()) {
    out.set(node.entityRef, {
      ...node,
      parent: node.parent ? canonical.get(node.parent) : undefined,
    });
  }
  return {
    nodes: out,
    edges: edges
      .filter(e => nodes.has(e.to))
      .map(e => ({
        ...e,
        from: canonical.get(e.from) ?? e.from,
        to: canonical.get(e.to) ?? e.to,
      })),
    missingEntryPoints: entryKeys
      .filter(k => !nodes.get(k)?.entity)
      .map(k => options.entryPoints.find(e => key(e) === k) ?? k),
    truncated,
  };
}

/** The owning group ref of an entity (lower-cased), or null. */
export function ownerOf(entity: Entity | undefined): string | null {
  return entity ? targets(entity, RELATION_OWNED_BY)[0] ?? null : null;
}
