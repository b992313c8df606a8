import {
  readinessConfigFromAppConfig,
  resolveReadinessConfig,
  simulateInBrowser,
  type EngineSettings,
  type EntityFacts,
  type EntityResult,
  type CheckResult,
  type ReadinessConfig,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Fallback engine configuration for in-browser simulation, used only when the
 * server sent no engine settings: the `scaleReadiness` block of the
 * frontend-visible app-config when present and valid, else defaults.
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

/**
 * Evaluates facts at a growth factor with the shared pure engine, with the
 * server's engine settings when given (`engine` of the entity response), so
 * the result equals the server's `/simulate`; otherwise with `config`.
 */
export function evaluateAtFactor(
  facts: readonly EntityFacts[],
  config: ReadinessConfig,
  growthFactor: number,
  options: {
    now?: Date;
    waivers?: Waiver[];
    engine?: EngineSettings;
    serverOnlyResults?: Record<string, CheckResult[]>;
  } = {},
): EntityResult[] {
  return simulateInBrowser({ facts, ...options }, growthFactor, config);
}

/** Result for one ref among evaluated results (refs compared case-insensitively). */
export function findResult(
  results: readonly EntityResult[],
  entityRef: string,
): EntityResult | undefined {
  const key = entityRef.toLocaleLowerCase('en-US');
  return results.find(r => r.entityRef.toLocaleLowerCase('en-US') === key);
}
