import type {
  Waiver,
  WaiverAuditEntry,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';

/** A new waiver; `approvedBy` empty for a waiver pending approval. */
export interface NewWaiver extends Waiver {
  id: string;
  /** The champion who asks for it. */
  requestedBy: string;
}

/** Filter of `list`. */
export interface WaiverListFilter {
  entityRef?: string;
  /** Only waivers in this state at `now`. */
  status?: WaiverStatus;
  now: Date;
  limit?: number;
}

/**
 * Persistence of waivers. Every change writes an audit row in the same
 * transaction; the audit table is append-only (database triggers).
 */
export interface WaiverStore {
  /** Inserts a waiver (and its `created` audit row). */
  create(waiver: NewWaiver, actor: string, at: Date): Promise<WaiverRecord>;

  /**
   * Changes reason, expiry and approver of a waiver that is open (pending or
   * active) at `at`; `actor` becomes its requester and an empty `approvedBy`
   * makes it pending again.
   * @returns undefined when there is no open waiver with this id
   */
  update(
    id: string,
    change: { reason?: string; expiresAt?: string; approvedBy: string },
    actor: string,
    at: Date,
  ): Promise<WaiverRecord | undefined>;

  /**
   * Approves a waiver pending at `at`, atomically: of two approvals at once,
   * one wins.
   * @returns undefined when there is no pending waiver with this id
   */
  approve(
    id: string,
    approver: string,
    at: Date,
  ): Promise<WaiverRecord | undefined>;

  /**
   * Revokes a waiver that is open (pending or active) at `at`.
   * @returns undefined when there is no open waiver with this id
   */
  revoke(
    id: string,
    actor: string,
    at: Date,
  ): Promise<WaiverRecord | undefined>;

  /** One waiver with its status at `now`. */
  get(id: string, now: Date): Promise<WaiverRecord | undefined>;

  /** Waivers, newest first. */
  list(filter: WaiverListFilter): Promise<WaiverRecord[]>;

  /** The open (pending or active) waiver of one check of one entity, if any. */
  findOpen(
    entityRef: string,
    checkId: string,
    now: Date,
  ): Promise<WaiverRecord | undefined>;

  /** Every waiver active at `at` (approved, neither revoked nor expired), for scoring. */
  listActive(at: Date): Promise<Waiver[]>;

  /** Active waivers that expire before `before`. */
  listExpiringBefore(now: Date, before: Date): Promise<WaiverRecord[]>;

  /**
   * Marks waivers that expired by `now` and were not handled yet as handled,
   * writing an `expired` audit row for each.
   * @returns the waivers handled now
   */
  handleExpired(now: Date, actor: string): Promise<WaiverRecord[]>;

  /** The audit log of one waiver, oldest first. */
  audit(id: string): Promise<WaiverAuditEntry[]>;
}
