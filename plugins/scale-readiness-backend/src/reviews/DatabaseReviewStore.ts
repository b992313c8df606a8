import { isUniqueViolation } from '../database/errors';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { migratedClient } from '../database/migrate';
import { ConflictError } from '@backstage/errors';
import type {
  ReviewComponentSnapshot,
  ReviewSignOff,
  ReviewTrigger,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { chunk, insertChunks, toDate, toDateOrNull } from '../database/util';
import {
  type DbReviewComponentRow,
  type DbReviewRow,
  type DbReviewTeamRow,
  type DbSignOffRow,
  REVIEW_TABLES as T,
} from '../database/reviewTables';
import type {
  NewReview,
  ReviewStatus,
  ReviewStore,
  ReviewSummaryData,
  StoredReview,
  TeamSnapshot,
} from './ReviewStore';

function toReview(row: DbReviewRow): StoredReview {
  return {
    id: row.id,
    title: row.title,
    trigger: row.trigger as ReviewTrigger,
    period: row.period,
    status: row.status as ReviewStatus,
    growthFactor: Number(row.growth_factor),
    takenAt: toDate(row.taken_at),
    takenBy: row.taken_by,
    frozenAt: toDateOrNull(row.frozen_at),
    previousReviewId: row.previous_review_id,
    summary: row.summary
      ? (JSON.parse(row.summary) as ReviewSummaryData)
      : null,
  };
}

function toTeam(row: DbReviewTeamRow): TeamSnapshot {
  return {
    teamRef: row.team_ref,
    title: row.title ?? undefined,
    parentRef: row.parent_ref ?? undefined,
    champions: JSON.parse(row.champions),
    rollup: JSON.parse(row.rollup),
    changes: JSON.parse(row.changes),
    waivers: JSON.parse(row.waivers),
    timeToAccess: row.time_to_access
      ? JSON.parse(row.time_to_access)
      : undefined,
    actionItems: Number(row.action_items),
  };
}

function toSignOff(row: DbSignOffRow): ReviewSignOff {
  return {
    reviewId: row.review_id,
    teamRef: row.team_ref,
    userRef: row.user_ref,
    signedAt: toDate(row.signed_at).toISOString(),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/**
 * Knex implementation of {@link ReviewStore} (SQLite and PostgreSQL). The
 * immutability of frozen reviews is enforced again by database triggers.
 */
export class DatabaseReviewStore implements ReviewStore {
  /** Connects and applies pending migrations (unless skipped). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReviewStore> {
    return new DatabaseReviewStore(
      await migratedClient(options.database, {
        skipMigrations: options.skipMigrations,
      }),
    );
  }

  /** Wraps an already migrated knex (tests). */
  static fromKnex(db: Knex): DatabaseReviewStore {
    return new DatabaseReviewStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async beginReview(review: NewReview): Promise<void> {
    try {
      await this.db<DbReviewRow>(T.reviews).insert({
        id: review.id,
        title: review.title,
        trigger: review.trigger,
        period: review.period ?? null,
        status: 'taking',
        growth_factor: review.growthFactor,
        taken_at: review.takenAt,
        taken_by: review.takenBy ?? null,
        frozen_at: null,
        previous_review_id: review.previousReviewId ?? null,
        summary: null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          review.period
            ? `A review for ${review.period} already exists`
            : `Review ${review.id} already exists`,
        );
      }
      throw error;
    }
  }

  async addTeamSnapshot(
    reviewId: string,
    team: TeamSnapshot,
    components: ReviewComponentSnapshot[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<DbReviewTeamRow>(T.teams).insert({
        review_id: reviewId,
        team_ref: team.teamRef,
        title: team.title ?? null,
        parent_ref: team.parentRef ?? null,
        components: components.length,
        score: team.rollup.score,
        action_items: team.actionItems,
        champions: JSON.stringify(team.champions),
        rollup: JSON.stringify(team.rollup),
        changes: JSON.stringify(team.changes),
        waivers: JSON.stringify(team.waivers),
        time_to_access: team.timeToAccess
          ? JSON.stringify(team.timeToAccess)
          : null,
      });
      const rows: DbReviewComponentRow[] = components.map(c => ({
        review_id: reviewId,
        entity_ref: c.entityRef,
        team_ref: team.teamRef,
        level: c.level,
        score: c.score,
        snapshot: JSON.stringify(c),
      }));
      for (const batch of insertChunks(rows)) {
        await tx<DbReviewComponentRow>(T.components).insert(batch);
      }
    });
  }

  async freezeReview(
    reviewId: string,
    summary: ReviewSummaryData,
    frozenAt: Date,
  ): Promise<void> {
    const updated = await this.db<DbReviewRow>(T.reviews)
      .where({ id: reviewId, status: 'taking' })
      .update({
        status: 'frozen',
        frozen_at: frozenAt,
        summary: JSON.stringify(summary),
      });
    if (updated !== 1) {
      throw new ConflictError(`Review ${reviewId} is not being taken`);
    }
  }

  async discardReview(reviewId: string): Promise<void> {
    await this.#discard(
      await this.db<DbReviewRow>(T.reviews)
        .where({ id: reviewId, status: 'taking' })
        .pluck('id'),
    );
  }

  async discardStaleTakes(olderThan: Date): Promise<number> {
    return this.#discard(
      await this.db<DbReviewRow>(T.reviews)
        .where({ status: 'taking' })
        .where('taken_at', '<', olderThan)
        .pluck('id'),
    );
  }

  async #discard(list: string[]): Promise<number> {
    for (const batch of chunk(list)) {
      await this.db.transaction(async tx => {
        await tx(T.components).whereIn('review_id', batch).delete();
        await tx(T.teams).whereIn('review_id', batch).delete();
        await tx(T.reviews)
          .whereIn('id', batch)
          .where({ status: 'taking' })
          .delete();
      });
    }
    return list.length;
  }

  async getReview(reviewId: string): Promise<StoredReview | undefined> {
    const row = await this.db<DbReviewRow>(T.reviews)
      .where({ id: reviewId })
      .first();
    return row ? toReview(row) : undefined;
  }

  async getReviewByPeriod(period: string): Promise<StoredReview | undefined> {
    const row = await this.db<DbReviewRow>(T.reviews).where({ period }).first();
    return row ? toReview(row) : undefined;
  }

  async listReviews(options: {
    offset: number;
    limit: number;
  }): Promise<{ total: number; items: StoredReview[] }> {
    const [{ count }] = await this.db(T.reviews)
      .where({ status: 'frozen' })
      .count({ count: '*' });
    const rows = await this.db<DbReviewRow>(T.reviews)
      .where({ status: 'frozen' })
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(options.offset)
      .limit(options.limit);
    return { total: Number(count), items: rows.map(toReview) };
  }

  async latestFrozenReview(before?: Date): Promise<StoredReview | undefined> {
    let query = this.db<DbReviewRow>(T.reviews).where({ status: 'frozen' });
    if (before) query = query.where('taken_at', '<=', before);
    const row = await query
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row ? toReview(row) : undefined;
  }

  async listTeams(reviewId: string): Promise<TeamSnapshot[]> {
    const rows = await this.db<DbReviewTeamRow>(T.teams)
      .where({ review_id: reviewId })
      .orderBy('team_ref');
    return rows.map(toTeam);
  }

  async getTeam(
    reviewId: string,
    teamRef: string,
  ): Promise<TeamSnapshot | undefined> {
    const row = await this.db<DbReviewTeamRow>(T.teams)
      .where({ review_id: reviewId, team_ref: teamRef })
      .first();
    return row ? toTeam(row) : undefined;
  }

  async getComponents(
    reviewId: string,
    teamRef: string,
  ): Promise<ReviewComponentSnapshot[]> {
    const rows = await this.db<DbReviewComponentRow>(T.components)
      .where({ review_id: reviewId, team_ref: teamRef })
      .orderBy('entity_ref')
      .select('snapshot');
    return rows.map(r => JSON.parse(r.snapshot) as ReviewComponentSnapshot);
  }

  async addSignOff(signOff: ReviewSignOff): Promise<void> {
    try {
      await this.db<DbSignOffRow>(T.signOffs).insert({
        review_id: signOff.reviewId,
        team_ref: signOff.teamRef,
        user_ref: signOff.userRef,
        comment: signOff.comment ?? null,
        signed_at: new Date(signOff.signedAt),
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${signOff.userRef} already signed off ${signOff.teamRef} in this review`,
        );
      }
      throw error;
    }
  }

  async listSignOffs(
    reviewId: string,
    teamRef?: string,
  ): Promise<ReviewSignOff[]> {
    let query = this.db<DbSignOffRow>(T.signOffs).where({
      review_id: reviewId,
    });
    if (teamRef) query = query.where({ team_ref: teamRef });
    const rows = await query.orderBy('id');
    return rows.map(toSignOff);
  }

  async countSignedOffTeams(reviewIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(reviewIds.map(id => [id, 0]));
    for (const batch of chunk(reviewIds)) {
      const rows = await this.db(T.signOffs)
        .whereIn('review_id', batch)
        .groupBy('review_id')
        .select('review_id')
        .countDistinct({ teams: 'team_ref' });
      for (const r of rows as Array<{ review_id: string; teams: unknown }>) {
        counts.set(r.review_id, Number(r.teams));
      }
    }
    return counts;
  }
}
