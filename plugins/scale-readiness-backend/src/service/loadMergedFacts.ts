import {
  type EntityFacts,
  type FactContribution,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactStore } from '../database';

/**
 * Merged facts (base + every provider's contribution) of the given entities
 * that exist in the store, in the order asked.
 */
export async function loadMergedFacts(
  store: FactStore,
  entityRefs: string[],
): Promise<EntityFacts[]> {
  const [entities, facts] = await Promise.all([
    store.getEntities(entityRefs),
    store.getFacts(entityRefs),
  ]);
  const out: EntityFacts[] = [];
  for (const ref of entityRefs) {
    const entity = entities.get(ref);
    if (!entity) continue;
    out.push(
      mergeFacts(
        entity.base,
        (facts.get(ref) ?? []).map(f => ({
          providerId: f.providerId,
          facts: f.facts as FactContribution,
        })),
      ),
    );
  }
  return out;
}
