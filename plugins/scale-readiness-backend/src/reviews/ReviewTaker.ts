import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ReviewComponentSnapshot,
  ReviewTrigger,
  TimeToAccessSummary,
  Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import type { ResultStore, ScorecardReadModel } from '../database';
import {
  addToRollup,
  computeRollup,
  createRollupAccumulator,
  finishRollup,
} from '../database/rollup';
import { chunk } from '../database/util';
import { addCounts, diffTeam, emptyCounts } from './diff';
import type { ReviewStore, StoredReview, TeamSnapshot } from './ReviewStore';
import { actionItemsOf, toComponentSnapshot } from './snapshot';

/** Where a review reads the waivers active at the time. */
export interface ActiveWaiverSource {
  /** Waivers that are neither revoked nor expired at `at`. */
  listActive(at: Date): Promise<Waiver[]>;
}

/** Measured time-to-access of a team, when some feature records it. */
export type TimeToAccessSource = (
  teamRef: string,
) => Promise<TimeToAccessSummary | undefined>;

/** Options of {@link ReviewTaker}. */
export interface ReviewTakerOptions {
  logger: LoggerService;
  store: ReviewStore;
  readiness: ScorecardReadModel & ResultStore;
  growthFactor: number;
  waivers?: ActiveWaiverSource;
  timeToAccess?: TimeToAccessSource;
  /** Called once a review is frozen (e.g. to ask teams for sign-off). */
  onFrozen?: (review: StoredReview, teamRefs: string[]) => Promise<void>;
  now?: () => Date;
}

const TEAM_PAGE = 500;
/** A `taking` review older than this is a crashed take and is discarded. */
const STALE_TAKE_MS = 6 * 3600_000;

/**
 * Takes a review: freezes every team's scorecard as stored now. Teams are
 * the owners of at least one scored component (plus teams of the previous
 * review that lost all theirs). Written team by team, so memory stays bounded
 * by the largest team; the review only becomes visible once frozen.
 */
export class ReviewTaker {
  readonly #o: ReviewTakerOptions;

