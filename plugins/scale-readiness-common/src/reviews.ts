/**
 * Shapes of the readiness review and waiver routes of the Scale Readiness API
 * (`/api/scale-readiness/reviews…`, `/api/scale-readiness/waivers…`), shared by
 * the backend and the frontend client.
 */
import type { Rollup } from './api';
import type { Waiver } from './engine/types';
import type {
  CheckStatus,
  Dimension,
  ReadinessLevel,
  Severity,
} from './results';

/** How a review was started. @public */
export type ReviewTrigger = 'manual' | 'scheduled';

/** Status of one check in a frozen snapshot; `waived` replaces a waived fail/warn. @public */
export type SnapshotCheckStatus = CheckStatus | 'waived';

/** Counts of component changes. @public */
export interface ChangeCounts {
  improved: number;
  regressed: number;
  new: number;
  removed: number;
  unchanged: number;
}

/** One review as listed. @public */
export interface ReviewSummary {
  id: string;
  title: string;
  trigger: ReviewTrigger;
  /** Calendar period of a scheduled review, e.g. `2026-Q4`. */
  period?: string;
  /** ISO time the snapshot was taken. */
  takenAt: string;
  /** User who started it (absent when scheduled). */
  takenBy?: string;
  growthFactor: number;
  /** The review the changes are computed against (absent for the first one). */
  previousReviewId?: string;
  /** Teams with at least one component then (or in the previous review). */
  teams: number;
  components: number;
  /** Teams with at least one sign-off. */
  signedOffTeams: number;
  /** Rollup over every component in the review. */
  org: Rollup;
  /** Component changes since the previous review, org-wide. */
  changes: ChangeCounts;
}

/** A non-passing check of a component, as frozen in a review. @public */
export interface ReviewFinding {
  checkId: string;
  title: string;
  dimension: Dimension;
  severity: Severity;
  status: CheckStatus;
  message: string;
  remediation?: string;
  /** Set when a valid waiver covered it at the time. */
  waived?: { reason: string; approvedBy: string; expiresAt: string };
}

/** One component as frozen in a review. @public */
export interface ReviewComponentSnapshot {
  entityRef: string;
  title?: string;
  kind: string;
  type?: string;
  system?: string;
  level: ReadinessLevel;
  score: number | null;
  ownHeadroom: number | null;
  chainHeadroom: number | null;
  weakestLink?: {
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message: string;
  };
  /** Chain headroom below the review's growth factor. */
  atRisk: boolean;
  coverage: number;
  dimensions: Record<
    Dimension,
    { score: number | null; worst: CheckStatus | null }
  >;
  /** Status of every check (waived fail/warn as `waived`). */
  checks: Record<string, SnapshotCheckStatus>;
  /** fail, warn and unknown results (waived ones included, marked). */
  findings: ReviewFinding[];
  /** ISO time of the result that was frozen. */
  evaluatedAt: string;
}

/** Time from an access request to access granted, for a team (when measured). @public */
export interface TimeToAccessSummary {
  /** Requests measured. */
  samples: number;
  medianHours: number | null;
  p90Hours: number | null;
}

/** How one dimension of a component changed. @public */
export interface DimensionChange {
  dimension: Dimension;
  before: number | null;
  after: number | null;
  change: 'improved' | 'regressed' | 'unchanged';
}

/** How one component changed since the previous review. @public */
export interface ComponentChange {
  entityRef: string;
  title?: string;
  change: 'improved' | 'regressed' | 'new' | 'removed' | 'unchanged';
  levelBefore?: ReadinessLevel;
  levelAfter?: ReadinessLevel;
  scoreBefore?: number | null;
  scoreAfter?: number | null;
  chainHeadroomBefore?: number | null;
  chainHeadroomAfter?: number | null;
  /** Dimensions whose score changed. */
  dimensions: DimensionChange[];
  /** Checks whose status changed: id → [before, after]. */
  checks: Record<
    string,
    [SnapshotCheckStatus | null, SnapshotCheckStatus | null]
  >;
}

/** A team's changes since the previous review. @public */
export interface TeamChanges {
  /** The review compared against; absent for a team's first review. */
  previousReviewId?: string;
  counts: ChangeCounts;
  /** Per dimension: team score before/after and components improved/regressed in it. */
  dimensions: Record<
    Dimension,
    {
      before: number | null;
      after: number | null;
      improved: number;
      regressed: number;
    }
  >;
  /** Every changed component (unchanged ones are only counted). */
  components: ComponentChange[];
  /** Score of the team before (absent without a previous review). */
  scoreBefore?: number | null;
}

