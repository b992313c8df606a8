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
import type {
  FactProvider,
  FactProviderContext,
} from '@scale-readiness/plugin-scale-readiness-node';
import { errorFact } from '@scale-readiness/plugin-scale-readiness-node';
import type {
  CollectState,
  FactsRow,
  FactStore,
  GroupRow,
  ScorecardReadModel,
} from '../database';
import { hashText } from '../database/util';
import { buildBaseFacts } from '../providers';
import type { CachedCatalogLookup } from './CachedCatalogLookup';
import { holdInsertedFacts, type MergedFactsCache } from './MergedFactsCache';

/** Pass-state name of the stored group hierarchy's signature. */
export const GROUPS_STATE = 'groups';

/** Catalog page size of the collection pass. */
export const PAGE_SIZE = 1000;

/**
 * Collects facts: the group hierarchy, base facts from the catalog and every
 * provider's contribution, written through the store (which skips unchanged
 * rows and marks entities with changed inputs dirty).
 */
export class FactCollector {
  readonly #store: FactStore & Pick<ScorecardReadModel, 'replaceGroups'>;
  readonly #providers: FactProvider[];
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #factsCache?: MergedFactsCache;

  constructor(options: {
    store: FactStore & Pick<ScorecardReadModel, 'replaceGroups'>;
    providers: FactProvider[];
    logger: LoggerService;
    now: () => Date;
    /** Filled with the merged facts of inserted entities (see `holdInsertedFacts`). */
    factsCache?: MergedFactsCache;
  }) {
    this.#store = options.store;
    this.#factsCache = options.factsCache;
    this.#providers = options.providers;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  /**
   * Replaces the stored group hierarchy, unless it is the one stored by the
   * last sync (same signature in the pass state).
   * @returns the number of groups
   */
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
    rows.sort((a, b) => (a.groupRef < b.groupRef ? -1 : 1));
    const signature = hashText(JSON.stringify(rows));
    if ((await this.#store.getPassState(GROUPS_STATE)) !== signature) {
      const now = this.#now();
      await this.#store.replaceGroups(rows, now);
      await this.#store.setPassState(GROUPS_STATE, signature, now);
    }
    return rows.length;
  }

  /**
   * Collects facts for one page; returns refs whose base or facts changed.
   *
   * Skips what did not change: base facts are rebuilt only for entities whose
   * catalog etag moved on since they were stored, and a provider that declares
   * input keys (`FactProvider.inputKeys`) is asked only about entities whose
   * key differs from the stored one. Everything else is left as it is.
   */
  async collectPage(
    page: Entity[],
    lookup: CachedCatalogLookup,
    seenAt: Date,
    options: { force?: boolean } = {},
  ): Promise<string[]> {
    const store = this.#store;
    const logger = this.#logger;
    const refs = page.map(e => stringifyEntityRef(e));
    // Read while the providers compute their input keys. `force` collects
    // everything (and stores the new keys).
    const state = options.force
      ? Promise.resolve(new Map<string, CollectState>())
      : store.getCollectState(refs);
    state.catch(() => {}); // awaited below
    const now = this.#now();

    // Unchanged entities are not even touched (see `deleteEntitiesNotSeenSince`).
    const bases = new Map<string, EntityFacts>();
    const writeEntities = async () => {
      const known = await state;
      const rebuild = page.filter((entity, i) => {
        const key = sourceKeyOf(entity);
        return key === undefined || known.get(refs[i])?.sourceKey !== key;
      });
      return this.#writeEntities(rebuild, seenAt, bases);
    };

    // Providers read while the entities are written.
    const [changedBase, contributions] = await Promise.all([
      writeEntities(),
      Promise.all(
        this.#providers.map(provider =>
          this.#collectProvider(provider, page, refs, state, {
            logger: logger.child({ provider: provider.id }),
            catalog: lookup,
            now,
            storedFacts: (providerId, entityRefs) =>
              store.getProviderFacts(providerId, entityRefs),
          }),
        ),
      ),
    ]);

    const rows: FactsRow[] = [];
    this.#providers.forEach((provider, p) => {
      const { entityRefs, facts: collected, keys } = contributions[p];
      for (const entityRef of entityRefs) {
        const raw = collected.get(entityRef) ?? {};
        const facts: FactContribution = {};
        for (const section of provider.sections) {
          if (raw[section]) (facts as any)[section] = raw[section];
        }
        const status = overallStatus(Object.values(facts).map(f => f?.status));
        rows.push({
          entityRef,
          providerId: provider.id,
          status,
          hash: hashContribution(facts),
          facts,
          collectedAt: now,
          // Errors are retried on the next pass whatever the key says.
          inputKey: status === 'error' ? null : keys.get(entityRef) ?? null,
        });
      }
    });
    // Entities whose base changed were marked dirty (generation bumped) by
    // `upsertEntities` already.
    const changedFacts = await store.upsertFacts(rows, {
      markedDirty: new Set(changedBase),
    });
    const changed = [...new Set([...changedBase, ...changedFacts])];
    if (this.#factsCache) {
      this.#factsCache.invalidate(changed);
      if (!options.force) {
        const known = await state;
        holdInsertedFacts(this.#factsCache, {
          newRefs: changedBase.filter(ref => !known.has(ref)),
          bases,
          rows,
          providerIds: this.#providers.map(p => p.id),
        });
      }
    }
    return changed;
  }

  async #writeEntities(
    rebuild: Entity[],
    seenAt: Date,
    bases: Map<string, EntityFacts>,
  ): Promise<string[]> {
    return this.#store.upsertEntities(
      rebuild.map(entity => {
        const base = buildBaseFacts(entity);
        bases.set(base.entityRef, base as EntityFacts);
        return {
          entityRef: base.entityRef,
          kind: base.kind,
          ownerRef: ownerRefOf(entity),
          base: base as EntityFacts,
          sourceKey: sourceKeyOf(entity) ?? null,
        };
      }),
      seenAt,
    );
  }

  /** Runs one provider for the entities whose input key changed. */
  async #collectProvider(
    provider: FactProvider,
    page: Entity[],
    refs: string[],
    statePromise: Promise<Map<string, CollectState>>,
    ctx: FactProviderContext,
  ): Promise<{
    entityRefs: string[];
    facts: Map<string, FactContribution>;
    keys: Map<string, string>;
  }> {
    let keys = new Map<string, string>();
    if (provider.inputKeys) {
      try {
        keys = await provider.inputKeys(page, ctx);
      } catch (error) {
        ctx.logger.warn(
          `Fact provider ${provider.id} could not compute input keys: ${error}`,
        );
      }
    }
    const state = await statePromise;
    const todo: Entity[] = [];
    const entityRefs: string[] = [];
    page.forEach((entity, i) => {
      const key = keys.get(refs[i]);
      if (
        key === undefined ||
        state.get(refs[i])?.inputKeys.get(provider.id) !== key
      ) {
        todo.push(entity);
        entityRefs.push(refs[i]);
      }
    });
    if (todo.length === 0) {
      return { entityRefs, facts: new Map(), keys };
    }
    try {
      return { entityRefs, facts: await provider.collect(todo, ctx), keys };
    } catch (error) {
      ctx.logger.warn(
        `Fact provider ${provider.id} failed for a batch: ${error}`,
      );
      const failed = Object.fromEntries(
        provider.sections.map(section => [
          section,
          errorFact(error, { source: provider.id, collectedAt: ctx.now }),
        ]),
      ) as FactContribution;
      return {
        entityRefs,
        facts: new Map(entityRefs.map(ref => [ref, failed])),
        keys,
      };
    }
  }
}

/** Bumped when `buildBaseFacts` changes, so stored base facts are rebuilt. */
const BASE_FACTS_VERSION = 2;

/**
 * The key of an entity's base facts: its catalog `metadata.etag` (which the
 * catalog changes on every change of the entity, relations included), or
 * undefined when the entity has none (then base facts are always rebuilt).
 */
export function sourceKeyOf(entity: Entity): string | undefined {
  const etag = entity.metadata?.etag;
  return typeof etag === 'string' && etag !== ''
    ? `${BASE_FACTS_VERSION}:${etag}`
    : undefined;
}

/**
 * Hashes facts without `collectedAt`, so an unchanged value hashes the same
 * on every pass (key-order independent: providers may build objects in any
 * order).
 */
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
