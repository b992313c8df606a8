import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  FactProviderCatalog,
  FactProviderCatalogOptions,
} from '@scale-readiness/plugin-scale-readiness-node';

/** Refs per catalog request. */
const BATCH = 500;

/**
 * The catalog as fact providers see it: batched `getEntitiesByRefs` with a
 * per-page cache, so a page of 500 components owned by 20 groups costs one
 * request for those groups, not 500.
 *
 * Lookups with `fields` (input keys read `kind` and `metadata` only) are
 * fetched with those fields and cached apart from full entities: a full
 * entity answers any lookup, a projected one only lookups with the same
 * fields. So an entity is fetched in full only when a provider collects
 * from it. A projected entity may be older than the full one fetched later
 * in the same page; then the stored input key is older than the facts, and
 * the next pass collects again (never the other way round).
 */
export class CachedCatalogLookup implements FactProviderCatalog {
  readonly #catalog: CatalogService;
  readonly #credentials: BackstageCredentials;
  readonly #full = new Map<string, Entity | undefined>();
  /** Projected entities by the fields they were fetched with. */
  readonly #projected = new Map<string, Map<string, Entity | undefined>>();

  constructor(catalog: CatalogService, credentials: BackstageCredentials) {
    this.#catalog = catalog;
    this.#credentials = credentials;
  }

  async getEntitiesByRefs(
    refs: string[],
    options?: FactProviderCatalogOptions,
  ): Promise<Array<Entity | undefined>> {
    const fields = options?.fields?.length ? options.fields : undefined;
    let cache = this.#full;
    if (fields) {
      const key = JSON.stringify(fields);
      cache = this.#projected.get(key) ?? new Map();
      this.#projected.set(key, cache);
    }
    const missing = [
      ...new Set(refs.filter(r => !this.#full.has(r) && !cache.has(r))),
    ];
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const { items } = await this.#catalog.getEntitiesByRefs(
        fields ? { entityRefs: batch, fields } : { entityRefs: batch },
        { credentials: this.#credentials },
      );
      batch.forEach((ref, j) => cache.set(ref, items[j] ?? undefined));
    }
    return refs.map(r =>
      this.#full.has(r) ? this.#full.get(r) : cache.get(r),
    );
  }

  /** Forgets cached entities (between pages, to bound memory). */
  clear() {
    this.#full.clear();
    this.#projected.clear();
  }
}
