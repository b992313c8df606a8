import type { Entity } from '@backstage/catalog-model';
import {
  EntityFacts,
  FactContribution,
  mergeFacts,
  ProviderFactContribution,
} from '@scale-readiness/plugin-scale-readiness-common';
import { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import {
  buildBaseFacts,
  CatalogFactProvider,
} from '@scale-readiness/plugin-scale-readiness-facts';
import { InMemoryCatalog } from '../catalog/InMemoryCatalog';
import type { SourcedEntity } from '../input/classify';
import { LOAD_TEST_PROVIDER_ID, loadTestContribution } from './loadTestSection';
import {
  MANIFESTS_PROVIDER_ID,
  workloadContribution,
  WorkloadSectionContext,
} from './workloadSection';

/** Kinds that are scored, as in the backend (APIs only link consumers to providers). */
export const SCORED_KINDS: readonly string[] = ['component', 'resource'];

const silentLogger: FactProviderContext['logger'] = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** Keeps only the sections a provider declares (the backend does the same). */
function sectionsOf(
  contribution: FactContribution | undefined,
  sections: readonly string[],
): FactContribution {
  const out: Record<string, unknown> = {};
  for (const section of sections) {
    const fact = (contribution as Record<string, unknown> | undefined)?.[
      section
    ];
    if (fact) out[section] = fact;
  }
  return out as FactContribution;
}

/**
 * Collects the merged facts of every scored entity (Components and
 * Resources) the way the backend does: base facts from the entity, the
 * built-in `catalog` provider over an in-memory catalog of every entity read,
 * the `workloads` section (see `workloadContribution`) and the `loadTest`
 * section of local report files (see `loadTestContribution`), merged with
 * `mergeFacts`. Entities keep the given order.
 */
export async function collectFacts(
  entities: ReadonlyArray<SourcedEntity>,
  ctx: WorkloadSectionContext,
): Promise<EntityFacts[]> {
  const catalog = new InMemoryCatalog(entities.map(e => e.entity));
  const scored = entities.filter(e =>
    SCORED_KINDS.includes(e.entity.kind.toLowerCase()),
  );
  const provider = new CatalogFactProvider();
  const catalogFacts = await provider.collect(
    scored.map(e => e.entity as Entity),
    { logger: silentLogger, catalog, now: ctx.now },
  );
  return scored.map(sourced => {
    const base = buildBaseFacts(sourced.entity);
    const contributions: ProviderFactContribution[] = [
      {
        providerId: provider.id,
        facts: sectionsOf(catalogFacts.get(base.entityRef), provider.sections),
      },
    ];
    const workloads = workloadContribution(sourced, ctx);
    if (workloads) {
      contributions.push({
        providerId: MANIFESTS_PROVIDER_ID,
        facts: workloads,
      });
    }
    const loadTest = loadTestContribution(sourced, ctx.roots, ctx.now);
    if (loadTest) {
      contributions.push({
        providerId: LOAD_TEST_PROVIDER_ID,
        facts: loadTest,
      });
    }
    return mergeFacts(base, contributions);
  });
}
