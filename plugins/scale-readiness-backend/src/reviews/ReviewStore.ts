import type {
  ChangeCounts,
  ReviewComponentSnapshot,
  ReviewSignOff,
  ReviewTrigger,
  Rollup,
  TeamChanges,
  TimeToAccessSummary,
  Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Lifecycle of a stored review: `taking` while written, then `frozen` for good. */
export type ReviewStatus = 'taking' | 'frozen';

/** Org-wide figures written when a review is frozen. */
export interface ReviewSummaryData {
  teams: number;
  components: number;
  org: Rollup;
  changes: ChangeCounts;
}

/** A stored review header. */
export interface StoredReview {
  id: string;
  title: string;
  trigger: ReviewTrigger;
  period: string | null;
  status: ReviewStatus;
  growthFactor: number;
  takenAt: Date;
  takenBy: string | null;
  frozenAt: Date | null;
  previousReviewId: string | null;
  /** Set when frozen. */
  summary: ReviewSummaryData | null;
}

/** What `beginReview` writes. */
export interface NewReview {
  id: string;
  title: string;
  trigger: ReviewTrigger;
  period?: string;
  growthFactor: number;
  takenAt: Date;
  takenBy?: string;
  previousReviewId?: string;
}

/** The frozen scorecard of one team (without its components). */
export interface TeamSnapshot {
  teamRef: string;
  title?: string;
  parentRef?: string;
  champions: string[];
  rollup: Rollup;
  changes: TeamChanges;
  /** Waivers active on the team's components when the review was taken. */
  waivers: Waiver[];
  timeToAccess?: TimeToAccessSummary;
  /** Number of open action items. */
  actionItems: number;
}

/**
 * Persistence of readiness reviews. A review is written in three steps
 * (`beginReview`, `addTeamSnapshot` per team, `freezeReview`); once frozen the
 * database refuses every change to it (triggers), and the store offers no
 * method that would try.
 */
export interface ReviewStore {
  /**
   * Inserts a review in status `taking`.
   * @throws ConflictError when a review for the same `period` exists
   */
  beginReview(review: NewReview): Promise<void>;

  /** Writes one team's snapshot and its components (review must be `taking`). */
  addTeamSnapshot(
    reviewId: string,
    team: TeamSnapshot,
    components: ReviewComponentSnapshot[],
  ): Promise<void>;

  /** Stores the summary and freezes the review. */
  freezeReview(
    reviewId: string,
    summary: ReviewSummaryData,
    frozenAt: Date,
  ): Promise<void>;

  /** Deletes a review that is still `taking` (a failed take). No-op when frozen. */
  discardReview(reviewId: string): Promise<void>;

  /** Deletes `taking` reviews started before `olderThan` (crashed takes). @returns count */
  discardStaleTakes(olderThan: Date): Promise<number>;

  /** One review (any status). */
  getReview(reviewId: string): Promise<StoredReview | undefined>;

  /** The scheduled review of a period (any status). */
  getReviewByPeriod(period: string): Promise<StoredReview | undefined>;

  /** Frozen reviews, newest first. */
  listReviews(options: {
    offset: number;
    limit: number;
  }): Promise<{ total: number; items: StoredReview[] }>;

  /** The newest frozen review taken at or before `before` (default: any). */
  latestFrozenReview(before?: Date): Promise<StoredReview | undefined>;

  /** Team snapshots of a review, sorted by team ref. */
  listTeams(reviewId: string): Promise<TeamSnapshot[]>;

  /** One team snapshot. */
  getTeam(reviewId: string, teamRef: string): Promise<TeamSnapshot | undefined>;

  /** Components of one team in a review, sorted by ref. */
  getComponents(
    reviewId: string,
    teamRef: string,
  ): Promise<ReviewComponentSnapshot[]>;

  /**
   * Records a sign-off.
   * @throws ConflictError when the user already signed for this team
   */
  addSignOff(signOff: ReviewSignOff): Promise<void>;

  /** Sign-offs of a review (optionally of one team), oldest first. */
  listSignOffs(reviewId: string, teamRef?: string): Promise<ReviewSignOff[]>;

  /** Number of teams with at least one sign-off, per review. */
  countSignedOffTeams(reviewIds: string[]): Promise<Map<string, number>>;
}
