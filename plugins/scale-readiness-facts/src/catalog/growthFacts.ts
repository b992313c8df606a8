import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_GROWTH_FACTOR,
  type BaseEntityFacts,
  type Fact,
  type GrowthFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import type { EntityLookup } from './EntityLookup';

/** Source of growth facts (a declaration in the catalog). */
const GROWTH_SOURCE = 'catalog';

function declaredFactor(entity: Entity): number | undefined {
  const raw = entity.metadata.annotations?.[ANNOTATION_GROWTH_FACTOR];
  if (raw === undefined) return undefined;
  const factor = Number(raw.trim().replace(/x$/i, ''));
  if (raw.trim() === '' || !Number.isFinite(factor) || factor <= 0) {
    throw new Error(
      `${ANNOTATION_GROWTH_FACTOR} on ${stringifyEntityRef(
        entity,
      )} must be a number greater than 0, got ${JSON.stringify(raw)}`,
    );
  }
  return factor;
}

/**
 * The growth factor declared with `scale-readiness.io/growth-factor` on the
 * entity, else on its System (looked up in `lookup`); undefined when neither
 * declares one. An invalid value gives an `error` section (the global factor
 * is then used, and the reason is visible in the facts).
 */
export function buildGrowth(
  entity: Entity,
  base: BaseEntityFacts,
  lookup: EntityLookup,
  now: Date,
): Fact<GrowthFacts> | undefined {
  const meta = {
    source: GROWTH_SOURCE,
    location: ANNOTATION_GROWTH_FACTOR,
    collectedAt: now,
  };
  try {
    const own = declaredFactor(entity);
    if (own !== undefined)
      return okFact(
        { factor: own, scope: 'entity', declaredOn: base.entityRef },
        meta,
      );
    if (!base.system) return undefined;
    const system = lookup.get(base.system);
    const onSystem = system ? declaredFactor(system) : undefined;
    if (onSystem === undefined) return undefined;
    return okFact(
      { factor: onSystem, scope: 'system', declaredOn: base.system },
      meta,
    );
  } catch (e) {
    return errorFact(e, meta);
  }
}
