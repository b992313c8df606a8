import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactProviderCatalog } from '@scale-readiness/plugin-scale-readiness-node';

/**
 * The catalog as fact providers see it: batched `getEntitiesByRefs` with a
 * per-page cache, so a page of 500 components owned by 20 groups costs one
 * request for those groups, not 500.
 */
export class CachedCatalogLookup implements FactProviderCatalog {
  readonly #catalog: CatalogService;
  readonly #credentials: BackstageCredentials;
  readonly #cache = new Map<string, Entity | undefined>();

  constructor(catalog: CatalogService, credentials: BackstageCredentials) {
    this.#catalog = catalog;
    this.#credentials = credentials;
  }

  async getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>> {
    const missing = [...new Set(refs.filter(r => !this.#cache.has(r)))];
    for (let i = 0; i < missing.length; i += 500) {
      const batch = missing.slice(i, i + 500);
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: batch },
        { credentials: this.#credentials },
      );
      batch.forEach((ref, j) => this.#cache.set(ref, items[j] ?? undefined));
    }
    return refs.map(r => this.#cache.get(r));
  }

  /** Forgets cached entities (between pages, to bound memory). */
  clear() {
    this.#cache.clear();
  }
}
