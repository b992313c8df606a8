import { NotFoundError } from '@backstage/errors';
import {
  type HistoryEntry,
  type TeamScorecardResponse,
  type TeamTimeToAccess,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  FactStore,
  ListTeamRollupsOptions,
  ResultStore,
  ScorecardReadModel,
} from '../database';
import { computeRollup } from '../database/rollup';
import { compactScorecardJson } from './compactScorecardJson';
import { type CachedResponse, JsonText, ResponseCache } from './ResponseCache';
import { OverviewCache, type OverviewCacheOptions } from './overviewCache';
import { listUnownedObjects } from './unownedObjects';
import { summariseWeakestLinks } from './weakestLinks';

/** Request → access figures of teams (the access requests' measure). */
export interface TeamTimeToAccessSource {
  forTeams(teamRefs: readonly string[]): Promise<Map<string, TeamTimeToAccess>>;
}

/**
 * The scorecard read model behind the results routes: a team's scorecard
 * (built and serialised once per version of its rows, the team and the
 * factor), the overview of teams, an entity's history and the Kubernetes
 * objects nobody owns. Routers call it, never the store.
 */
export class ScorecardService {
  readonly #store: ScorecardReadModel &
    ResultStore &
    Pick<FactStore, 'listEntityGraph' | 'getFacts'>;
  readonly #growthFactor: () => number;
  readonly #teamCache: ResponseCache;
  readonly #overviewCache: OverviewCache;

  constructor(options: {
    store: ScorecardReadModel &
      ResultStore &
      Pick<FactStore, 'listEntityGraph' | 'getFacts'>;
    /** The configured growth factor. */
    growthFactor: () => number;
    /** Serialised team scorecards, reused while their rows are unchanged. */
    teamCache?: ResponseCache;
    /** Request → access time of the overview's teams (none when absent). */
    timeToAccess?: TeamTimeToAccessSource;
    /** Bounds of the overview's cache. */
    overviewCache?: OverviewCacheOptions;
  }) {
    this.#store = options.store;
    this.#growthFactor = options.growthFactor;
    this.#teamCache = options.teamCache ?? new ResponseCache();
    const store = this.#store;
    const timeToAccess = options.timeToAccess;
    this.#overviewCache = new OverviewCache(
      {
        rollupsVersion: () => store.getRollupsVersion(),
        readPage: async query => {
          const [page, org] = await Promise.all([
            store.listTeamRollups(query),
            store.getOrgRollup({ growthFactor: this.#growthFactor() }),
          ]);
          return { total: page.total, org, rows: page.rows };
        },
        timeToAccess: timeToAccess && (refs => timeToAccess.forTeams(refs)),
      },
      options.overviewCache,
    );
  }

  /**
   * A team's scorecard as serialised JSON with its ETag (`GET /teams/...`),
   * full or compact; NotFoundError when the group is unknown.
   */
  async teamScorecard(
    teamRef: string,
    options: { compact: boolean },
  ): Promise<CachedResponse> {
    const store = this.#store;
    // Two independent reads: one round trip instead of two.
    const [group, groups] = await Promise.all([
      store.getGroup(teamRef),
      store.getDescendantGroups(teamRef),
    ]);
    if (!group) {
      throw new NotFoundError(
        `No group ${teamRef} is known to Scale Readiness`,
      );
    }
    const growthFactor = this.#growthFactor();
    // The body only changes when a row, the team or the factor changes: a
    // large team's scorecard is built and serialised once per version.
    const version = `${await store.getOwnersVersion(
      groups,
    )}|${growthFactor}|${JSON.stringify([group, groups])}`;
    const key = options.compact ? `${teamRef}|compact` : teamRef;
    // Concurrent cold requests for one version share a single build.
    return this.#teamCache.getOrBuild(key, version, async () => {
      const rows = await store.getSharedRowsByOwners(groups);
      const body: TeamScorecardResponse = {
        team: {
          entityRef: group.groupRef,
          title: group.title ?? undefined,
          parent: group.parentRef ?? undefined,
          children: group.children,
        },
        growthFactor,
        champions: group.champions,
        groups,
        rollup: computeRollup(rows, growthFactor),
        weakestLinks: summariseWeakestLinks(rows, growthFactor),
        components: rows,
      };
      // The compact JSON from per-row fragments: the bytes of
      // JSON.stringify(compactTeamScorecard(body)), a fraction of the CPU.
      return options.compact ? new JsonText(compactScorecardJson(body)) : body;
    });
  }

  /**
   * A page of teams with the org rollup and each team's time to access
   * (`GET /overview`), as serialised JSON with its ETag: served from memory
   * while the stored rollups are unchanged (see {@link OverviewCache}).
   */
  overview(query: ListTeamRollupsOptions): Promise<CachedResponse> {
    return this.#overviewCache.get(query, this.#growthFactor());
  }

  /** An entity's result history, newest first. */
  history(
    entityRef: string,
    options: { limit?: number; before?: string },
  ): Promise<HistoryEntry[]> {
    return this.#store.getHistory(entityRef, {
      limit: options.limit ?? 50,
      before: options.before ? new Date(options.before) : undefined,
    });
  }

  /** Kubernetes objects that match no component, org-wide. */
  /** Objects that match no component, org-wide or read with one entity. */
  unownedObjects(
    options: { entityRef?: string } = {},
  ): ReturnType<typeof listUnownedObjects> {
    return listUnownedObjects(this.#store, options);
  }
}
