import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AccessRequestListResponse,
  AccessRequestState,
  CreateAccessRequestRequest,
  TeamAccessRequest,
  TimeToAccessOverviewResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  Grant,
  GrantAuditEntry,
  GrantState,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
  UnownedObjectsResponse,
  CreateReviewRequest,
  CreateWaiverRequest,
  ReviewDetailResponse,
  ReviewExportFormat,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SignOffRequest,
  WaiverListResponse,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ScaleReadinessPlansApi } from './PlansApi';
import type { ScaleReadinessTrendsApi } from './TrendsApi';

/** Backend health as reported by `GET /health`. @public */
export interface ScaleReadinessHealth {
  status: 'ok';
  /** ISO time of the last finished scoring pass, if any. */
  lastPassAt?: string;
  entities?: number;
}

/** Query of the org overview. @public */
export interface OverviewQuery {
  sort?: string;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  q?: string;
}

/** A downloaded review export. @public */
export interface ReviewExportFile {
  /** File name suggested by the backend. */
  filename: string;
  contentType: string;
  content: string;
}

/**
 * One row of an access request's audit log
 * (`GET /access-requests/:id/audit`), newest first.
 * @public
 */
export interface AccessRequestAuditEntry {
  id: number;
  requestId: string;
  team: string;
  /** ISO time. */
  at: string;
  /** User entity ref (or service) that made the change. */
  actor: string;
  /** Kebab-case action, e.g. `created`, `approved`, `access-active`. */
  action: string;
  fromState: AccessRequestState | null;
  toState: AccessRequestState;
  details?: Record<string, unknown>;
}

/**
 * Client of the Scale Readiness backend (launch plan calls in
 * {@link ScaleReadinessPlansApi}, trend calls in {@link ScaleReadinessTrendsApi}).
 * @public
 */
export interface ScaleReadinessApi
  extends ScaleReadinessPlansApi,
    ScaleReadinessTrendsApi {
  getHealth(): Promise<ScaleReadinessHealth>;
  getEntity(entityRef: string): Promise<EntityReadinessResponse>;
  getEntityHistory(entityRef: string, limit?: number): Promise<HistoryEntry[]>;
  refreshEntity(entityRef: string): Promise<void>;
  getTeam(groupRef: string): Promise<TeamScorecardResponse>;
  getOverview(query?: OverviewQuery): Promise<OverviewResponse>;
  simulate(request: SimulateRequest): Promise<SimulateResponse>;
  /**
   * Kubernetes objects that match no component (dangling autoscalers, PDBs
   * matching no pod, quotas of namespaces no component runs in), org-wide or
   * those read with one entity.
   */
  getUnownedObjects(options?: {
    entityRef?: string;
  }): Promise<UnownedObjectsResponse>;

  // Readiness reviews and waivers (see docs/reviews.md)
  /** Frozen reviews, newest first. */
  listReviews(query?: {
    offset?: number;
    limit?: number;
  }): Promise<ReviewListResponse>;
  /** Starts (takes and freezes) a review now. */
  startReview(request?: CreateReviewRequest): Promise<ReviewSummary>;
  /** The org view of a review. */
  getReview(reviewId: string): Promise<ReviewDetailResponse>;
  /** One team's frozen scorecard with changes, action items and sign-offs. */
  getReviewTeam(reviewId: string, teamRef: string): Promise<ReviewTeamResponse>;
  /** Signs off a team's scorecard as the current user. */
  signOffReview(
    reviewId: string,
    teamRef: string,
    request?: SignOffRequest,
  ): Promise<ReviewSignOff>;
  /** Downloads an export of a review (org-wide, or one team's). */
  exportReview(
    reviewId: string,
    format: ReviewExportFormat,
    teamRef?: string,
  ): Promise<ReviewExportFile>;
  /** Waivers, optionally of one entity and in one state. */
  listWaivers(query?: {
    entityRef?: string;
    status?: WaiverStatus;
  }): Promise<WaiverListResponse>;
  /**
   * Asks for a waiver as the current user (a champion of the owning team):
   * `pending` until another champion approves it, unless the backend allows
   * one-champion teams to approve their own.
   */
  createWaiver(request: CreateWaiverRequest): Promise<WaiverRecord>;
  /** Approves a pending waiver (a champion other than its requester). */
  approveWaiver(waiverId: string): Promise<WaiverRecord>;
  /** Revokes a waiver; the finding re-opens. */
  revokeWaiver(waiverId: string): Promise<WaiverRecord>;

  // Champion actions (see docs/champions.md)
  /** A team's champions, grant scope, executor (dry run or not), limits and time-to-access. */
  getTeamChampions(groupRef: string): Promise<TeamChampionsResponse>;
  /** A team's grants, newest first, optionally in some states only. */
  listGrants(groupRef: string, states?: GrantState[]): Promise<Grant[]>;
  /** Grants access as the current user (a champion); the key makes retries idempotent. */
  createGrant(
    request: CreateGrantRequest,
    idempotencyKey?: string,
  ): Promise<CreateGrantResponse>;
  /** Revokes a grant early. */
  revokeGrant(grantId: string, reason?: string): Promise<Grant>;
  /** The team's append-only grant audit log, newest first. */
  getGrantAuditLog(
    groupRef: string,
    limit?: number,
  ): Promise<GrantAuditEntry[]>;

  // Access requests (see docs/access-requests.md)
  /**
   * A team's access requests (newest first, optionally in some states only),
   * what the caller may do in the team, and the team's time to access.
   */
  listAccessRequests(
    groupRef: string,
    query?: { states?: AccessRequestState[]; limit?: number },
  ): Promise<AccessRequestListResponse>;
  /** Asks the team's champions for access (as the current user, a member). */
  createAccessRequest(
    request: CreateAccessRequestRequest,
  ): Promise<{ request: TeamAccessRequest; created: boolean }>;
  /** One access request. */
  getAccessRequest(requestId: string): Promise<TeamAccessRequest>;
  /** The append-only audit log of one request, newest first. */
  getAccessRequestAuditLog(
    requestId: string,
    limit?: number,
  ): Promise<AccessRequestAuditEntry[]>;
  /** Approves a pending request as a champion; the answer carries the grant state. */
  approveAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest>;
  /** Denies a pending request as a champion; a reason (≥ 3 characters) is required. */
  denyAccessRequest(
    requestId: string,
    comment: string,
  ): Promise<TeamAccessRequest>;
  /** Cancels one's own pending request. */
  cancelAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest>;
  /** Request → access time of every team with requests in the window. */
  getTimeToAccessOverview(): Promise<TimeToAccessOverviewResponse>;
}

/** API reference of {@link ScaleReadinessApi}. @public */
export const scaleReadinessApiRef = createApiRef<ScaleReadinessApi>({
  id: 'plugin.scale-readiness.service',
});
