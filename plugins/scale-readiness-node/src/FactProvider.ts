import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  FactContribution,
  FactSectionName,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Read access to the catalog handed to fact providers. The caller batches and
 * caches lookups, so providers may ask for the same refs freely.
 * @public
 */
export interface FactProviderCatalog {
  /**
   * Looks up entities by ref. The result is aligned with `refs`: `undefined`
   * where an entity does not exist.
   *
   * `options.fields` (dotted paths, as the catalog API's `fields`, e.g.
   * `['kind', 'metadata']`) says that only those fields will be read, e.g. to
   * compare `metadata.etag` in `FactProvider.inputKeys`. An implementation
   * may return more (the full entity), never less; a caller must read
   * nothing else from such an entity.
   */
  getEntitiesByRefs(
    refs: string[],
    options?: FactProviderCatalogOptions,
  ): Promise<Array<Entity | undefined>>;
}

/** Options of {@link FactProviderCatalog.getEntitiesByRefs}. @public */
export interface FactProviderCatalogOptions {
  /** Only these fields are read (dotted paths); default: the whole entity. */
  fields?: string[];
}

/** What a provider gets besides the entities to collect for. @public */
export interface FactProviderContext {
  logger: LoggerService;
  catalog: FactProviderCatalog;
  /** Collection time; use it for `collectedAt` so a batch shares one timestamp. */
  now: Date;
  /**
   * Optional: the facts provider `providerId` stored for these entities, as
   * of its last stored contribution (usually the previous pass: providers of
   * one batch run side by side, so another provider's facts for this batch
   * are not written yet). Entities without stored facts from that provider
   * are left out of the map. Lets a provider compare its readings with
   * another source's (e.g. live workloads with the manifests) without knowing
   * how the host stores facts. Absent where nothing is stored (the CLI);
   * a provider must work without it. May reject when the store cannot be
   * read; the provider should then carry on without those facts.
   */
  storedFacts?(
    providerId: string,
    entityRefs: string[],
  ): Promise<Map<string, FactContribution>>;
}

/**
 * Collects fact sections about catalog entities from one source (the catalog
 * itself, repository manifests, a live cluster, a cloud account, …).
 *
 * Providers are batch oriented: the backend pages through the catalog and
 * calls `collect` once per page (a few hundred entities). A provider must not
 * throw for a problem with one entity's source; it returns that section with
 * `status: 'error'` instead, so the checks report `unknown` rather than pass.
 * Throwing marks every section of the whole batch as failed.
 * @public
 */
export interface FactProvider {
  /** Unique id, also used as the fact `source` (e.g. `kubernetes`, `aws`). */
  id: string;
  /** Sections this provider may contribute; others it returns are ignored. */
  sections: FactSectionName[];
  /**
   * Collects facts for a batch of entities. Keys of the returned map are entity
   * refs as produced by `stringifyEntityRef`; entities the provider has nothing
   * about may be left out.
   */
  collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>>;
  /**
   * Optional: keys of everything the contribution for each entity is built
   * from (the etags of the entity and of the related catalog entities read,
   * modification times of the files read, …). When an entity's key equals the
   * key stored with its last contribution, the backend does not call `collect`
   * for it and keeps the stored facts (a contribution with an `error` section
   * is never kept). Entities left out of the map are always collected; live
   * sources (clusters, cloud APIs) do not implement this. Must be much cheaper
   * than `collect`, and must never throw for one entity (leave it out instead).
   */
  inputKeys?(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, string>>;
}
