/**
 * Row shapes of the `grants` and `grant_audit` tables and their conversion to
 * records (see `migrations/20261125010000_grants.js`).
 */
import type {
  GrantAuditEntry,
  GrantState,
} from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import type { DbTimestamp } from '../database/tables';
import { toBoolean, toDate, toDateOrNull } from '../database/util';
import type { GrantPatch, GrantRecord } from './GrantStore';

/** Table names. */
export const GRANT_TABLES = {
  grants: 'grants',
  audit: 'grant_audit',
  requesters: 'grant_requesters',
} as const;

/** A `grants` row. */
export interface DbGrantRow {
  id: string;
  team_ref: string;
  requested_by: string;
  grantee_ref: string;
  grantee_login: string | null;
  target_kind: string;
  target_key: string;
  target: string;
  justification: string;
  duration_seconds: number;
  state: string;
  executor_id: string;
  dry_run: boolean | number;
  idempotency_key: string | null;
  request_hash: string;
  open_key: string | null;
  prior: string | null;
  intended?: string | null;
  applied: string | null;
  drift: string | null;
  last_error: string | null;
  attempts: number;
  next_attempt_at: DbTimestamp | null;
  claimed_until: DbTimestamp | null;
  lease_holder?: string | null;
  revoke_reason: string | null;
  revoked_by: string | null;
  requested_at: DbTimestamp;
  activated_at: DbTimestamp | null;
  expires_at: DbTimestamp | null;
  closed_at: DbTimestamp | null;
  updated_at: DbTimestamp;
}

/** A `grant_audit` row. */
export interface DbAuditRow {
  id?: number | string;
  grant_id: string;
  team_ref: string;
  at: DbTimestamp;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  details: string | null;
}

function parseJson<T>(text: string | null): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as T);
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Reads a `grants` row. */
export function toGrantRecord(row: DbGrantRow): GrantRecord {
  return {
    id: row.id,
    teamRef: row.team_ref,
    requestedBy: row.requested_by,
    granteeRef: row.grantee_ref,
    granteeLogin: row.grantee_login ?? null,
    target: JSON.parse(row.target),
    targetKey: row.target_key,
    justification: row.justification,
    durationSeconds: Number(row.duration_seconds),
    state: row.state as GrantState,
    executorId: row.executor_id,
    dryRun: toBoolean(row.dry_run),
    idempotencyKey: row.idempotency_key ?? null,
    requestHash: row.request_hash,
    openKey: row.open_key ?? null,
    prior: parseJson(row.prior),
    intended: parseJson(row.intended ?? null),
    outcome: parseJson(row.applied),
    drift: parseJson(row.drift),
    lastError: row.last_error ?? null,
    attempts: Number(row.attempts),
    nextAttemptAt: toDateOrNull(row.next_attempt_at),
    claimedUntil: toDateOrNull(row.claimed_until),
    leaseHolder: row.lease_holder ?? null,
    revokeReason: (row.revoke_reason as GrantRecord['revokeReason']) ?? null,
    revokedBy: row.revoked_by ?? null,
    requestedAt: toDate(row.requested_at),
    activatedAt: toDateOrNull(row.activated_at),
    expiresAt: toDateOrNull(row.expires_at),
    closedAt: toDateOrNull(row.closed_at),
    updatedAt: toDate(row.updated_at),
  };
}

/** Column values of a patch (only the keys present). */
export function patchColumns(patch: GrantPatch = {}): Partial<DbGrantRow> {
  const out: Partial<DbGrantRow> = {};
  if ('outcome' in patch) out.applied = json(patch.outcome);
  if ('drift' in patch) out.drift = json(patch.drift);
  if ('lastError' in patch) out.last_error = patch.lastError ?? null;
  if ('attempts' in patch) out.attempts = patch.attempts ?? 0;
  if ('nextAttemptAt' in patch)
    out.next_attempt_at = patch.nextAttemptAt ?? null;
  if ('claimedUntil' in patch) {
    // taking a lease makes a new holder; releasing it clears the holder
    out.claimed_until = patch.claimedUntil ?? null;
    out.lease_holder = patch.claimedUntil ? randomUUID() : null;
  }
  if ('revokeReason' in patch) out.revoke_reason = patch.revokeReason ?? null;
  if ('revokedBy' in patch) out.revoked_by = patch.revokedBy ?? null;
  if ('activatedAt' in patch) out.activated_at = patch.activatedAt ?? null;
  if ('expiresAt' in patch) out.expires_at = patch.expiresAt ?? null;
  return out;
}

/** An audit row to insert. */
export function auditRow(input: {
  grantId: string;
  teamRef: string;
  at: Date;
  actor: string;
  action: string;
  from: GrantState | null;
  to: GrantState;
  details?: Record<string, unknown>;
}): DbAuditRow {
  return {
    grant_id: input.grantId,
    team_ref: input.teamRef,
    at: input.at,
    actor: input.actor,
    action: input.action,
    from_state: input.from,
    to_state: input.to,
    details: json(input.details),
  };
}

/** Reads a `grant_audit` row. */
export function toAuditEntry(row: DbAuditRow): GrantAuditEntry {
  const details = parseJson<Record<string, unknown>>(row.details);
  return {
    id: Number(row.id),
    grantId: row.grant_id,
    team: row.team_ref,
    at: toDate(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    fromState: (row.from_state as GrantState) ?? null,
    toState: row.to_state as GrantState,
    ...(details ? { details } : {}),
  };
}
