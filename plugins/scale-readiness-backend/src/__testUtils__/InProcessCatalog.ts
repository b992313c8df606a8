import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

type StreamRequest = Parameters<CatalogService['streamEntities']>[0];
type ByRefsRequest = Parameters<CatalogService['getEntitiesByRefs']>[0];

/**
 * A minimal, indexed in-process catalog for benchmarks with large catalogs
 * (Backstage's `catalogServiceMock` re-filters every entity on every page and
 * lookup, which would dominate a 10k-entity pass). It implements what the
 * Scale Readiness processor calls: `streamEntities` (a `kind` filter,
 * `fields`, real pages of `pageSize`), `getEntitiesByRefs` and
 * `getEntityByRef`. Every response goes through a JSON round trip, as it
 * would over HTTP, so memory and parse costs are realistic.
 */
export class InProcessCatalog {
  readonly #byRef = new Map<string, Entity>();
  /** Requests served, for reporting. */
  readonly stats = { pages: 0, byRefsCalls: 0, entitiesServed: 0 };

  constructor(entities: Iterable<Entity>) {
    for (const e of entities) this.#byRef.set(stringifyEntityRef(e), e);
  }

  /** Number of entities. */
  get size(): number {
    return this.#byRef.size;
  }

  /** Replaces or adds an entity. */
  put(entity: Entity) {
    this.#byRef.set(stringifyEntityRef(entity), entity);
  }

  /** Removes an entity. */
  remove(entityRef: string) {
    this.#byRef.delete(entityRef);
  }

  /** The stored entity (not a copy). */
  get(entityRef: string): Entity | undefined {
    return this.#byRef.get(entityRef);
  }

  #wire<T>(value: T): T {
    return JSON.parse(JSON.stringify(value));
  }

  /** The CatalogService view (only the methods the plugin uses work). */
  readonly service: CatalogService = new Proxy({} as CatalogService, {
    get: (_t, prop) => {
      switch (prop) {
        case 'streamEntities':
          return (request?: StreamRequest) => this.#stream(request);
        case 'getEntitiesByRefs':
          return async (request: ByRefsRequest) => {
            this.stats.byRefsCalls++;
            const items = request.entityRefs.map(ref => {
              const e = this.#byRef.get(ref);
              return e ? project(e, request.fields) : undefined;
            });
            this.stats.entitiesServed += items.length;
            // Missing entities travel as null and come back as undefined,
            // like CatalogClient does.
            const wired = this.#wire({ items }) as {
              items: Array<Entity | null>;
            };
            return { items: wired.items.map(e => e ?? undefined) };
          };
        case 'getEntityByRef':
          return async (ref: string) => {
            const e = this.#byRef.get(ref.toLowerCase());
            return e ? this.#wire(e) : undefined;
          };
        case 'then':
          return undefined;
        default:
          return () => {
            throw new Error(
              `InProcessCatalog does not implement ${String(prop)}`,
            );
          };
      }
    },
  });

  async *#stream(request?: StreamRequest): AsyncIterable<Entity[]> {
    const filter = (request as { filter?: unknown } | undefined)?.filter;
    const kinds = kindFilter(filter);
    const pageSize = (request as { pageSize?: number })?.pageSize ?? 500;
    const fields = (request as { fields?: string[] })?.fields;
    const matching = [...this.#byRef.values()].filter(
      e => !kinds || kinds.has(e.kind.toLowerCase()),
    );
    for (let i = 0; i < matching.length || i === 0; i += pageSize) {
      const page = matching.slice(i, i + pageSize).map(e => project(e, fields));
      this.stats.pages++;
      this.stats.entitiesServed += page.length;
      yield this.#wire(page);
      if (matching.length === 0) break;
    }
  }
}

function kindFilter(filter: unknown): Set<string> | undefined {
  if (filter === undefined) return undefined;
  const keys = Object.keys(filter as object);
  if (Array.isArray(filter) || keys.some(k => k.toLowerCase() !== 'kind')) {
    throw new Error(
      `InProcessCatalog only filters on kind, got ${JSON.stringify(filter)}`,
    );
  }
  const value = (filter as { kind: string | string[] }).kind;
  return new Set([value].flat().map(k => k.toLowerCase()));
}

/** Keeps only the given dotted field paths (`metadata`, `spec.parent`). */
function project(entity: Entity, fields?: string[]): Entity {
  if (!fields?.length) return entity;
  const out: Record<string, any> = {};
  for (const field of fields) {
    const path = field.split('.');
    let value: any = entity;
    for (const key of path) value = value?.[key];
    if (value === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path[path.length - 1]] = value;
  }
  return out as Entity;
}
