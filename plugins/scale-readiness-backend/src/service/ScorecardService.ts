import { NotFoundError } from '@backstage/errors';
import {
  compactTeamScorecard,
  type HistoryEntry,
  type TeamOverviewRow,
  type TeamScorecardResponse,
  type TeamTimeToAccess,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  FactStore,
  ListTeamRollupsOptions,
  ReadinessStore,
  ResultStore,
  ScorecardReadModel,
} from '../database';
import { computeRollup } from '../database/rollup';
import { type CachedResponse, ResponseCache } from './ResponseCache';
import { listUnownedObjects } from './unownedObjects';
import { summariseWeakestLinks } from './weakestLinks';

/** Request → access figures of teams (the access requests' measure). */
export interface TeamTimeToAccessSource {
  forTeams(teamRefs: readonly string[]): Promise<Map<string, TeamTimeToAccess>>;
}

/** A page of `GET /overview`. */
export interface OverviewPage {
  growthFactor: number;
  total: number;
  offset: number;
  limit: number;
  org: Awaited<ReturnType<ReadinessStore['getOrgRollup']>>;
  teams: TeamOverviewRow[];
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
  readonly #timeToAccess?: TeamTimeToAccessSource;

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
  }) {
    this.#store = options.store;
    this.#growthFactor = options.growthFactor;
    this.#teamCache = options.teamCache ?? new ResponseCache();
    this.#timeToAccess = options.timeToAccess;
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
    const group = await store.getGroup(teamRef);
    if (!group) {
      throw new NotFoundError(
        `No group ${teamRef} is known to Scale Readiness`,
      );
    }
    const groups = await store.getDescendantGroups(teamRef);
    const growthFactor = this.#growthFactor();
    // The body only changes when a row, the team or the factor changes: a
    // large team's scorecard is built and serialised once per version.
    const version = `${await store.getOwnersVersion(
      groups,
    )}|${growthFactor}|${JSON.stringify([group, groups])}`;
    const key = options.compact ? `${teamRef}|compact` : teamRef;
    // Concurrent cold requests for one version share a single build.
    return this.#teamCache.getOrBuild(key, version, async () => {
      const rows = await store.getRowsByOwners(groups);
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
      return options.compact ? compactTeamScorecard(body) : body;
    });
  }

  /** A page of teams with the org rollup and each team's time to access. */
  async overview(query: ListTeamRollupsOptions): Promise<OverviewPage> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const growthFactor = this.#growthFactor();
    const [page, org] = await Promise.all([
      this.#store.listTeamRollups({ ...query, offset, limit }),
      this.#store.getOrgRollup({ growthFactor }),
    ]);
    return {
      growthFactor,
      total: page.total,
      offset,
      limit,
      org,
      teams: await this.#withTimeToAccess(page.rows),
    };
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

  /** Adds each team's request → access figures to a page of the overview. */
  async #withTimeToAccess(rows: TeamOverviewRow[]): Promise<TeamOverviewRow[]> {
    const measure = this.#timeToAccess;
    if (!measure || rows.length === 0) return rows;
    const byTeam = await measure.forTeams(rows.map(r => r.teamRef));
    return rows.map(row => {
      const t = byTeam.get(row.teamRef);
      if (!t) return row;
      const { windowDays, targetHours, samples, p50Hours, p90Hours, pending } =
        t;
      return {
        ...row,
        timeToAccess: {
          windowDays,
          targetHours,
          samples,
          p50Hours,
          p90Hours,
          pending,
        },
      };
    });
  }
}