  constructor(options: ReviewTakerOptions) {
    this.#o = options;
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  /** Owners with at least one component, sorted. */
  async #teamRefs(): Promise<string[]> {
    const refs: string[] = [];
    for (let offset = 0; ; offset += TEAM_PAGE) {
      const page = await this.#o.readiness.listTeamRollups({
        sort: 'team',
        offset,
        limit: TEAM_PAGE,
      });
      for (const row of page.rows) {
        if (row.components > 0) refs.push(row.teamRef);
      }
      if (page.rows.length < TEAM_PAGE || offset + TEAM_PAGE >= page.total) {
        break;
      }
    }
    return [...new Set(refs)].sort();
  }

  /** Frozen snapshots of one team's components (as stored right now). */
  async #components(teamRef: string): Promise<ReviewComponentSnapshot[]> {
    const { readiness, growthFactor } = this.#o;
    const rows = await readiness.getRowsByOwners([teamRef]);
    const snapshots: ReviewComponentSnapshot[] = [];
    for (const batch of chunk(rows)) {
      const results = await readiness.getResults(batch.map(r => r.entityRef));
      for (const row of batch) {
        const stored = results.get(row.entityRef);
        // deleted between the two reads: not part of the review
        if (stored) {
          snapshots.push(toComponentSnapshot(row, stored.result, growthFactor));
        }
      }
    }
    return snapshots;
  }

  /**
   * Takes and freezes a review.
   * @throws ConflictError when a review of `period` already exists
   */
  async take(request: {
    title?: string;
    trigger: ReviewTrigger;
    period?: string;
    takenBy?: string;
  }): Promise<StoredReview> {
    const { store, readiness, logger, growthFactor } = this.#o;
    const takenAt = this.#now();
    await store.discardStaleTakes(new Date(takenAt.getTime() - STALE_TAKE_MS));
    const previous = await store.latestFrozenReview();
    const id = randomUUID();
    const title =
      request.title?.trim() ||
      (request.period
        ? `Quarterly readiness review ${request.period}`
        : `Readiness review ${takenAt.toISOString().slice(0, 10)}`);
    await store.beginReview({
      id,
      title,
      trigger: request.trigger,
      period: request.period,
      growthFactor,
      takenAt,
      takenBy: request.takenBy,
      previousReviewId: previous?.id,
    });

    try {
      const active = (await this.#o.waivers?.listActive(takenAt)) ?? [];
      const waiversByEntity = new Map<string, Waiver[]>();
      for (const w of active) {
        const key = w.entityRef.toLowerCase();
        waiversByEntity.set(key, [...(waiversByEntity.get(key) ?? []), w]);
      }
      const previousTeams = previous
        ? new Map((await store.listTeams(previous.id)).map(t => [t.teamRef, t]))
        : new Map<string, TeamSnapshot>();

      const org = createRollupAccumulator(growthFactor);
      let changes = emptyCounts();
      let components = 0;
      // teams that own scored components themselves: a department whose
      // rollup only sums its sub-teams is not asked to sign off for them
      const teamRefs: string[] = [];
      const direct = new Map<string, ReviewComponentSnapshot[]>();
      for (const ref of await this.#teamRefs()) {
        const owned = await this.#components(ref);
        if (owned.length > 0) {
          teamRefs.push(ref);
          direct.set(ref, owned);
        }
      }
      const current = new Set(teamRefs);
      const removedTeams = [...previousTeams.values()]
        .filter(t => !current.has(t.teamRef) && t.rollup.components > 0)
        .map(t => t.teamRef);

      for (const teamRef of [...teamRefs, ...removedTeams]) {
        const snapshots = direct.get(teamRef) ?? [];
        const rollup = computeRollup(snapshots, growthFactor);
        const prevTeam = previousTeams.get(teamRef);
        const teamChanges = diffTeam(
          previous
            ? {
                reviewId: previous.id,
                components: prevTeam
                  ? await store.getComponents(previous.id, teamRef)
                  : [],
                rollup: prevTeam?.rollup,
              }
            : undefined,
          snapshots,
          rollup,
        );
        const group = await readiness.getGroup(teamRef);
        const timeToAccess = await this.#timeToAccess(teamRef);
        await store.addTeamSnapshot(
          id,
          {
            teamRef,
            title: group?.title ?? prevTeam?.title ?? undefined,
            parentRef: group?.parentRef ?? undefined,
            champions: group?.champions ?? [],
            rollup,
            changes: teamChanges,
            waivers: snapshots.flatMap(
              c => waiversByEntity.get(c.entityRef.toLowerCase()) ?? [],
            ),
            ...(timeToAccess ? { timeToAccess } : {}),
            actionItems: actionItemsOf(snapshots).length,
          },
          snapshots,
        );
        for (const s of snapshots) addToRollup(org, s);
        components += snapshots.length;
        changes = addCounts(changes, teamChanges.counts);
      }

      await store.freezeReview(
        id,
        {
          teams: teamRefs.length + removedTeams.length,
          components,
          org: finishRollup(org),
          changes,
        },
        this.#now(),
      );
      const frozen = (await store.getReview(id))!;
      logger.info(
        `Readiness review ${id} (${title}) frozen: ${frozen.summary?.teams} teams, ${components} components`,
      );
      await this.#o
        .onFrozen?.(frozen, teamRefs)
        .catch(error => logger.warn(`After freezing review ${id}: ${error}`));
      return frozen;
    } catch (error) {
      await store.discardReview(id).catch(() => undefined);
      throw error;
    }
  }

  async #timeToAccess(
    teamRef: string,
  ): Promise<TimeToAccessSummary | undefined> {
    try {
      return await this.#o.timeToAccess?.(teamRef);
    } catch (error) {
      this.#o.logger.warn(`Time-to-access of ${teamRef} unavailable: ${error}`);
      return undefined;
    }
  }
}
