/**
 * Scoring a catalogue: evaluate every entity, then propagate chain readiness
 * over their relations and recompute levels (gold needs chain headroom).
 */
import {
  DEFAULT_READINESS_CONFIG,
  ReadinessConfig,
  resolveReadinessConfig,
} from '../config';
import type { EntityFacts, RelationFacts } from '../facts';
import type { EntityResult } from '../results';
import { computeChains } from './chain';
import { EMPTY_RELATIONS } from './chainGraph';
import { evaluateEntity, indexWaivers } from './evaluate';
import { computeLevel } from './level';
import type { EvaluateOptions } from './types';

function relationsLookup(
  factsByRef:
    | ReadonlyMap<string, Pick<EntityFacts, 'relations'>>
    | Readonly<Record<string, Pick<EntityFacts, 'relations'>>>,
): (ref: string) => RelationFacts | undefined {
  if (factsByRef instanceof Map) {
    const lower = new Map<string, Pick<EntityFacts, 'relations'>>();
    for (const [k, v] of factsByRef) lower.set(k.toLowerCase(), v);
    return ref =>
      (factsByRef.get(ref) ?? lower.get(ref.toLowerCase()))?.relations;
  }
  const record = factsByRef as Readonly<
    Record<string, Pick<EntityFacts, 'relations'>>
  >;
  return ref => record[ref]?.relations;
}

/**
 * Adds chain readiness to results that were evaluated one by one (e.g. results
 * read back from the store) and recomputes their level. Returns new result
 * objects in the same order; relations come from `factsByRef` (missing → none).
 * @public
 */
export function propagateChains(
  results: readonly EntityResult[],
  factsByRef:
    | ReadonlyMap<string, Pick<EntityFacts, 'relations'>>
    | Readonly<Record<string, Pick<EntityFacts, 'relations'>>>,
  config: Pick<ReadinessConfig, 'levels'> = DEFAULT_READINESS_CONFIG,
  options: Pick<EvaluateOptions, 'maxChainMembers'> = {},
): EntityResult[] {
  const lookup = relationsLookup(factsByRef);
  const chains = computeChains(
    results.map(r => ({
      entityRef: r.entityRef,
      relations: lookup(r.entityRef) ?? EMPTY_RELATIONS,
      ownHeadroom: r.ownHeadroom,
    })),
    options,
  );
  return results.map((r, i) => {
    const next: EntityResult = { ...r, chain: chains[i] };
    next.level = computeLevel(next, config);
    return next;
  });
}

/**
 * Evaluates every entity and propagates chain readiness over their relations;
 * levels are computed after the chain (gold needs chain headroom). Results are
 * in the order of `factsList`. Dependencies outside `factsList` are reported in
 * `chain.missing`.
 * @public
 */
export function evaluateAll(
  factsList: readonly EntityFacts[],
  config: ReadinessConfig = DEFAULT_READINESS_CONFIG,
  options: EvaluateOptions = {},
): EntityResult[] {
  const now = options.now ?? new Date();
  const waiverIndex = indexWaivers(options.waivers, now);
  const opts = { ...options, now, waiverIndex };
  const results = factsList.map(f => evaluateEntity(f, config, opts));
  const chains = computeChains(
    results.map((r, i) => ({
      entityRef: r.entityRef,
      relations: factsList[i].relations ?? EMPTY_RELATIONS,
      ownHeadroom: r.ownHeadroom,
    })),
    options,
  );
  for (let i = 0; i < results.length; i++) {
    results[i].chain = chains[i];
    results[i].level = computeLevel(results[i], config);
  }
  return results;
}

/**
 * The growth simulator: `evaluateAll` at another growth factor (validated > 0).
 * @public
 */
export function simulate(
  factsList: readonly EntityFacts[],
  growthFactor: number,
  config: ReadinessConfig = DEFAULT_READINESS_CONFIG,
  options: EvaluateOptions = {},
): EntityResult[] {
  const { growthFactor: validated } = resolveReadinessConfig({ growthFactor });
  return evaluateAll(
    factsList,
    { ...config, growthFactor: validated },
    options,
  );
}
