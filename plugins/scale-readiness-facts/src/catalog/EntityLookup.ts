import type { Entity } from '@backstage/catalog-model';
import type { FactProviderCatalog } from '@scale-readiness/plugin-scale-readiness-node';

/**
 * Per-batch view of related catalog entities. `load` fetches refs it has not
 * seen; when a load fails, `get` rethrows that failure for those refs so the
 * sections depending on them become `error` instead of a false negative.
 * With `fields`, entities are fetched with only those fields (the catalog may
 * return more): read nothing else from them.
 */
export class EntityLookup {
  readonly #catalog: FactProviderCatalog;
  readonly #fields?: string[];
  readonly #entities = new Map<string, Entity | undefined>();
  readonly #failures = new Map<string, Error>();

  constructor(
    catalog: FactProviderCatalog,
    options: { fields?: string[] } = {},
  ) {
    this.#catalog = catalog;
    this.#fields = options.fields;
  }

  async load(refs: Iterable<string>): Promise<void> {
    const missing = [...new Set(refs)].filter(
      ref => !this.#entities.has(ref) && !this.#failures.has(ref),
    );
    if (missing.length === 0) return;
    try {
      const found = await this.#catalog.getEntitiesByRefs(
        missing,
        this.#fields ? { fields: this.#fields } : undefined,
      );
      missing.forEach((ref, i) =>
        this.#entities.set(ref, found[i] ?? undefined),
      );
    } catch (e) {
      const error = new Error(
        `catalog lookup failed: ${e instanceof Error ? e.message : String(e)}`,
      );
      missing.forEach(ref => this.#failures.set(ref, error));
    }
  }

  /** The entity, undefined when it does not exist; throws when its lookup failed. */
  get(ref: string): Entity | undefined {
    const failure = this.#failures.get(ref);
    if (failure) throw failure;
    if (!this.#entities.has(ref)) {
      throw new Error(`catalog lookup failed: ${ref} was not loaded`);
    }
    return this.#entities.get(ref);
  }
}
