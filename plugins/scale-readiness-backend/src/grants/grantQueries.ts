/** Read queries of the grant store (see `GrantStore`). */
import type {
  GrantAuditEntry,
  GrantState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { toBoolean, toDate } from '../database/util';
import {
  type DbAuditRow,
  type DbGrantRow,
  GRANT_TABLES,
  toAuditEntry,
  toGrantRecord,
} from './grantRows';
import type { GrantRecord } from './GrantStore';

/** See `GrantStore.listGrants`: newest first. */
export async function listGrants(
  db: Knex,
  options: { teamRef?: string; states?: readonly GrantState[]; limit: number },
): Promise<GrantRecord[]> {
  let query = db<DbGrantRow>(GRANT_TABLES.grants);
  if (options.teamRef) query = query.where('team_ref', options.teamRef);
  if (options.states?.length) {
    query = query.whereIn('state', options.states as GrantState[]);
  }
  const rows = await query
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'asc')
    .limit(options.limit);
  return rows.map(toGrantRecord);
}

/** See `GrantStore.listAudit`: newest first. */
export async function listAudit(
  db: Knex,
  options: { grantId?: string; teamRef?: string; limit: number },
): Promise<GrantAuditEntry[]> {
  let query = db<DbAuditRow>(GRANT_TABLES.audit);
  if (options.grantId) query = query.where('grant_id', options.grantId);
  if (options.teamRef) query = query.where('team_ref', options.teamRef);
  const rows = await query.orderBy('id', 'desc').limit(options.limit);
  return rows.map(toAuditEntry);
}

/** See `GrantStore.listExpired`. */
export async function listExpired(
  db: Knex,
  now: Date,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where('state', 'active')
    .where('expires_at', '<=', now)
    .orderBy('expires_at', 'asc')
    .limit(limit);
  return rows.map(toGrantRecord);
}

/** See `GrantStore.listStaleRequested`. */
export async function listStaleRequested(
  db: Knex,
  now: Date,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where('state', 'requested')
    .where(q => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .orderBy('requested_at', 'asc')
    .limit(limit);
  return rows.map(toGrantRecord);
}

/** See `GrantStore.listRevokeDue`. */
export async function listRevokeDue(
  db: Knex,
  now: Date,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await db<DbGrantRow>(GRANT_TABLES.grants)
    .whereIn('state', ['revoking', 'revoke-failed'])
    .where(q =>
      q.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now),
    )
    .where(q => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .orderBy('updated_at', 'asc')
    .limit(limit);
  return rows.map(toGrantRecord);
}

/** See `GrantStore.listActive`: soonest expiry first. */
export async function listActive(
  db: Knex,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where('state', 'active')
    .orderBy('expires_at', 'asc')
    .limit(limit);
  return rows.map(toGrantRecord);
}

/** See `GrantStore.listActivations`. */
export async function listActivations(
  db: Knex,
  teamRef: string,
  since: Date,
): Promise<Array<{ requestedAt: Date; activatedAt: Date; dryRun: boolean }>> {
  const rows = await db<DbGrantRow>(GRANT_TABLES.grants)
    .where('team_ref', teamRef)
    .whereNotNull('activated_at')
    .where('activated_at', '>=', since)
    .select('requested_at', 'activated_at', 'dry_run');
  return rows.map(r => ({
    requestedAt: toDate(r.requested_at),
    activatedAt: toDate(r.activated_at),
    dryRun: toBoolean(r.dry_run),
  }));
}
