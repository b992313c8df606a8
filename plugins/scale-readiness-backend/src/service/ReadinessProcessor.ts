import type {
  AuthService,
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
  type CheckDefinition,
  type EntityFacts,
  type EntityResult,
  evaluateAll,
  type FactContribution,
  type ReadinessConfig,
  stableHash,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import { errorFact } from '@scale-readiness/plugin-scale-readiness-node';
import type { FactsRow, ReadinessStore } from '../database';
import { buildBaseFacts } from '../providers/buildBaseFacts';
import { CachedCatalogLookup } from './CachedCatalogLookup';
import { DependencyGraph } from './DependencyGraph';
import { loadMergedFacts } from './loadMergedFacts';
import { toScorecardRow } from './scorecardRow';

/** Kinds that are scored. APIs only link consumers to providers. */
export const SCORED_KINDS = ['Component', 'Resource'];
const PAGE_SIZE = 500;
const EVAL_CHUNK = 2000;

/** Statistics of one pass, logged and shown by `/health`. */
export interface PassStats {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  entities: number;
  groups: number;
  factsChanged: number;
  deleted: number;
  evaluated: number;
  resultsWritten: number;
  historyAdded: number;
}

/** Options of {@link ReadinessProcessor}. */
export interface ReadinessProcessorOptions {
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  store: ReadinessStore;
  providers: FactProvider[];
  checks: CheckDefinition[];
  config: ReadinessConfig;
  now?: () => Date;
}

/** Hashes facts without `collectedAt`, so an unchanged value hashes the same on every pass. */
function hashContribution(facts: FactContribution): string {
  const stripped: Record<string, unknown> = {};
  for (const [section, fact] of Object.entries(facts)) {
    if (fact) {
      const { collectedAt: _ignored, ...rest } = fact;
      stripped[section] = rest;
    }
  }
  return stableHash(stripped);
}

/**
 * Collects facts for every scored catalog entity and evaluates what changed.
 *
 * Incremental: facts are hashed per provider and only rewritten when they
 * change (the store marks such entities dirty). Evaluation then covers the
 * dirty entities and everything that transitively depends on them, because a
 * result depends only on the entity's own facts and those of its dependencies.
 * When nothing is dirty and the configuration is unchanged, nothing is
 * evaluated. The store writes only results whose hash changed.
 */
export class ReadinessProcessor {
  readonly #options: ReadinessProcessorOptions;
  readonly #configHash: string;
  #lastConfigHash: string | undefined;
  #lastPass: PassStats | undefined;

  constructor(options: ReadinessProcessorOptions) {
    this.#options = options;
    this.#configHash = stableHash({
      config: options.config,
      checks: options.checks.map(c => c.id),
    });
  }

  get lastPass(): PassStats | undefined {
    return this.#lastPass;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  async #credentials(): Promise<BackstageCredentials> {
    return this.#options.auth.getOwnServiceCredentials();
  }

  /** One full pass: groups, facts for every scored entity, cleanup, evaluation. */
  async runPass(): Promise<PassStats> {
    const { logger, catalog, store } = this.#options;
    const started = this.#now();
    const credentials = await this.#credentials();
    const lookup = new CachedCatalogLookup(catalog, credentials);

    const groups = await this.#syncGroups(credentials);

    let entities = 0;
    const changed = new Set<string>();
    for await (const page of catalog.streamEntities(
      { filter: { kind: SCORED_KINDS }, pageSize: PAGE_SIZE },
      { credentials },
    )) {
      entities += page.length;
      for (const ref of await this.#collectPage(page, lookup, started)) {
        changed.add(ref);
      }
      lookup.clear();
    }

    const deleted = await store.deleteEntitiesNotSeenSince(started);
    const evaluation = await this.#evaluate([...changed, ...deleted]);
    await store.recomputeTeamRollups({
      growthFactor: this.#options.config.growthFactor,
      at: this.#now(),
    });

    const finished = this.#now();
    const stats: PassStats = {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      entities,
      groups,
      factsChanged: changed.size,
      deleted: deleted.length,
      ...evaluation,
    };
    this.#lastPass = stats;
    logger.info(
      `Scale readiness pass: ${entities} entities, ${changed.size} changed, ` +
        `${deleted.length} deleted, ${evaluation.evaluated} evaluated, ` +
        `${evaluation.resultsWritten} results written in ${stats.durationMs} ms`,
    );
    return stats;
  }

  /**
   * Collects and evaluates one entity now (and re-evaluates its dependents).
   * @returns the new result, or undefined when the entity is not in the catalog
   */
  async refreshEntity(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<EntityResult | undefined> {
    const { catalog, store } = this.#options;
    const creds = credentials ?? (await this.#credentials());
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: creds,
    });
    if (!entity || !SCORED_KINDS.includes(entity.kind)) {
      return undefined;
    }
    const lookup = new CachedCatalogLookup(catalog, await this.#credentials());
    const changed = await this.#collectPage([entity], lookup, this.#now());
    await this.#evaluate([...changed, entityRef], { force: [entityRef] });
    await store.recomputeTeamRollups({
      growthFactor: this.#options.config.growthFactor,
      at: this.#now(),
    });
    return (await store.getResult(entityRef))?.result;
  }

  async #syncGroups(credentials: BackstageCredentials): Promise<number> {
    const rows = [];
    for await (const page of this.#options.catalog.streamEntities(
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
    await this.#options.store.replaceGroups(rows, this.#now());
    return rows.length;
  }

  /** Collects facts for one page; returns refs whose base or facts changed. */
  async #collectPage(
    page: Entity[],
    lookup: CachedCatalogLookup,
    seenAt: Date,
  ): Promise<string[]> {
    const { store, providers, logger } = this.#options;
    const bases = page.map(buildBaseFacts);
    const changedBase = await store.upsertEntities(
      page.map((entity, i) => ({
        entityRef: bases[i].entityRef,
        kind: bases[i].kind,
        ownerRef: ownerRefOf(entity),
        base: bases[i] as EntityFacts,
      })),
      seenAt,
    );

    const rows: FactsRow[] = [];
    const now = this.#now();
    for (const provider of providers) {
      let contributions: Map<string, FactContribution>;
      try {
        contributions = await provider.collect(page, {
          logger: logger.child({ provider: provider.id }),
          catalog: lookup,
          now,
        });
      } catch (error) {
        logger.warn(`Fact provider ${provider.id} failed for a batch: ${error}`);
        contributions = new Map(
          bases.map(b => [
            b.entityRef,
            Object.fromEntries(
              provider.sections.map(section => [
                section,
                errorFact(error, { source: provider.id, collectedAt: now }),
              ]),
            ),
          ]),
        );
      }
      for (const base of bases) {
        const raw = contributions.get(base.entityRef) ?? {};
        const facts: FactContribution = {};
        for (const section of provider.sections) {
          if (raw[section]) (facts as any)[section] = raw[section];
        }
        const statuses = Object.values(facts).map(f => f?.status);
        rows.push({
          entityRef: base.entityRef,
          providerId: provider.id,
          status: statuses.includes('error')
            ? 'error'
            : statuses.includes('ok')
              ? 'ok'
              : 'not-configured',
          hash: hashContribution(facts),
          facts,
          collectedAt: now,
        });
      }
    }
    const changedFacts = await store.upsertFacts(rows);
    return [...new Set([...changedBase, ...changedFacts])];
  }

  /**
   * Evaluates the dirty entities, the `changed` ones and all their transitive
   * dependents (everything when the configuration changed).
   */
  async #evaluate(
    changed: string[],
    options: { force?: string[] } = {},
  ): Promise<Pick<PassStats, 'evaluated' | 'resultsWritten' | 'historyAdded'>> {
    const { store, config, checks } = this.#options;
    const graph = new DependencyGraph(await store.listEntityGraph());
    const configChanged = this.#lastConfigHash !== this.#configHash;
    const dirty = await store.listDirty(Number.MAX_SAFE_INTEGER);
    const seeds = configChanged
      ? graph.refs()
      : [...new Set([...changed, ...dirty, ...(options.force ?? [])])];
    const affected = graph.withDependents(seeds);
    let evaluated = 0;
    let resultsWritten = 0;
    let historyAdded = 0;

    // Evaluate in chunks; each chunk loads its own facts plus its chain.
    const affectedList = [...affected].sort();
    for (let i = 0; i < affectedList.length; i += EVAL_CHUNK) {
      const chunk = affectedList.slice(i, i + EVAL_CHUNK);
      const needed = graph.withDependencies(chunk);
      const facts = await loadMergedFacts(this.#options.store, [...needed]);
      const now = this.#now();
      const results = evaluateAll(facts, config, { checks, now });
      const wanted = new Set(chunk);
      const toSave = results
        .filter(r => wanted.has(r.entityRef))
        .map(result => ({
          result,
          row: toScorecardRow(result, now),
          resultHash: stableHash(result),
        }));
      const saved = await store.saveResults(toSave, now);
      await store.markEvaluated(
        chunk.map(entityRef => ({ entityRef, inputHash: this.#configHash })),
        now,
      );
      evaluated += toSave.length;
      resultsWritten += saved.written;
      historyAdded += saved.historyAdded;
    }
    this.#lastConfigHash = this.#configHash;
    return { evaluated, resultsWritten, historyAdded };
  }

  /** Merged facts of the given entities (those in the store). */
}

function ownerRefOf(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  return rel?.targetRef ?? null;
}

function groupRow(group: Entity) {
  const annotations = group.metadata.annotations ?? {};
  const spec = (group.spec ?? {}) as { parent?: string; profile?: { displayName?: string } };
  const namespace = group.metadata.namespace ?? 'default';
  const toRef = (ref: string, kind: string) => {
    try {
      return stringifyEntityRef(
        parseRef(ref, kind, namespace),
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

function parseRef(ref: string, defaultKind: string, defaultNamespace: string) {
  return parseEntityRef(ref, { defaultKind, defaultNamespace });
}
