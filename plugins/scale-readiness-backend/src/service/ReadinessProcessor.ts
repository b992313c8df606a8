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
  type ChainNode,
  type ChainResult,
  type CheckDefinition,
  computeChains,
  type EntityFacts,
  type EntityResult,
  type FactStatus,
  evaluateEntity,
  indexWaivers,
  type LevelSummary,
  levelFor,
  levelSummaryOf,
  type FactContribution,
  type ReadinessConfig,
  stableHash,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import { errorFact } from '@scale-readiness/plugin-scale-readiness-node';
import type { FactsRow, ReadinessStore } from '../database';
import { buildBaseFacts } from '../providers';
import { CachedCatalogLookup } from './CachedCatalogLookup';
import { DependencyGraph, type GraphNode } from './DependencyGraph';
import { loadMergedFacts } from './loadMergedFacts';
import { toScorecardRow } from './scorecardRow';

/** Kinds that are scored. APIs only link consumers to providers. */
export const SCORED_KINDS = ['Component', 'Resource'];
const PAGE_SIZE = 500;
const EVAL_CHUNK = 500;
/** Up to this many affected results are kept between the two phases instead of re-evaluated. */
const KEEP_IN_MEMORY = 5000;

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
  /** Waivers to apply (valid ones mark results `waived`; expired ones are ignored). */
  waivers?: () => Promise<Waiver[]>;
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

    // The graph is read before the cleanup: a deleted entity's dependents
    // (including consumers of the APIs it provided) are only known from it.
    const nodes = await store.listEntityGraph();
    // An empty catalog page stream usually means the catalog is still
    // ingesting (fresh start) or unreachable: never wipe results because of it.
    const deleted =
      entities > 0 ? await store.deleteEntitiesNotSeenSince(started) : [];
    if (entities === 0) {
      logger.warn('Scale readiness pass saw no entities; skipping cleanup');
    }
    const orphaned: string[] = [];
    let remaining = nodes;
    if (deleted.length > 0) {
      const gone = new Set(deleted);
      for (const ref of new DependencyGraph(nodes).withDependents(deleted)) {
        if (!gone.has(ref)) orphaned.push(ref);
      }
      remaining = nodes.filter(n => !gone.has(n.entityRef));
    }
    const evaluation = await this.#evaluate([...changed, ...orphaned], {
      nodes: remaining,
    });
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
        logger.warn(
          `Fact provider ${provider.id} failed for a batch: ${error}`,
        );
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
          status: overallStatus(statuses),
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
   * dependents (everything when the configuration changed), in two phases so
   * memory stays bounded: (1) own results of the affected entities and their
   * dependencies, keeping only a small chain node per entity; (2) chain
   * propagation over those nodes, then level and save per chunk.
   */
  async #evaluate(
    changed: string[],
    options: { force?: string[]; nodes?: GraphNode[] } = {},
  ): Promise<Pick<PassStats, 'evaluated' | 'resultsWritten' | 'historyAdded'>> {
    const { store, config, checks } = this.#options;
    const graph = new DependencyGraph(
      options.nodes ?? (await store.listEntityGraph()),
    );
    const configChanged = this.#lastConfigHash !== this.#configHash;
    const dirty = await store.listDirty(Number.MAX_SAFE_INTEGER);
    const seeds = configChanged
      ? graph.refs()
      : [...new Set([...changed, ...dirty, ...(options.force ?? [])])];
    const affected = graph.withDependents(seeds);
    const stats = { evaluated: 0, resultsWritten: 0, historyAdded: 0 };
    if (affected.size === 0) {
      this.#lastConfigHash = this.#configHash;
      return stats;
    }

    const now = this.#now();
    const waiverIndex = indexWaivers(await this.#options.waivers?.(), now);
    const evalOptions = { checks, now, waiverIndex };
    const scope = [...graph.withDependencies(affected)].sort();
    const keep =
      affected.size <= KEEP_IN_MEMORY
        ? new Map<string, EntityResult>()
        : undefined;
    const chainNodes: ChainNode[] = [];
    const summaries = new Map<string, LevelSummary>();
    for (let i = 0; i < scope.length; i += EVAL_CHUNK) {
      const facts = await loadMergedFacts(
        store,
        scope.slice(i, i + EVAL_CHUNK),
      );
      for (const f of facts) {
        const own = evaluateEntity(f, config, evalOptions);
        chainNodes.push({
          entityRef: f.entityRef,
          relations: f.relations,
          ownHeadroom: own.ownHeadroom,
        });
        if (affected.has(f.entityRef)) {
          summaries.set(f.entityRef, levelSummaryOf(own));
          keep?.set(f.entityRef, own);
        }
      }
    }
    const chains = new Map<string, ChainResult>();
    computeChains(chainNodes).forEach((chain, i) =>
      chains.set(chainNodes[i].entityRef, chain),
    );
    chainNodes.length = 0;

    const affectedList = [...summaries.keys()].sort();
    for (let i = 0; i < affectedList.length; i += EVAL_CHUNK) {
      const chunk = affectedList.slice(i, i + EVAL_CHUNK);
      const own = keep
        ? chunk.map(ref => keep.get(ref)!)
        : (await loadMergedFacts(store, chunk)).map(f =>
            evaluateEntity(f, config, evalOptions),
          );
      const toSave = own.map(r => {
        const chain = chains.get(r.entityRef)!;
        const result: EntityResult = {
          ...r,
          chain,
          level: levelFor(
            summaries.get(r.entityRef)!,
            chain.headroom,
            config.growthFactor,
            config,
          ),
        };
        return {
          result,
          row: toScorecardRow(result, now),
          resultHash: stableHash(result),
        };
      });
      const saved = await store.saveResults(toSave, now);
      await store.markEvaluated(
        chunk.map(entityRef => ({ entityRef, inputHash: this.#configHash })),
        now,
      );
      stats.evaluated += toSave.length;
      stats.resultsWritten += saved.written;
      stats.historyAdded += saved.historyAdded;
    }
    this.#lastConfigHash = this.#configHash;
    return stats;
  }
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

function groupRow(group: Entity) {
  const annotations = group.metadata.annotations ?? {};
  const spec = (group.spec ?? {}) as {
    parent?: string;
    profile?: { displayName?: string };
  };
  const namespace = group.metadata.namespace ?? 'default';
  const toRef = (ref: string, kind: string) => {
    try {
      return stringifyEntityRef(parseRef(ref, kind, namespace));
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
