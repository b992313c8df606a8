import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  type CheckCatalogueResponse,
  type CheckDefinition,
  type EntityReadinessResponse,
  type CheckResult,
  type EngineSettings,
  type EntityResult,
  evaluateAll,
  serverOnlyChecksOf,
  type ReadinessConfig,
  type SimulateResponse,
  type Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactStore, ResultStore, ScorecardReadModel } from '../database';
import { DependencyGraph } from './DependencyGraph';
import { loadMergedFacts } from './loadMergedFacts';
import type { PassStats, ReadinessProcessor } from './ReadinessProcessor';
import { MAX_SIMULATION_ENTITIES } from './validation';

/** Read side of the plugin: stored results, facts for simulation, refresh. */
export class ReadinessService {
  readonly #store: FactStore & ResultStore & ScorecardReadModel;
  readonly #processor: ReadinessProcessor;
  readonly #config: ReadinessConfig;
  readonly #checks: CheckDefinition[];
  readonly #waivers?: () => Promise<Waiver[]>;
  readonly #engine: EngineSettings;
  readonly #catalogue: CheckCatalogueResponse;

  constructor(options: {
    store: FactStore & ResultStore & ScorecardReadModel;
    processor: ReadinessProcessor;
    config: ReadinessConfig;
    checks: CheckDefinition[];
    /** Active waivers: simulations mark waived findings like stored results do. */
    waivers?: () => Promise<Waiver[]>;
  }) {
    this.#store = options.store;
    this.#processor = options.processor;
    this.#config = options.config;
    this.#checks = options.checks;
    this.#waivers = options.waivers;
    this.#engine = {
      config: options.config,
      serverOnlyChecks: serverOnlyChecksOf(options.checks),
    };
    this.#catalogue = {
      checks: options.checks.map(c => ({
        id: c.id,
        dimension: c.dimension,
        title: c.title,
        description: c.description,
        severity: c.severity,
        ...(c.capacity ? { capacity: true } : {}),
      })),
    };
  }

  /** Every check the server scores with, without per-entity fields (`GET /checks`). */
  get checkCatalogue(): CheckCatalogueResponse {
    return this.#catalogue;
  }

  /** The effective engine settings the browser simulates with (`GET /engine`). */
  get engine(): EngineSettings {
    return this.#engine;
  }

  /** The configured growth factor. */
  get growthFactor(): number {
    return this.#config.growthFactor;
  }

  /** What `/health` reports besides `status: ok`. */
  async status(): Promise<{
    lastPassAt?: string;
    entities?: number;
    lastPass?: PassStats;
  }> {
    const last = this.#processor.lastPass;
    return last
      ? { lastPassAt: last.finishedAt, entities: last.entities, lastPass: last }
      : {};
  }

  /** Stored result of one entity plus the facts of its chain, or undefined. */
  async getEntityReadiness(
    entityRef: string,
  ): Promise<EntityReadinessResponse | undefined> {
    const stored = await this.#store.getResult(entityRef);
    if (!stored) return undefined;
    const refs = [entityRef, ...stored.result.chain.members].slice(0, 2000);
    const response: EntityReadinessResponse = {
      result: stored.result,
      evaluatedAt: stored.evaluatedAt.toISOString(),
      facts: await loadMergedFacts(this.#store, refs),
      engine: this.#engine,
    };
    if (this.#engine.serverOnlyChecks.length > 0)
      response.serverOnlyResults = await this.#serverOnlyResults(refs);
    return response;
  }

  /** Stored results of the server-only checks of `refs`, by ref. */
  async #serverOnlyResults(
    refs: string[],
  ): Promise<Record<string, CheckResult[]>> {
    const ids = new Set(this.#engine.serverOnlyChecks.map(c => c.id));
    const out: Record<string, CheckResult[]> = {};
    for (const [ref, stored] of await this.#store.getResults(refs)) {
      const checks = stored.result.checks.filter(c => ids.has(c.id));
      if (checks.length > 0) out[ref] = checks;
    }
    return out;
  }

  /** Re-collects and re-evaluates one entity now. */
  refreshEntity(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<EntityResult | undefined> {
    return this.#processor.refreshEntity(entityRef, credentials);
  }

  /** Evaluates entities (or a team's components) at another growth factor, without storing. */
  async simulate(request: {
    growthFactor: number;
    entityRefs?: string[];
    team?: string;
  }): Promise<SimulateResponse> {
    let targets: string[];
    if (request.team) {
      if (!(await this.#store.getGroup(request.team))) {
        throw new NotFoundError(
          `No group ${request.team} is known to Scale Readiness`,
        );
      }
      const groups = await this.#store.getDescendantGroups(request.team);
      targets = (await this.#store.getRowsByOwners(groups)).map(
        r => r.entityRef,
      );
    } else {
      targets = request.entityRefs ?? [];
    }
    const graph = new DependencyGraph(await this.#store.listEntityGraph());
    const needed = graph.withDependencies(targets);
    if (needed.size > MAX_SIMULATION_ENTITIES) {
      throw new InputError(
        `Simulation would evaluate ${needed.size} entities (limit ${MAX_SIMULATION_ENTITIES}); narrow it down`,
      );
    }
    const facts = await loadMergedFacts(this.#store, [...needed]);
    const config = { ...this.#config, growthFactor: request.growthFactor };
    const wanted = new Set(targets);
    const waivers = await this.#waivers?.();
    const results = evaluateAll(facts, config, {
      checks: this.#checks,
      waivers,
    }).filter(r => wanted.has(r.entityRef));
    return { growthFactor: request.growthFactor, results };
  }
}