/** An open finding a team should act on (unwaived fail, warn or unknown). @public */
export interface ActionItem {
  entityRef: string;
  checkId: string;
  title: string;
  dimension: Dimension;
  severity: Severity;
  status: CheckStatus;
  message: string;
  remediation?: string;
}

/** A team's sign-off of its scorecard in a review. @public */
export interface ReviewSignOff {
  reviewId: string;
  teamRef: string;
  userRef: string;
  /** ISO time. */
  signedAt: string;
  comment?: string;
}

/** A team row of the org view of a review. @public */
export interface ReviewTeamRow {
  teamRef: string;
  title?: string;
  parentRef?: string;
  components: number;
  score: number | null;
  scoreBefore?: number | null;
  rollup: Rollup;
  counts: ChangeCounts;
  actionItems: number;
  signOffs: ReviewSignOff[];
}

/** `GET /reviews?offset=&limit=` @public */
export interface ReviewListResponse {
  items: ReviewSummary[];
  total: number;
  offset: number;
  limit: number;
}

/** `GET /reviews/:id` — the org view. @public */
export interface ReviewDetailResponse {
  review: ReviewSummary;
  previous?: ReviewSummary;
  teams: ReviewTeamRow[];
}

/** `GET /reviews/:id/teams/:kind/:namespace/:name` @public */
export interface ReviewTeamResponse {
  review: ReviewSummary;
  team: {
    teamRef: string;
    title?: string;
    parentRef?: string;
    champions: string[];
    rollup: Rollup;
    waivers: Waiver[];
    timeToAccess?: TimeToAccessSummary;
  };
  components: ReviewComponentSnapshot[];
  changes: TeamChanges;
  actionItems: ActionItem[];
  signOffs: ReviewSignOff[];
  /** Whether the caller may sign off this team (champion or owner, permission allowed). */
  canSignOff: boolean;
}

/** `POST /reviews` body. @public */
export interface CreateReviewRequest {
  title?: string;
}

/** `POST /reviews/:id/teams/:kind/:namespace/:name/sign-offs` body. @public */
export interface SignOffRequest {
  comment?: string;
}

/** Export formats of `GET /reviews/:id[/teams/…]/export?format=`. @public */
export type ReviewExportFormat = 'markdown' | 'csv';

/** Lifecycle of a stored waiver at a given time. @public */
export type WaiverStatus = 'pending' | 'active' | 'expired' | 'revoked';

/** A stored waiver. @public */
export interface WaiverRecord extends Waiver {
  id: string;
  /**
   * `pending` until a champion other than the requester approves it (or, with
   * `scaleReadiness.waivers.allowSingleChampion`, at once); a pending waiver
   * does not apply to scores and its `approvedBy` is empty.
   */
  status: WaiverStatus;
  /** The champion who asked for the waiver (or last changed it). */
  requestedBy: string;
  /** ISO time of the approval; absent while pending. */
  approvedAt?: string;
  /** ISO times. */
  createdAt: string;
  updatedAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** One change of a waiver. @public */
export interface WaiverAuditEntry {
  waiverId: string;
  action: 'created' | 'updated' | 'approved' | 'revoked' | 'expired';
  /** User ref, or `plugin:scale-readiness` for the expiry sweep. */
  actor: string;
  at: string;
  before?: Waiver;
  after?: Waiver;
}

/** `POST /waivers` body. @public */
export interface CreateWaiverRequest {
  entityRef: string;
  checkId: string;
  reason: string;
  /** ISO time; defaults to, and may not exceed, now + the configured maximum. */
  expiresAt?: string;
}

/** `PATCH /waivers/:id` body. @public */
export interface UpdateWaiverRequest {
  reason?: string;
  expiresAt?: string;
}

/** `GET /waivers?entityRef=&status=` @public */
export interface WaiverListResponse {
  items: WaiverRecord[];
  /** Longest allowed waiver, in days (from config). */
  maxDays: number;
}

/** `GET /waivers/:id` @public */
export interface WaiverDetailResponse {
  waiver: WaiverRecord;
  audit: WaiverAuditEntry[];
}
