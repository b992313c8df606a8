import type { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import {
  ANNOTATION_CI_CAPACITY,
  BaseEntityFacts,
  FactContribution,
  FactSectionName,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  okFact,
  type FactProvider,
  type FactProviderContext,
} from '@scale-readiness/plugin-scale-readiness-node';
import { buildBaseFacts } from '../buildBaseFacts';
import {
  buildDeclaredCiCapacity,
  buildDeclaredNodeCapacity,
  buildDeclaredQuotas,
  buildDeclaredServerless,
  DECLARED_SOURCE,
  dependencyResourceRefs,
} from './declaredFacts';
import { buildDocs } from './docsFacts';
import { EntityLookup } from './EntityLookup';
import { buildGrowth } from './growthFacts';
import { ownerRefOf } from './entityHelpers';
import {
  buildOwnership,
  championRefs,
  owningGroup,
  ownershipRefs,
} from './ownershipFacts';

/**
 * Fields of related entities that `inputKeys` reads: `kind` and `metadata`
 * (`metadata.etag`, and the champion annotation of an owning group).
 */
const KEY_FIELDS = ['kind', 'metadata'];

/** Id of the built-in catalog fact provider. @public */
export const CATALOG_FACT_PROVIDER_ID = 'catalog';

/**
 * Collects what the catalog itself knows: ownership (owner, members,
 * champions, onboarding guide), documentation, the growth factor declared on
 * the entity or its System, and the capacities and quotas
 * teams declare in annotations (on the entity, on Resources it depends on, on
 * its owning group).
 *
 * Related entities are fetched in two rounds per batch through
 * `ctx.catalog.getEntitiesByRefs` (owners, APIs, resources; then champions).
 * A failed lookup turns the sections that needed it into `error` sections.
 * @public
 */
export class CatalogFactProvider implements FactProvider {
  readonly id = CATALOG_FACT_PROVIDER_ID;
  readonly sections: FactSectionName[] = [
    'ownership',
    'docs',
    'quotas',
    'nodeCapacity',
    'serverless',
    'ciCapacity',
    'growth',
  ];

  /** Base facts of entities seen by `inputKeys`, reused by `collect`. */
  readonly #bases = new WeakMap<Entity, BaseEntityFacts>();

  #base(entity: Entity): BaseEntityFacts {
    let base = this.#bases.get(entity);
    if (!base) {
      base = buildBaseFacts(entity);
      this.#bases.set(entity, base);
    }
    return base;
  }

  /**
   * Loads the related entities of a batch: owners, APIs, resources, then
   * champions (found through the owners' annotations). With `fields`, only
   * those fields of the related entities are fetched.
   */
  async #load(
    entities: Entity[],
    ctx: FactProviderContext,
    fields?: string[],
  ): Promise<{
    lookup: EntityLookup;
    items: Array<{ entity: Entity; base: BaseEntityFacts; related: string[] }>;
  }> {
    const lookup = new EntityLookup(ctx.catalog, { fields });
    const items = entities.map(entity => {
      const base = this.#base(entity);
      return {
        entity,
        base,
        related: [
          ...ownershipRefs(entity),
          ...base.relations.providesApis,
          ...dependencyResourceRefs(base),
          ...(base.system ? [base.system] : []),
        ],
      };
    });
    await lookup.load(items.flatMap(i => i.related));
    for (const item of items) {
      item.related.push(...championRefs(item.entity, lookup));
    }
    await lookup.load(items.flatMap(i => i.related));
    return { lookup, items };
  }

  /**
   * The contribution is a pure function of the entity and the related
   * entities it reads, so its key is their etags. Entities without etags (or
   * with a related entity whose lookup failed) get no key.
   *
   * The catalog changes an entity's etag on every change of it (spec and
   * relations included), so the related entities are fetched with
   * `KEY_FIELDS` only: their etags, and the owners' champion annotations that
   * name the second round. `collect` fetches them in full, for the entities
   * whose key changed.
   */
  async inputKeys(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, string>> {
    const { lookup, items } = await this.#load(entities, ctx, KEY_FIELDS);
    const keys = new Map<string, string>();
    for (const { entity, base, related } of items) {
      const key = catalogInputKey(entity, related, lookup);
      if (key !== undefined) keys.set(base.entityRef, key);
    }
    return keys;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const { lookup, items } = await this.#load(entities, ctx);

    const result = new Map<string, FactContribution>();
    for (const { entity, base } of items) {
      result.set(
        base.entityRef,
        this.#collectOne(entity, base, lookup, ctx.now),
      );
    }
    return result;
  }

  #collectOne(
    entity: Entity,
    base: BaseEntityFacts,
    lookup: EntityLookup,
    now: Date,
  ): FactContribution {
    const contribution: FactContribution = {};
    const entityRef = base.entityRef;

    const ownershipMeta = {
      source: this.id,
      location: ownerRefOf(entity) ?? 'spec.owner',
      collectedAt: now,
    };
    try {
      contribution.ownership = okFact(
        buildOwnership(entity, lookup),
        ownershipMeta,
      );
    } catch (e) {
      contribution.ownership = errorFact(e, ownershipMeta);
    }

    const docsMeta = { source: this.id, location: entityRef, collectedAt: now };
    try {
      contribution.docs = okFact(buildDocs(entity, base, lookup), docsMeta);
    } catch (e) {
      contribution.docs = errorFact(e, docsMeta);
    }

    const quotas = buildDeclaredQuotas(entity, now);
    if (quotas) contribution.quotas = quotas;
    const nodeCapacity = buildDeclaredNodeCapacity(entity, base, lookup, now);
    if (nodeCapacity) contribution.nodeCapacity = nodeCapacity;
    const serverless = buildDeclaredServerless(entity, now);
    if (serverless) contribution.serverless = serverless;
    const growth = buildGrowth(entity, base, lookup, now);
    if (growth) contribution.growth = growth;

    try {
      const ciCapacity = buildDeclaredCiCapacity(
        owningGroup(entity, lookup),
        now,
      );
      if (ciCapacity) contribution.ciCapacity = ciCapacity;
    } catch (e) {
      contribution.ciCapacity = errorFact(e, {
        source: DECLARED_SOURCE,
        location: ANNOTATION_CI_CAPACITY,
        collectedAt: now,
      });
    }
    return contribution;
  }
}

/** Bumped when the catalog provider builds different facts from the same input. */
const CATALOG_INPUT_VERSION = 2;

/** Hash of the etags of the entity and its related entities, or undefined. */
function catalogInputKey(
  entity: Entity,
  related: string[],
  lookup: EntityLookup,
): string | undefined {
  const etag = entity.metadata.etag;
  if (!etag) return undefined;
  const parts = [`v${CATALOG_INPUT_VERSION}`, etag];
  for (const ref of [...new Set(related)].sort()) {
    let found: Entity | undefined;
    try {
      found = lookup.get(ref);
    } catch {
      return undefined;
    }
    if (found && !found.metadata.etag) return undefined;
    parts.push(`${ref}=${found ? found.metadata.etag : '-'}`);
  }
  return createHash('sha1').update(parts.join('\n')).digest('base64url');
}
