import {
  type EntityFacts,
  type FactContribution,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactStore, StoredEntity, StoredFacts } from '../database';
import type { MergedFactsCache } from './MergedFactsCache';

/**
 * Merged facts (base + every provider's contribution) of the given entities
 * that exist in the store, in the order asked. With `cached`, entities held
 * in the cache at their current generation are not read from the store.
 */
export async function loadMergedFacts(
  store: FactStore,
  entityRefs: string[],
  cached?: {
    cache: MergedFactsCache;
    /** The entity's generation as the caller knows it (claimed or read). */
    generationOf: (entityRef: string) => number | undefined;
  },
): Promise<EntityFacts[]> {
  const hits = new Map<string, EntityFacts>();
  if (cached?.cache.enabled) {
    for (const ref of entityRefs) {
      const generation = cached.generationOf(ref);
      const facts =
        generation === undefined
          ? undefined
          : cached.cache.get(ref, generation);
      if (facts) hits.set(ref, facts);
    }
  }
  const toRead =
    hits.size === 0 ? entityRefs : entityRefs.filter(ref => !hits.has(ref));
  const [entities, facts] = await Promise.all([
    toRead.length === 0
      ? new Map<string, StoredEntity>()
      : store.getEntities(toRead),
    toRead.length === 0
      ? new Map<string, StoredFacts[]>()
      : store.getFacts(toRead),
  ]);
  const out: EntityFacts[] = [];
  for (const ref of entityRefs) {
    const hit = hits.get(ref);
    if (hit) {
      out.push(hit);
      continue;
    }
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
