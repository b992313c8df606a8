import { ConflictError } from '@backstage/errors';
import type {
  GrantAuditEntry,
  GrantState,
  GrantTarget,
  RevokeReason,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

/** A grant as stored (dates as Date, executor state as objects). */
export interface GrantRecord {
  id: string;
  teamRef: string;
  requestedBy: string;
  granteeRef: string;
  granteeLogin: string | null;
  target: GrantTarget;
  targetKey: string;
  justification: string;
  durationSeconds: number;
  state: GrantState;
  executorId: string;
  dryRun: boolean;
  idempotencyKey: string | null;
  requestHash: string;
  openKey: string | null;
  prior: AccessState | null;
  /** The change recorded as intended before the first external write. */
  intended: AccessState | null;
  outcome: AccessGrantResult | null;
  drift: { detectedAt: string; message: string; status: string } | null;
  lastError: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  claimedUntil: Date | null;
  /**
   * Token of the worker holding the lease when this record was read. A write
   * made from this record is refused once another worker took the lease.
   */
  leaseHolder: string | null;
  revokeReason: RevokeReason | null;
  revokedBy: string | null;
  requestedAt: Date;
  activatedAt: Date | null;
  expiresAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

/** What a new grant is made of (the store fills state, times and keys). */
export interface NewGrant {
  id: string;
  teamRef: string;
  requestedBy: string;
  granteeRef: string;
  granteeLogin: string | null;
  target: GrantTarget;
  justification: string;
  durationSeconds: number;
  executorId: string;
  dryRun: boolean;
  idempotencyKey: string | null;
}

/** Fields a transition or event may change along with its audit row. */
export interface GrantPatch {
  outcome?: AccessGrantResult | null;
  drift?: GrantRecord['drift'];
  lastError?: string | null;
  attempts?: number;
  nextAttemptAt?: Date | null;
  claimedUntil?: Date | null;
  revokeReason?: RevokeReason | null;
  revokedBy?: string | null;
  activatedAt?: Date | null;
  expiresAt?: Date | null;
}

/** A state change, written with exactly one audit row in one transaction. */
export interface TransitionInput {
  id: string;
  /**
   * Lease holder the writer read (`GrantRecord.leaseHolder`); the write is
   * refused (ConflictError) when the stored holder differs. Setting
   * `patch.claimedUntil` takes a new lease (new holder), null releases it.
   */
  holder: string | null;
  /** Allowed current states; anything else throws ConflictError. */
  from: readonly GrantState[];
  to: GrantState;
  at: Date;
  actor: string;
  /** Kebab-case action for the audit row. */
  action: string;
  details?: Record<string, unknown>;
  patch?: GrantPatch;
}

/** An audited event that does not change the state (drift, failed attempt). */
export interface EventInput {
  id: string;
  /** Lease holder the writer read; not recorded when the stored holder differs. */
  holder: string | null;
  /** Only recorded while the grant is in one of these states. */
  states: readonly GrantState[];
  at: Date;
  actor: string;
  action: string;
  details?: Record<string, unknown>;
  patch?: GrantPatch;
}

/** What {@link GrantStore.recordPrior} records. */
export interface RecordPriorInput {
  id: string;
  /** Lease holder the executor's worker read. */
  holder: string | null;
  /** The access before the grant. */
  prior: AccessState;
  /** The change about to be made. */
  intended: AccessState;
  at: Date;
  actor: string;
}

/** Answer of {@link GrantStore.createGrant}. */
/**
 * A grant for the same access (same target key, and the same grantee except
 * for runner groups) is still open: `grant` is that grant. A 409 over HTTP.
 */
export class OpenGrantExistsError extends ConflictError {
  constructor(readonly grant: GrantRecord) {
    super(
      `Grant ${grant.id} for the same access is still open (${grant.state}); revoke it or wait for it to end`,
    );
  }
}

export interface CreateGrantResult {
  grant: GrantRecord;
  /** False when an identical earlier request (same key, or same open target) already made it. */
  created: boolean;
}

/** Persistence of grants and their append-only audit log. */
export interface GrantStore {
  /**
   * Creates a grant in state `requested` with its `created` audit row, or
   * returns the grant an identical request already created. Enforces one
   * open grant per target (and grantee), the idempotency key and the
   * per-user rate limit; safe under concurrency.
   */
  createGrant(
    grant: NewGrant,
    options: {
      now: Date;
      leaseMs: number;
      rateLimit: { requests: number; windowMs: number };
    },
  ): Promise<CreateGrantResult>;
  /**
   * Records the access before the grant and the intended change, with a
   * `prior-recorded` audit row in the same transaction (executors call it
   * before their first write). ConflictError unless the grant is requested
   * and `holder` still holds its lease.
   */
  recordPrior(input: RecordPriorInput): Promise<void>;
  /** Extends the lease while `holder` holds it; false when it was taken over. */
  renewLease(id: string, holder: string, until: Date): Promise<boolean>;
  /** Moves a grant and writes its audit row in the same transaction. */
  transition(input: TransitionInput): Promise<GrantRecord>;
  /** Writes an event audit row (and patch) if the grant is in `states`; false otherwise. */
  recordEvent(input: EventInput): Promise<boolean>;
  /**
   * Takes the grant for `until` if it is in `states` and not held by another
   * worker: the new holder token, or undefined.
   */
  claim(
    id: string,
    states: readonly GrantState[],
    until: Date,
    now: Date,
  ): Promise<string | undefined>;
  getGrant(id: string): Promise<GrantRecord | undefined>;
  listGrants(options: {
    teamRef?: string;
    states?: readonly GrantState[];
    limit: number;
  }): Promise<GrantRecord[]>;
  /** Audit rows, newest first. */
  listAudit(options: {
    grantId?: string;
    teamRef?: string;
    limit: number;
  }): Promise<GrantAuditEntry[]>;
  /** Active grants whose expiry has passed. */
  listExpired(now: Date, limit: number): Promise<GrantRecord[]>;
  /** Requested grants whose worker lease ran out (interrupted). */
  listStaleRequested(now: Date, limit: number): Promise<GrantRecord[]>;
  /** Revoking / revoke-failed grants whose next attempt is due and not held. */
  listRevokeDue(now: Date, limit: number): Promise<GrantRecord[]>;
  /** Active grants, oldest checked first (for reconciliation). */
  listActive(limit: number): Promise<GrantRecord[]>;
  /** Request and activation times of grants activated since `since`. */
  listActivations(
    teamRef: string,
    since: Date,
  ): Promise<Array<{ requestedAt: Date; activatedAt: Date; dryRun: boolean }>>;
}
