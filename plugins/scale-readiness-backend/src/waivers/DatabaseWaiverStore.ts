import type {
  Waiver,
  WaiverAuditEntry,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../database/errors';
import { toDate, toDateOrNull } from '../database/util';
import {
  type DbWaiverAuditRow,
  type DbWaiverRow,
  REVIEW_TABLES as T,
} from '../database/reviewTables';
import type { NewWaiver, WaiverListFilter, WaiverStore } from './WaiverStore';

/** Actor of changes made by the plugin itself (expiry). */
const PLUGIN_ACTOR = 'plugin:scale-readiness';

function toWaiver(row: DbWaiverRow): Waiver {
  return {
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    approvedBy: row.approved_by,
    expiresAt: toDate(row.expires_at).toISOString(),
  };
}

function toRecord(row: DbWaiverRow, now: Date): WaiverRecord {
  const revokedAt = toDateOrNull(row.revoked_at);
  const approvedAt = toDateOrNull(row.approved_at);
  const expired = toDate(row.expires_at).getTime() <= now.getTime();
  let status: WaiverRecord['status'] = 'active';
  if (!approvedAt) status = 'pending';
  if (expired) status = 'expired';
  if (revokedAt) status = 'revoked';
  return {
    id: row.id,
    ...toWaiver(row),
    status,
    requestedBy: row.requested_by ?? row.approved_by,
    ...(approvedAt ? { approvedAt: approvedAt.toISOString() } : {}),
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    ...(revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
    ...(row.revoked_by ? { revokedBy: row.revoked_by } : {}),
  };
}

/** Knex implementation of {@link WaiverStore} (SQLite and PostgreSQL). */
export class DatabaseWaiverStore implements WaiverStore {
  constructor(private readonly db: Knex) {}

  /** Neither revoked nor expired: pending or approved. */
  #open(query: Knex.QueryBuilder<DbWaiverRow>, at: Date) {
    return query.whereNull('revoked_at').where('expires_at', '>', at);
  }

  /** Open and approved: applies to scores. */
  #active(query: Knex.QueryBuilder<DbWaiverRow>, at: Date) {
    return this.#open(query, at).whereNotNull('approved_at');
  }

  async #audit(
    tx: Knex.Transaction,
    entry: {
      waiverId: string;
      action: WaiverAuditEntry['action'];
      actor: string;
      at: Date;
      before?: DbWaiverRow;
      after?: DbWaiverRow;
    },
  ) {
    await tx<DbWaiverAuditRow>(T.waiverAudit).insert({
      waiver_id: entry.waiverId,
      action: entry.action,
      actor: entry.actor,
      at: entry.at,
      before: entry.before ? JSON.stringify(toWaiver(entry.before)) : null,
      after: entry.after ? JSON.stringify(toWaiver(entry.after)) : null,
    });
  }

  async create(
    waiver: NewWaiver,
    actor: string,
    at: Date,
  ): Promise<WaiverRecord> {
    const approved = waiver.approvedBy !== '';
    const row: DbWaiverRow = {
      id: waiver.id,
      entity_ref: waiver.entityRef,
      check_id: waiver.checkId,
      reason: waiver.reason,
      approved_by: waiver.approvedBy,
      requested_by: waiver.requestedBy,
      approved_at: approved ? at : null,
      created_at: at,
      updated_at: at,
      expires_at: new Date(waiver.expiresAt),
      revoked_at: null,
      revoked_by: null,
      expiry_handled_at: null,
    };
    try {
      await this.db.transaction(async tx => {
        await this.#releaseExpired(tx, row, at);
        await tx<DbWaiverRow>(T.waivers).insert(row);
        await this.#audit(tx, {
          waiverId: row.id,
          action: 'created',
          actor,
          at,
          after: row,
        });
      });
    } catch (error) {
      // the unique index (one active waiver per finding) refused a second one
      if (!isUniqueViolation(error)) throw error;
      const active = await this.findOpen(row.entity_ref, row.check_id, at);
      throw new ConflictError(
        `${active ? `Waiver ${active.id}` : 'Another waiver'} already covers ${
          row.check_id
        } on ${row.entity_ref}; change it instead`,
      );
    }
    return toRecord(row, at);
  }

  /**
   * A waiver of the same finding that expired but was not swept yet still
   * holds the finding in the unique index: its expiry is handled here (with
   * its audit row), like the sweep would.
   */
  async #releaseExpired(tx: Knex.Transaction, row: DbWaiverRow, at: Date) {
    const expired = await tx<DbWaiverRow>(T.waivers)
      .where({ entity_ref: row.entity_ref, check_id: row.check_id })
      .whereNull('revoked_at')
      .whereNull('expiry_handled_at')
      .where('expires_at', '<=', at);
    for (const before of expired) {
      await tx<DbWaiverRow>(T.waivers)
        .where({ id: before.id })
        .update({ expiry_handled_at: at });
      await this.#audit(tx, {
        waiverId: before.id,
        action: 'expired',
        actor: PLUGIN_ACTOR,
        at,
        before,
      });
    }
  }

  async #changeActive(
    id: string,
    at: Date,
    action: 'updated' | 'approved' | 'revoked',
    actor: string,
    patch: Partial<DbWaiverRow>,
  ): Promise<WaiverRecord | undefined> {
    return this.db.transaction(async tx => {
      const before = await this.#open(
        tx<DbWaiverRow>(T.waivers).where({ id }),
        at,
      ).first();
      if (!before) return undefined;
      const after: DbWaiverRow = { ...before, ...patch, updated_at: at };
      let query = this.#open(tx<DbWaiverRow>(T.waivers).where({ id }), at);
      // approving: only while pending, so two approvals cannot both win
      if (action === 'approved') query = query.whereNull('approved_at');
      const updated = await query.update({ ...patch, updated_at: at });
      if (updated !== 1) return undefined;
      await this.#audit(tx, { waiverId: id, action, actor, at, before, after });
      return toRecord(after, at);
    });
  }

  async update(
    id: string,
    change: { reason?: string; expiresAt?: string; approvedBy: string },
    actor: string,
    at: Date,
  ): Promise<WaiverRecord | undefined> {
    return this.#changeActive(id, at, 'updated', actor, {
      approved_by: change.approvedBy,
      requested_by: actor,
      approved_at: change.approvedBy === '' ? null : at,
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.expiresAt !== undefined
        ? { expires_at: new Date(change.expiresAt) }
        : {}),
    });
  }

  async approve(
    id: string,
    approver: string,
    at: Date,
  ): Promise<WaiverRecord | undefined> {
    return this.#changeActive(id, at, 'approved', approver, {
      approved_by: approver,
      approved_at: at,
    });
  }

  async revoke(
    id: string,
    actor: string,
    at: Date,
  ): Promise<WaiverRecord | undefined> {
    return this.#changeActive(id, at, 'revoked', actor, {
      revoked_at: at,
      revoked_by: actor,
    });
  }

  async get(id: string, now: Date): Promise<WaiverRecord | undefined> {
    const row = await this.db<DbWaiverRow>(T.waivers).where({ id }).first();
    return row ? toRecord(row, now) : undefined;
  }

  async list(filter: WaiverListFilter): Promise<WaiverRecord[]> {
    let query = this.db<DbWaiverRow>(T.waivers);
    if (filter.entityRef) query = query.where({ entity_ref: filter.entityRef });
    if (filter.status === 'active') query = this.#active(query, filter.now);
    if (filter.status === 'pending') {
      query = this.#open(query, filter.now).whereNull('approved_at');
    }
    if (filter.status === 'revoked') query = query.whereNotNull('revoked_at');
    if (filter.status === 'expired') {
      query = query
        .whereNull('revoked_at')
        .where('expires_at', '<=', filter.now);
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit ?? 500);
    return rows.map(r => toRecord(r, filter.now));
  }

  async findOpen(
    entityRef: string,
    checkId: string,
    now: Date,
  ): Promise<WaiverRecord | undefined> {
    const row = await this.#open(
      this.db<DbWaiverRow>(T.waivers).where({
        entity_ref: entityRef,
        check_id: checkId,
      }),
      now,
    ).first();
    return row ? toRecord(row, now) : undefined;
  }

  async listActive(at: Date): Promise<Waiver[]> {
    const rows = await this.#active(
      this.db<DbWaiverRow>(T.waivers),
      at,
    ).orderBy('id');
    return rows.map(toWaiver);
  }

  async listExpiringBefore(now: Date, before: Date): Promise<WaiverRecord[]> {
    const rows = await this.#active(this.db<DbWaiverRow>(T.waivers), now)
      .where('expires_at', '<', before)
      .orderBy('expires_at');
    return rows.map((r: DbWaiverRow) => toRecord(r, now));
  }

  async handleExpired(now: Date, actor: string): Promise<WaiverRecord[]> {
    const candidates = await this.db<DbWaiverRow>(T.waivers)
      .whereNull('revoked_at')
      .whereNull('expiry_handled_at')
      .where('expires_at', '<=', now)
      .orderBy('expires_at');
    const handled: WaiverRecord[] = [];
    for (const row of candidates) {
      const done = await this.db.transaction(async tx => {
        const n = await tx<DbWaiverRow>(T.waivers)
          .where({ id: row.id })
          .whereNull('expiry_handled_at')
          .update({ expiry_handled_at: now });
        if (n !== 1) return false;
        await this.#audit(tx, {
          waiverId: row.id,
          action: 'expired',
          actor,
          at: now,
          before: row,
        });
        return true;
      });
      if (done) handled.push(toRecord(row, now));
    }
    return handled;
  }

  async audit(id: string): Promise<WaiverAuditEntry[]> {
    const rows = await this.db<DbWaiverAuditRow>(T.waiverAudit)
      .where({ waiver_id: id })
      .orderBy('id');
    return rows.map(r => ({
      waiverId: r.waiver_id,
      action: r.action as WaiverAuditEntry['action'],
      actor: r.actor,
      at: toDate(r.at).toISOString(),
      ...(r.before ? { before: JSON.parse(r.before) } : {}),
      ...(r.after ? { after: JSON.parse(r.after) } : {}),
    }));
  }
}
