import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  EntityReadinessResponse,
  EntityResult,
} from '@scale-readiness/plugin-scale-readiness-common';
import { useMemo } from 'react';
import {
  browserReadinessConfig,
  evaluateAtFactor,
  findResult,
  waiversOf,
} from '../simulation/browserEngine';

/** Outcome of evaluating an entity's stored facts in the browser. */
export interface BrowserEvaluation {
  /** The entity's result at the requested factor. */
  result?: EntityResult;
  /** Every evaluated result (the entity and its chain members). */
  results: EntityResult[];
  /** Own headroom of every evaluated entity, by ref. */
  ownHeadroom: Map<string, number | null>;
  error?: Error;
}

/**
 * The global factor at which the entity itself is evaluated at `entityFactor`:
 * with scoped growth (the entity's stored factor differs from the configured
 * global one), the simulator's factor is the entity's own and every other
 * entity of the chain scales in proportion (see docs/checks.md, scoped growth).
 */
export function globalFactorFor(
  response: Pick<EntityReadinessResponse, 'engine' | 'result'>,
  entityFactor: number,
): number {
  const configured = response.engine?.config.growthFactor;
  const own = response.result.growthFactor;
  if (!configured || !(own > 0) || configured === own) return entityFactor;
  return (entityFactor * configured) / own;
}

/**
 * Re-evaluates the facts of a readiness response (entity plus chain members)
 * with the pure engine and the server's engine settings (`response.engine`),
 * the entity itself at `growthFactor` (its own factor: see `globalFactorFor`);
 * memoised per factor. Checks of backend modules show
 * their stored result, marked `serverOnly`.
 */
export function useBrowserEvaluation(
  response: EntityReadinessResponse,
  growthFactor: number,
): BrowserEvaluation {
  const configApi = useApi(configApiRef);
  const config = useMemo(() => {
    let block: unknown;
    try {
      block = configApi.getOptional('scaleReadiness');
    } catch {
      block = undefined;
    }
    return browserReadinessConfig(block);
  }, [configApi]);

  return useMemo(() => {
    if (response.facts.length === 0) {
      return { results: [], ownHeadroom: new Map() };
    }
    try {
      const results = evaluateAtFactor(
        response.facts,
        config,
        globalFactorFor(response, growthFactor),
        {
          now: new Date(response.evaluatedAt),
          waivers: waiversOf(response.result),
          engine: response.engine,
          serverOnlyResults: response.serverOnlyResults,
        },
      );
      const ownHeadroom = new Map<string, number | null>();
      for (const r of results) {
        ownHeadroom.set(
          r.entityRef,
          r.ownHeadroom ? r.ownHeadroom.headroom : null,
        );
      }
      return {
        result: findResult(results, response.result.entityRef),
        results,
        ownHeadroom,
      };
    } catch (e) {
      return {
        results: [],
        ownHeadroom: new Map(),
        error: e instanceof Error ? e : new Error(String(e)),
      };
    }
  }, [response, config, growthFactor]);
}
