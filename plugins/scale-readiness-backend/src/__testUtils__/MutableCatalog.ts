import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * An in-memory catalog (Backstage's `catalogServiceMock`, with its real
 * filtering, `fields` and cursor paging) whose entities a test can change
 * between passes. `service` always delegates to the current contents.
 */
export class MutableCatalog {
  #entities: Entity[];
  #inner: CatalogService;
  /** Pages served by `streamEntities`, per call (for paging assertions). */
  readonly streamedPages: number[][] = [];

  constructor(entities: Entity[]) {
    this.#entities = entities.map(e => structuredClone(e));
    this.#inner = catalogServiceMock({ entities: this.#entities });
  }

  /** The CatalogService handed to the plugin. */
  readonly service: CatalogService = new Proxy({} as CatalogService, {
    get: (_target, prop) => {
      if (prop === 'streamEntities') {
        return (...args: Parameters<CatalogService['streamEntities']>) =>
          this.#stream(...args);
      }
      const value = (this.#inner as any)[prop];
      return typeof value === 'function' ? value.bind(this.#inner) : value;
    },
  });

  async *#stream(...args: Parameters<CatalogService['streamEntities']>) {
    const sizes: number[] = [];
    this.streamedPages.push(sizes);
    for await (const page of this.#inner.streamEntities(...args)) {
      sizes.push(page.length);
      yield page;
    }
  }

  /** A copy of the current entity with this ref. */
  get(entityRef: string): Entity {
    const entity = this.#entities.find(
      e => stringifyEntityRef(e) === entityRef,
    );
    if (!entity) throw new Error(`No fixture entity ${entityRef}`);
    return structuredClone(entity);
  }

  /** Replaces (or adds) one entity. */
  put(entity: Entity) {
    const ref = stringifyEntityRef(entity);
    this.#set([
      ...this.#entities.filter(e => stringifyEntityRef(e) !== ref),
      entity,
    ]);
  }

  /** Changes one annotation of an entity. */
  annotate(entityRef: string, name: string, value: string) {
    const entity = this.get(entityRef);
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      [name]: value,
    };
    this.put(entity);
  }

  /** Removes an entity (as if unregistered from the catalog). */
  remove(entityRef: string) {
    this.#set(this.#entities.filter(e => stringifyEntityRef(e) !== entityRef));
  }

  #set(entities: Entity[]) {
    this.#entities = entities;
    this.#inner = catalogServiceMock({ entities });
  }
}
