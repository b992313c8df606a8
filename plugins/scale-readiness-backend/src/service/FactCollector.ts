import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type EntityFacts,
  type FactContribution,
  type FactStatus,
  stableHash,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import { errorFact } from '@scale-readiness/plugin-scale-readiness-node';
import type { FactsRow, GroupRow, ReadinessStore } from '../database';
import { buildBaseFacts } from '../providers';
import type { CachedCatalogLookup } from './CachedCatalogLookup';

/** Catalog page size of the collection pass. */
export const PAGE_SIZE = 500;

/**
 * Collects facts: the group hierarchy, base facts from the catalog and every
 * provider's contribution, written through the store (which skips unchanged
 * rows and marks entities with changed inputs dirty).
 */
export class FactCollector {
  readonly #store: ReadinessStore;
  readonly #providers: FactProvider[];
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: ReadinessStore;
    providers: FactProvider[];
    logger: LoggerService;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#providers = options.providers;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  /** Replaces the stored group hierarchy. @returns the number of groups */
  async syncGroups(
    catalog: CatalogService,
    credentials: BackstageCredentials,
  ): Promise<number> {
    const rows: GroupRow[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata', 'spec.parent', 'spec.profile'],
        pageSize: PAGE_SIZE,
      },
      { credentials },
    )) {
      for (const group of page) {
        rows.push(groupRow(group));
      }
    }
    await this.#store.replaceGroups(rows, this.#now());
    return rows.length;
  }

  /** Collects facts for one page; returns refs whose base or facts changed. */
  async collectPage(
    page: Entity[],
    lookup: CachedCatalogLookup,
    seenAt: Date,
  ): Promise<string[]> {
    const store = this.#store;
    const logger = this.#logger;
    const bases = page.map(buildBaseFacts);
    const now = this.#now();
    // Providers read while the entities are written.
    const [changedBase, contributions] = await Promise.all([
      store.upsertEntities(
        page.map((entity, i) => ({
          entityRef: bases[i].entityRef,
          kind: bases[i].kind,
          ownerRef: ownerRefOf(entity),
          base: bases[i] as EntityFacts,
        })),
        seenAt,
      ),
      Promise.all(
        this.#providers.map(async provider => {
          try {
            return await provider.collect(page, {
              logger: logger.child({ provider: provider.id }),
              catalog: lookup,
              now,
            });
          } catch (error) {
            logger.warn(
              `Fact provider ${provider.id} failed for a batch: ${error}`,
            );
            return new Map(
              bases.map(b => [
                b.entityRef,
                Object.fromEntries(
                  provider.sections.map(section => [
                    section,
                    errorFact(error, { source: provider.id, collectedAt: now }),
                  ]),
                ) as FactContribution,
              ]),
            );
          }
        }),
      ),
    ]);

    const rows: FactsRow[] = [];
    this.#providers.forEach((provider, p) => {
      for (const base of bases) {
        const raw = contributions[p].get(base.entityRef) ?? {};
        const facts: FactContribution = {};
        for (const section of provider.sections) {
          if (raw[section]) (facts as any)[section] = raw[section];
        }
        const statuses = Object.values(facts).map(f => f?.status);
        rows.push({
          entityRef: base.entityRef,
          providerId: provider.id,
          status: overallStatus(statuses),
          hash: hashContribution(facts),
          facts,
          collectedAt: now,
        });
      }
    });
    const changedFacts = await store.upsertFacts(rows);
    return [...new Set([...changedBase, ...changedFacts])];
  }
}

/** Hashes facts without `collectedAt`, so an unchanged value hashes the same on every pass. */
export function hashContribution(facts: FactContribution): string {
  const stripped: Record<string, unknown> = {};
  for (const [section, fact] of Object.entries(facts)) {
    if (fact) {
      const { collectedAt: _ignored, ...rest } = fact;
      stripped[section] = rest;
    }
  }
  return stableHash(stripped);
}

/** A provider's status for an entity: any error wins, then any ok. */
function overallStatus(statuses: Array<FactStatus | undefined>): FactStatus {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('ok')) return 'ok';
  return 'not-configured';
}

function ownerRefOf(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  return rel?.targetRef ?? null;
}

function groupRow(group: Entity): GroupRow {
  const annotations = group.metadata.annotations ?? {};
  const spec = (group.spec ?? {}) as {
    parent?: string;
    profile?: { displayName?: string };
  };
  const namespace = group.metadata.namespace ?? 'default';
  const toRef = (ref: string, kind: string) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: kind, defaultNamespace: namespace }),
      );
    } catch {
      return undefined;
    }
  };
  const champions = (annotations['scale-readiness.io/champions'] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(ref => toRef(ref, 'user'))
    .filter((r): r is string => !!r);
  return {
    groupRef: stringifyEntityRef(group),
    parentRef: spec.parent ? toRef(spec.parent, 'group') ?? null : null,
    title: group.metadata.title ?? spec.profile?.displayName ?? null,
    champions,
  };
}
