/**
 * Access requests: a team member (typically a new engineer) asks for access in
 * the team's scope; a champion approves (which runs a grant) or denies it.
 * Shapes of the `/access-requests` routes and the request-based
 * time-to-access measure, shared by the backend and the frontend. Pure.
 */
import type { GrantState, GrantTarget } from './grants';

/**
 * States of an access request. `pending` until a champion decides, the
 * requester cancels or it expires unanswered; `approved` once a champion
 * approved it and a grant was asked for (the grant has its own state);
 * `failed` when the approved grant could not give access.
 * @public
 */
export type AccessRequestState =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'cancelled'
  | 'expired'
  | 'failed';

/** Every access request state. @public */
export const ACCESS_REQUEST_STATES: readonly AccessRequestState[] = [
  'pending',
  'approved',
  'denied',
  'cancelled',
  'expired',
  'failed',
];

/** An access request as served by the API. @public */
export interface TeamAccessRequest {
  id: string;
  /** Group entity ref. */
  team: string;
  target: GrantTarget;
  /** User entity ref the access is for. */
  grantee: string;
  /** User entity ref of the member who asked. */
  requestedBy: string;
  justification: string;
  durationHours: number;
  state: AccessRequestState;
  /** ISO timestamps. */
  requestedAt: string;
  /** When a pending request expires unanswered. */
  expiresAt: string;
  decidedAt?: string;
  /** Champion who approved or denied it. */
  decidedBy?: string;
  /** Comment of the decision (required to deny). */
  comment?: string;
  /** The grant an approval created. */
  grantId?: string;
  grantState?: GrantState;
  /** When access became active (the end of time-to-access). */
  activatedAt?: string;
  /** Why the approved grant failed. */
  lastError?: string;
}

/** Body of `POST /access-requests`. @public */
export interface CreateAccessRequestRequest {
  /** Group entity ref of the team whose scope the target is in. */
  team: string;
  target: GrantTarget;
  /** User entity ref; defaults to the caller. Must be a member of the team. */
  grantee?: string;
  /** Duration of the access once granted, in hours. */
  durationHours: number;
  /** Why access is needed (10–1000 characters). */
  justification: string;
}

/** Body of `POST /access-requests/:id/approve|deny|cancel`. @public */
export interface DecideAccessRequestRequest {
  /** Optional for approve and cancel, required (≥ 3 characters) for deny. */
  comment?: string;
}

/** Answer of the single-request routes. @public */
export interface AccessRequestResponse {
  request: TeamAccessRequest;
}

/**
 * Time to access of a team, measured from the newcomer's request to active
 * access, in hours, over a rolling window.
 * @public
 */
export interface TeamTimeToAccess {
  team: string;
  windowDays: number;
  /** Target of `ownership.time-to-access` (p90 must not exceed it). */
  targetHours: number;
  /** Requests that reached active access in the window. */
  samples: number;
  p50Hours: number | null;
  p90Hours: number | null;
  /** Requests waiting for a champion now. */
  pending: number;
  /** ISO time of the oldest pending request. */
  oldestPendingSince?: string;
  /** Age of the oldest pending request, in hours (at the time of the answer). */
  oldestPendingHours?: number;
  /** True when only dry-run grants were measured. */
  dryRun: boolean;
}

/** `GET /access-requests?team=…` @public */
export interface AccessRequestListResponse {
  items: TeamAccessRequest[];
  /** What the caller may do in this team. */
  caller: { entityRef?: string; isChampion: boolean; isMember: boolean };
  timeToAccess: TeamTimeToAccess;
}

/** `GET /access-requests/time-to-access`: every team with requests in the window. @public */
export interface TimeToAccessOverviewResponse {
  items: TeamTimeToAccess[];
}
