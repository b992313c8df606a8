/**
 * Row shapes of `access_requests` and `access_request_audit` and their
 * conversion to records (see `migrations/20261205100000_access_requests.js`).
 */
import type {
  AccessRequestState,
  GrantState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { DbTimestamp } from '../database/tables';
import { toBoolean, toDate, toDateOrNull } from '../database/util';
import type {
  AccessRequestAuditEntry,
  AccessRequestPatch,
  AccessRequestRecord,
} from './AccessRequestStore';

/** Table names. */
export const ACCESS_REQUEST_TABLES = {
  requests: 'access_requests',
  audit: 'access_request_audit',
} as const;

/** An `access_requests` row. */
export interface DbAccessRequestRow {
  id: string;
  team_ref: string;
  requested_by: string;
  grantee_ref: string;
  target: string;
  target_key: string;
  justification: string;
  duration_hours: number;
  state: string;
  open_key: string | null;
  requested_at: DbTimestamp;
  expires_at: DbTimestamp;
  decided_at: DbTimestamp | null;
  decided_by: string | null;
  comment: string | null;
  grant_id: string | null;
  grant_state: string | null;
  dry_run: boolean | number | null;
  activated_at: DbTimestamp | null;
  last_error: string | null;
  updated_at: DbTimestamp;
}

/** An `access_request_audit` row. */
export interface DbAccessRequestAuditRow {
  id?: number | string;
  request_id: string;
  team_ref: string;
  at: DbTimestamp;
  actor: string;
  action: string;
  from_state: string | null;
  to_state: string;
  details: string | null;
}

/** Reads an `access_requests` row. */
export function toAccessRequestRecord(
  row: DbAccessRequestRow,
): AccessRequestRecord {
  return {
    id: row.id,
    teamRef: row.team_ref,
    requestedBy: row.requested_by,
    granteeRef: row.grantee_ref,
    target: JSON.parse(row.target),
    targetKey: row.target_key,
    justification: row.justification,
    durationHours: Number(row.duration_hours),
    state: row.state as AccessRequestState,
    requestedAt: toDate(row.requested_at),
    expiresAt: toDate(row.expires_at),
    decidedAt: toDateOrNull(row.decided_at),
    decidedBy: row.decided_by ?? null,
    comment: row.comment ?? null,
    grantId: row.grant_id ?? null,
    grantState: (row.grant_state as GrantState) ?? null,
    dryRun:
      row.dry_run === null || row.dry_run === undefined
        ? null
        : toBoolean(row.dry_run),
    activatedAt: toDateOrNull(row.activated_at),
    lastError: row.last_error ?? null,
    updatedAt: toDate(row.updated_at),
  };
}

/** Column values of a patch (only the keys present). */
export function patchColumns(
  patch: AccessRequestPatch = {},
): Partial<DbAccessRequestRow> {
  const out: Partial<DbAccessRequestRow> = {};
  if ('decidedAt' in patch) out.decided_at = patch.decidedAt ?? null;
  if ('decidedBy' in patch) out.decided_by = patch.decidedBy ?? null;
  if ('comment' in patch) out.comment = patch.comment ?? null;
  if ('grantId' in patch) out.grant_id = patch.grantId ?? null;
  if ('grantState' in patch) out.grant_state = patch.grantState ?? null;
  if ('dryRun' in patch) out.dry_run = patch.dryRun ?? null;
  if ('activatedAt' in patch) out.activated_at = patch.activatedAt ?? null;
  if ('lastError' in patch) out.last_error = patch.lastError ?? null;
  return out;
}

/** An audit row to insert. */
export function auditRow(input: {
  requestId: string;
  teamRef: string;
  at: Date;
  actor: string;
  action: string;
  from: AccessRequestState | null;
  to: AccessRequestState;
  details?: Record<string, unknown>;
}): DbAccessRequestAuditRow {
  return {
    request_id: input.requestId,
    team_ref: input.teamRef,
    at: input.at,
    actor: input.actor,
    action: input.action,
    from_state: input.from,
    to_state: input.to,
    details: input.details ? JSON.stringify(input.details) : null,
  };
}

/** Reads an `access_request_audit` row. */
export function toAuditEntry(
  row: DbAccessRequestAuditRow,
): AccessRequestAuditEntry {
  return {
    id: Number(row.id),
    requestId: row.request_id,
    team: row.team_ref,
    at: toDate(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    fromState: (row.from_state as AccessRequestState) ?? null,
    toState: row.to_state as AccessRequestState,
    ...(row.details ? { details: JSON.parse(row.details) } : {}),
  };
}
