import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { FactProviderCatalog } from '@scale-readiness/plugin-scale-readiness-node';

/**
 * The catalog as fact providers see it, over the entities read from files.
 * Refs are matched like the catalog does: case-insensitively.
 */
export class InMemoryCatalog implements FactProviderCatalog {
  readonly #byRef = new Map<string, Entity>();

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      if (!this.#byRef.has(ref)) this.#byRef.set(ref, entity);
    }
  }

  /** The entity with this ref, if any. */
  get(ref: string): Entity | undefined {
    try {
      return this.#byRef.get(stringifyEntityRef(parseEntityRef(ref)));
    } catch {
      return undefined;
    }
  }

  async getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>> {
    return refs.map(ref => this.get(ref));
  }
}
