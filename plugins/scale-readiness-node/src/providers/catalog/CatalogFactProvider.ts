import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CI_CAPACITY,
  BaseEntityFacts,
  FactContribution,
  FactSectionName,
} from '@scale-readiness/plugin-scale-readiness-common';
import { errorFact, okFact } from '../../factHelpers';
import type { FactProvider, FactProviderContext } from '../../FactProvider';
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
import { ownerRefOf } from './entityHelpers';
import {
  buildOwnership,
  championRefs,
  owningGroup,
  ownershipRefs,
} from './ownershipFacts';

/** Id of the built-in catalog fact provider. @public */
export const CATALOG_FACT_PROVIDER_ID = 'catalog';

/**
 * Collects what the catalog itself knows: ownership (owner, members,
 * champions, onboarding guide), documentation, and the capacities and quotas
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
  ];

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const lookup = new EntityLookup(ctx.catalog);
    const items = entities.map(entity => ({
      entity,
      base: buildBaseFacts(entity),
    }));

    await lookup.load(
      items.flatMap(({ entity, base }) => [
        ...ownershipRefs(entity),
        ...base.relations.providesApis,
        ...dependencyResourceRefs(base),
      ]),
    );
    await lookup.load(
      items.flatMap(({ entity }) => championRefs(entity, lookup)),
    );

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
