import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  ReviewDetailResponse,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  ReviewTeamRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import { emptyCounts } from './diff';
import type { ReviewStore, StoredReview, TeamSnapshot } from './ReviewStore';
import { actionItemsOf } from './snapshot';
import type { TeamDirectory } from '../teams';

/** Longest sign-off comment accepted. */
export const MAX_COMMENT_LENGTH = 2000;

/** Read side of reviews plus sign-off; taking reviews is {@link ReviewTaker}'s job. */
export class ReviewService {
  readonly #store: ReviewStore;
  readonly #directory: TeamDirectory;
  readonly #now: () => Date;
  readonly #onSignedOff?: (
    review: StoredReview,
    signOff: ReviewSignOff,
  ) => Promise<void>;

  constructor(options: {
    store: ReviewStore;
    directory: TeamDirectory;
    now?: () => Date;
    /**
     * Told after a sign-off was recorded (e.g. to replace the team's "awaits
     * your sign-off" notification); its failure does not undo the sign-off.
     */
    onSignedOff?: (
      review: StoredReview,
      signOff: ReviewSignOff,
    ) => Promise<void>;
  }) {
    this.#store = options.store;
    this.#directory = options.directory;
    this.#now = options.now ?? (() => new Date());
    this.#onSignedOff = options.onSignedOff;
  }

  /** A frozen review, or NotFoundError (reviews being taken are not visible). */
  async #frozen(reviewId: string): Promise<StoredReview> {
    const review = await this.#store.getReview(reviewId);
    if (!review || review.status !== 'frozen') {
      throw new NotFoundError(`No review ${reviewId}`);
    }
    return review;
  }

  /** The API shape of a stored review. */
  async summarise(reviews: StoredReview[]): Promise<ReviewSummary[]> {
    const signed = await this.#store.countSignedOffTeams(
      reviews.map(r => r.id),
    );
    return reviews.map(r => toSummary(r, signed.get(r.id) ?? 0));
  }

  /** The summary of a frozen review, or undefined. */
  async summary(reviewId: string): Promise<ReviewSummary | undefined> {
    const review = await this.#store.getReview(reviewId);
    if (!review || review.status !== 'frozen') return undefined;
    return (await this.summarise([review]))[0];
  }

  /** Frozen reviews, newest first. */
  async list(options: {
    offset: number;
    limit: number;
  }): Promise<ReviewListResponse> {
    const page = await this.#store.listReviews(options);
    return {
      items: await this.summarise(page.items),
      total: page.total,
      ...options,
    };
  }

  /** The org view: every team of the review with changes and sign-offs. */
  async detail(reviewId: string): Promise<ReviewDetailResponse> {
    const review = await this.#frozen(reviewId);
    const previous = review.previousReviewId
      ? await this.#store.getReview(review.previousReviewId)
      : undefined;
    const [teams, signOffs] = await Promise.all([
      this.#store.listTeams(reviewId),
      this.#store.listSignOffs(reviewId),
    ]);
    const [summary, previousSummary] = await this.summarise(
      previous ? [review, previous] : [review],
    );
    return {
      review: summary,
      ...(previousSummary ? { previous: previousSummary } : {}),
      teams: teams.map(t => teamRow(t, signOffs)),
    };
  }

  /** One team's frozen scorecard with changes, action items and sign-offs. */
  async team(
    reviewId: string,
    teamRef: string,
    caller?: { credentials: BackstageCredentials; permitted: boolean },
  ): Promise<ReviewTeamResponse> {
    const review = await this.#frozen(reviewId);
    const team = await this.#store.getTeam(reviewId, teamRef);
    if (!team) {
      throw new NotFoundError(`${teamRef} is not part of review ${reviewId}`);
    }
    const [components, signOffs, [summary]] = await Promise.all([
      this.#store.getComponents(reviewId, teamRef),
      this.#store.listSignOffs(reviewId, teamRef),
      this.summarise([review]),
    ]);
    const canSignOff =
      !!caller?.permitted &&
      (await this.mayActFor(caller.credentials, teamRef)) &&
      !signOffs.some(s => s.userRef === userRefOf(caller.credentials));
    return {
      review: summary,
      team: {
        teamRef: team.teamRef,
        ...(team.title ? { title: team.title } : {}),
        ...(team.parentRef ? { parentRef: team.parentRef } : {}),
        champions: team.champions,
        rollup: team.rollup,
        waivers: team.waivers,
        ...(team.timeToAccess ? { timeToAccess: team.timeToAccess } : {}),
      },
      components,
      changes: team.changes,
      actionItems: actionItemsOf(components),
      signOffs,
      canSignOff,
    };
  }

  /** Whether the caller is a champion or member of the team (catalog, now; one rule with grants). */
  async mayActFor(
    credentials: BackstageCredentials,
    teamRef: string,
  ): Promise<boolean> {
    const userRef = userRefOf(credentials);
    if (!userRef) return false;
    const rights = await this.#directory.rights(userRef, teamRef);
    return rights.champion || rights.member;
  }

  /**
   * Records the caller's sign-off of a team in a frozen review.
   * @throws NotAllowedError unless the caller is a champion or owner of the team
   * @throws ConflictError when the caller already signed
   */
  async signOff(
    reviewId: string,
    teamRef: string,
    credentials: BackstageCredentials,
    comment?: string,
  ): Promise<ReviewSignOff> {
    const review = await this.#frozen(reviewId);
    if (!(await this.#store.getTeam(reviewId, teamRef))) {
      throw new NotFoundError(`${teamRef} is not part of review ${reviewId}`);
    }
    const userRef = userRefOf(credentials);
    if (!userRef || !(await this.mayActFor(credentials, teamRef))) {
      throw new NotAllowedError(
        `Only champions and owners of ${teamRef} may sign off its scorecard`,
      );
    }
    const text = comment?.trim();
    if (text && text.length > MAX_COMMENT_LENGTH) {
      throw new InputError(
        `Comment is longer than ${MAX_COMMENT_LENGTH} characters`,
      );
    }
    const signOff: ReviewSignOff = {
      reviewId,
      teamRef,
      userRef,
      signedAt: this.#now().toISOString(),
      ...(text ? { comment: text } : {}),
    };
    await this.#store.addSignOff(signOff);
    try {
      await this.#onSignedOff?.(review, signOff);
    } catch {
      // recorded; the notification is best effort (the notifier logs)
    }
    return signOff;
  }

  /**
   * Any attempt to change or delete a review: reviews are frozen when taken,
   * and only sign-offs (separate, append-only records) are added afterwards.
   * @throws NotFoundError for an unknown review, ConflictError otherwise
   */
  async refuseEdit(reviewId: string): Promise<never> {
    const review = await this.#frozen(reviewId);
    throw new ConflictError(
      `Review ${
        review.id
      } was frozen at ${review.takenAt.toISOString()}; it cannot be changed or deleted`,
    );
  }
}

