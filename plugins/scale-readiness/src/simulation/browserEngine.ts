import {
  evaluateAll,
  readinessConfigFromAppConfig,
  resolveReadinessConfig,
  type EntityFacts,
  type EntityResult,
  type ReadinessConfig,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Engine configuration for in-browser simulation: the `scaleReadiness` block
 * of the frontend-visible app-config when present and valid, else defaults.
 */
export function browserReadinessConfig(
  appConfigBlock: unknown,
): ReadinessConfig {
  try {
    return readinessConfigFromAppConfig(appConfigBlock);
  } catch {
    return resolveReadinessConfig();
  }
}

/** Waivers carried by a stored result, so a re-evaluation keeps them. */
export function waiversOf(result: EntityResult): Waiver[] {
  const waivers: Waiver[] = [];
  for (const check of result.checks) {
    if (check.waived) {
      waivers.push({
        entityRef: result.entityRef,
        checkId: check.id,
        ...check.waived,
      });
    }
  }
  return waivers;
}

/** Evaluates facts at a growth factor with the shared pure engine. */
export function evaluateAtFactor(
  facts: readonly EntityFacts[],
  config: ReadinessConfig,
  growthFactor: number,
  options: { now?: Date; waivers?: Waiver[] } = {},
): EntityResult[] {
  return evaluateAll([...facts], { ...config, growthFactor }, options);
}

/** Result for one ref among evaluated results (refs compared case-insensitively). */
export function findResult(
  results: readonly EntityResult[],
  entityRef: string,
): EntityResult | undefined {
  const key = entityRef.toLocaleLowerCase('en-US');
  return results.find(r => r.entityRef.toLocaleLowerCase('en-US') === key);
}
