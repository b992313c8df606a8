import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Octokit } from '@octokit/rest';
import type {
  CiCapacityFacts,
  Fact,
  FactContribution,
  FactSectionName,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  type FactProvider,
  mapWithConcurrency,
  type FactProviderContext,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  type CiCapacitySettings,
  DEFAULT_CI_CAPACITY_SETTINGS,
} from './config';
import { JobCache } from './JobCache';
import { collectTeamCapacity } from './teamCapacity';
import {
  declaresCiRunners,
  entityRefOf,
  ownedComponentRefs,
  ownerRefOf,
  teamCiSpec,
} from './teams';

/** Id of the GitHub fact provider (a live source: its `ok` beats declared values). @public */
export const GITHUB_FACT_PROVIDER_ID = 'github';

/** Options of {@link GithubCiCapacityProvider}. @public */
export interface GithubCiCapacityProviderOptions {
  /** Authenticated Octokit for an organisation or user (with retries). */
  octokit(owner: string): Promise<Octokit>;
  /** Reads `url:` runner manifests (the backend's `coreServices.urlReader`). */
  reader: UrlReaderService;
  settings?: Partial<CiCapacitySettings>;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

type TeamResult = { fact: Fact<CiCapacityFacts>; expires: number };

/** Teams collected in parallel within one batch. */
const TEAM_CONCURRENCY = 2;

/**
 * Contributes the `ciCapacity` section of Components from their owning
 * team (Group): `maxRunners` from the team's actions-runner-controller
 * `AutoscalingRunnerSet`s (`scale-readiness.io/runner-manifests`) and the
 * self-hosted runners of its GitHub runner groups
 * (`scale-readiness.io/runner-groups`), and `peakConcurrentJobs` as the
 * largest number of overlapping jobs on those runners in the workflow-run
 * history of the team's repositories (`github.com/project-slug`) over the
 * window. A team without either annotation gets nothing from this provider
 * (the declared `scale-readiness.io/ci-capacity` still applies).
 *
 * One team's result is reused for `cacheTtlMs` (every Component of the team
 * in a pass costs one collection). A failed source makes the section `error`
 * with every failure named; `collect` never throws.
 * @public
 */
export class GithubCiCapacityProvider implements FactProvider {
  readonly id = GITHUB_FACT_PROVIDER_ID;
  readonly sections: FactSectionName[] = ['ciCapacity'];
  readonly #options: GithubCiCapacityProviderOptions;
  readonly #settings: CiCapacitySettings;
  readonly #now: () => number;
  readonly #teams = new Map<string, Promise<TeamResult>>();
  readonly #jobs = new JobCache();

  constructor(options: GithubCiCapacityProviderOptions) {
    this.#options = options;
    this.#settings = { ...DEFAULT_CI_CAPACITY_SETTINGS, ...options.settings };
    this.#now = options.now ?? Date.now;
  }

  /** Team results kept (for tests and diagnostics). */
  get cachedTeams(): number {
    return this.#teams.size;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const result = new Map<string, FactContribution>();
    const components = entities.filter(
      e => e.kind.toLowerCase() === 'component',
    );
    const owners = new Map<string, Entity[]>();
    for (const component of components) {
      const owner = ownerRefOf(component);
      if (!owner?.startsWith('group:')) continue;
      owners.set(owner, [...(owners.get(owner) ?? []), component]);
    }
    if (owners.size === 0) return result;
    const refs = [...owners.keys()];
    let groups: Array<Entity | undefined>;
    try {
      groups = await ctx.catalog.getEntitiesByRefs(refs);
    } catch (e) {
      const fact = errorFact<CiCapacityFacts>(
        `catalog lookup of the owning group failed: ${describeError(e)}`,
        { source: this.id, collectedAt: ctx.now },
      );
      for (const c of components)
        result.set(entityRefOf(c), { ciCapacity: fact });
      return result;
    }
    const teams = refs.flatMap((ref, i) => {
      const group = groups[i];
      return group && declaresCiRunners(group)
        ? [{ group, members: owners.get(ref)! }]
        : [];
    });
    await mapWithConcurrency(
      teams,
      TEAM_CONCURRENCY,
      async ({ group, members }) => {
        const { fact } = await this.#team(group, members, ctx);
        for (const c of members)
          result.set(entityRefOf(c), { ciCapacity: fact });
      },
    );
    return result;
  }

  #team(group: Entity, batch: Entity[], ctx: FactProviderContext) {
    const ref = entityRefOf(group);
    const now = this.#now();
    const cached = this.#teams.get(ref);
    if (cached) {
      return cached.then(r =>
        r.expires > now ? r : this.#collect(ref, group, batch, ctx),
      );
    }
    return this.#collect(ref, group, batch, ctx);
  }

  #collect(
    ref: string,
    group: Entity,
    batch: Entity[],
    ctx: FactProviderContext,
  ) {
    const started = this.#now();
    const promise = this.#collectTeam(
      group,
      batch,
      ctx,
      new Date(started),
    ).then(fact => ({
      fact,
      expires: started + this.#settings.cacheTtlMs,
    }));
    this.#teams.set(ref, promise);
    // Expired entries of teams no longer seen are dropped on the next miss.
    for (const [key, entry] of this.#teams) {
      if (key !== ref) {
        entry.then(r => {
          if (r.expires <= this.#now() && this.#teams.get(key) === entry)
            this.#teams.delete(key);
        });
      }
    }
    return promise;
  }

  async #collectTeam(
    group: Entity,
    batch: Entity[],
    ctx: FactProviderContext,
    collectedAt: Date,
  ): Promise<Fact<CiCapacityFacts>> {
    const groupRef = entityRefOf(group);
    const meta = { source: this.id, location: groupRef, collectedAt };
    try {
      const owned = ownedComponentRefs(group);
      // Processed groups list what they own; otherwise the batch's components.
      const components = owned.length
        ? (await ctx.catalog.getEntitiesByRefs(owned)).filter(
            (e): e is Entity => !!e,
          )
        : batch;
      const spec = teamCiSpec(group, components);
      const octokits = new Map<string, Promise<Octokit>>();
      const octokit = (owner: string) => {
        const key = owner.toLowerCase();
        if (!octokits.has(key)) octokits.set(key, this.#options.octokit(owner));
        return octokits.get(key)!;
      };
      const team = await collectTeamCapacity(spec, {
        octokit,
        reader: this.#options.reader,
        settings: this.#settings,
        jobs: this.#jobs,
        now: collectedAt.getTime(),
      });
      return okFact(team.value, {
        ...meta,
        location: `${groupRef}: ${team.location}`,
      });
    } catch (e) {
      ctx.logger.warn(
        `CI capacity of ${groupRef} could not be collected: ${describeError(
          e,
        )}`,
      );
      return errorFact(e, meta);
    }
  }
}