function userRefOf(credentials: BackstageCredentials): string | undefined {
  const p = credentials.principal as { type?: string; userEntityRef?: string };
  return p?.type === 'user' ? p.userEntityRef : undefined;
}

function toSummary(
  review: StoredReview,
  signedOffTeams: number,
): ReviewSummary {
  const s = review.summary;
  return {
    id: review.id,
    title: review.title,
    trigger: review.trigger,
    ...(review.period ? { period: review.period } : {}),
    takenAt: review.takenAt.toISOString(),
    ...(review.takenBy ? { takenBy: review.takenBy } : {}),
    growthFactor: review.growthFactor,
    ...(review.previousReviewId
      ? { previousReviewId: review.previousReviewId }
      : {}),
    teams: s?.teams ?? 0,
    components: s?.components ?? 0,
    signedOffTeams,
    org: s?.org ?? {
      components: 0,
      score: null,
      levels: { 'not-ready': 0, bronze: 0, silver: 0, gold: 0 },
      dimensions: {
        autoscaling: { score: null, failing: 0 },
        quotas: { score: null, failing: 0 },
        docs: { score: null, failing: 0 },
        ownership: { score: null, failing: 0 },
      },
      atRisk: 0,
      coverage: 0,
    },
    changes: s?.changes ?? emptyCounts(),
  };
}

function teamRow(team: TeamSnapshot, signOffs: ReviewSignOff[]): ReviewTeamRow {
  return {
    teamRef: team.teamRef,
    ...(team.title ? { title: team.title } : {}),
    ...(team.parentRef ? { parentRef: team.parentRef } : {}),
    components: team.rollup.components,
    score: team.rollup.score,
    ...(team.changes.previousReviewId
      ? { scoreBefore: team.changes.scoreBefore ?? null }
      : {}),
    rollup: team.rollup,
    counts: team.changes.counts,
    actionItems: team.actionItems,
    signOffs: signOffs.filter(s => s.teamRef === team.teamRef),
  };
}
