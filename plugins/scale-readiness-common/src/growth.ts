/**
 * Scoped growth: a growth factor per Component or System instead of one for
 * the whole organisation.
 *
 * Precedence for one entity: its own `scale-readiness.io/growth-factor`
 * annotation, then `scaleReadiness.growth.systems[<its system>]` (operator
 * config), then the annotation on its System, then the global `growthFactor`.
 *
 * The simulator's factor stands for the organisation-wide growth: a scoped
 * factor keeps its ratio to the configured global factor, i.e. the effective
 * factor is `scoped × simulated / configured` (at the configured factor, the
 * scoped factor itself).
 */
import { normaliseSystemRef } from './customCheckConfig';
import type { EntityFacts } from './facts';

/** Scoped growth configuration (`scaleReadiness.growth`). @public */
export interface GrowthConfig {
  /** Growth factor per System ref (`system:default/payments`), > 0. */
  systems: Record<string, number>;
  /**
   * The configured global factor the scoped factors are relative to; set by
   * the configuration reader, kept when a simulation overrides `growthFactor`.
   */
  referenceFactor: number;
}

/** Where an entity's effective growth factor comes from. @public */
export type GrowthScope = 'global' | 'entity' | 'system-config' | 'system';

/** An entity's effective growth factor and its origin. @public */
export interface EffectiveGrowth {
  factor: number;
  scope: GrowthScope;
  /** The declared (unscaled) factor of the scope. */
  declared: number;
}

/**
 * Validates `scaleReadiness.growth` (`{ systems: { <ref>: factor } }`); keys
 * are normalised to lower-case System refs.
 * @public
 */
export function parseGrowthConfig(
  raw: unknown,
  referenceFactor: number,
): GrowthConfig {
  const systems: Record<string, number> = {};
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw))
      throw new Error(
        'Invalid scale readiness configuration: growth must be an object',
      );
    const obj = raw as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (key !== 'systems' && key !== 'referenceFactor')
        throw new Error(
          `Invalid scale readiness configuration: growth.${key} is not a known key (expected systems)`,
        );
    }
    const list = obj.systems ?? {};
    if (typeof list !== 'object' || list === null || Array.isArray(list))
      throw new Error(
        'Invalid scale readiness configuration: growth.systems must map System refs to factors',
      );
    for (const [ref, factor] of Object.entries(list)) {
      if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0)
        throw new Error(
          `Invalid scale readiness configuration: growth.systems.${ref} must be a number greater than 0, got ${JSON.stringify(
            factor,
          )}`,
        );
      systems[normaliseSystemRef(ref)] = factor;
    }
  }
  return { systems, referenceFactor };
}

/**
 * The growth factor an entity is evaluated at, given the (possibly
 * simulated) global `growthFactor` and the scoped growth configuration.
 * @public
 */
export function effectiveGrowthOf(
  facts: Pick<EntityFacts, 'system' | 'growth'>,
  config: { growthFactor: number; growth?: GrowthConfig },
): EffectiveGrowth {
  const global = config.growthFactor;
  const reference = config.growth?.referenceFactor ?? global;
  const scale = (declared: number, scope: GrowthScope): EffectiveGrowth => ({
    factor: Math.round(((declared * global) / reference) * 1000) / 1000,
    scope,
    declared,
  });
  const declared =
    facts.growth?.status === 'ok' ? facts.growth.value : undefined;
  if (declared && declared.scope === 'entity' && declared.factor > 0)
    return scale(declared.factor, 'entity');
  const system = facts.system?.toLowerCase();
  const configured = system ? config.growth?.systems[system] : undefined;
  if (configured !== undefined) return scale(configured, 'system-config');
  if (declared && declared.scope === 'system' && declared.factor > 0)
    return scale(declared.factor, 'system');
  return { factor: global, scope: 'global', declared: global };
}
