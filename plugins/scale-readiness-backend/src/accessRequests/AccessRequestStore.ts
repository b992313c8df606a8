import type {
  AccessRequestState,
  GrantState,
  GrantTarget,
} from '@scale-readiness/plugin-scale-readiness-common';

/** An access request as stored (dates as Date). */
export interface AccessRequestRecord {
  id: string;
  teamRef: string;
  requestedBy: string;
  granteeRef: string;
  target: GrantTarget;
  targetKey: string;
  justification: string;
  durationHours: number;
  state: AccessRequestState;
  requestedAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  comment: string | null;
  grantId: string | null;
  grantState: GrantState | null;
  dryRun: boolean | null;
  activatedAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

/** What a new request is made of (the store fills state and times). */
export interface NewAccessRequest {
  id: string;
  teamRef: string;
  requestedBy: string;
  granteeRef: string;
  target: GrantTarget;
  justification: string;
  durationHours: number;
}

/** Fields a transition or event may change along with its audit row. */
export interface AccessRequestPatch {
  decidedAt?: Date | null;
  decidedBy?: string | null;
  comment?: string | null;
  grantId?: string | null;
  grantState?: GrantState | null;
  dryRun?: boolean | null;
  activatedAt?: Date | null;
  lastError?: string | null;
}

/** A state change (or, with `to` equal to the state, an event), written with one audit row. */
export interface AccessRequestTransition {
  id: string;
  /** Allowed current states; anything else throws ConflictError. */
  from: readonly AccessRequestState[];
  to: AccessRequestState;
  at: Date;
  actor: string;
  /** Kebab-case action for the audit row. */
  action: string;
  details?: Record<string, unknown>;
  patch?: AccessRequestPatch;
}

/** One row of the access-request audit log. */
export interface AccessRequestAuditEntry {
  id: number;
  requestId: string;
  team: string;
  at: string;
  actor: string;
  action: string;
  fromState: AccessRequestState | null;
  toState: AccessRequestState;
  details?: Record<string, unknown>;
}

/** A measured request: from the member's request to active access. */
export interface AccessMeasurement {
  requestedAt: Date;
  activatedAt: Date;
  dryRun: boolean;
}

/** Persistence of access requests and their append-only audit log. */
export interface AccessRequestStore {
  /**
   * Creates a pending request with its `created` audit row, or returns the
   * pending request for the same team, target and grantee (`created` false).
   * Safe under concurrency (unique open key).
   */
  create(
    request: NewAccessRequest,
    options: { now: Date; expiresAt: Date },
  ): Promise<{ request: AccessRequestRecord; created: boolean }>;
  /**
   * Moves a request and writes its audit row in one transaction. The row is
   * locked (PostgreSQL) and the update is conditional on the current state,
   * so of two callers racing from `pending` exactly one wins; the other gets
   * a ConflictError.
   */
  transition(input: AccessRequestTransition): Promise<AccessRequestRecord>;
  get(id: string): Promise<AccessRequestRecord | undefined>;
  /** Newest first. */
  list(options: {
    teamRef?: string;
    states?: readonly AccessRequestState[];
    limit: number;
  }): Promise<AccessRequestRecord[]>;
  /** Audit rows, newest first. */
  listAudit(options: {
    requestId?: string;
    teamRef?: string;
    limit: number;
  }): Promise<AccessRequestAuditEntry[]>;
  /** Pending requests whose answer deadline has passed. */
  listExpired(now: Date, limit: number): Promise<AccessRequestRecord[]>;
  /**
   * Requests `approved` at or before `decidedBefore` that have no grant
   * recorded (an approval interrupted before its grant), oldest first.
   */
  listApprovedWithoutGrant(
    decidedBefore: Date,
    limit: number,
  ): Promise<AccessRequestRecord[]>;
  /** Requests of a team that reached active access since `since`. */
  listMeasured(teamRef: string, since: Date): Promise<AccessMeasurement[]>;
  /** Pending count and oldest pending request of a team. */
  pendingSummary(
    teamRef: string,
  ): Promise<{ pending: number; oldestRequestedAt: Date | null }>;
  /** Teams with a request since `since` or one pending now. */
  listActiveTeams(since: Date): Promise<string[]>;
}
