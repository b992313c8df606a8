import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  grantTargetKey,
  type AccessRequestState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { isPostgres, toBoolean, toDate } from '../database/util';
import { isUniqueViolation } from '../database/errors';
import { migratedClient } from '../database/migrate';
import {
  ACCESS_REQUEST_TABLES as T,
  auditRow,
  type DbAccessRequestAuditRow,
  type DbAccessRequestRow,
  patchColumns,
  toAccessRequestRecord,
  toAuditEntry,
} from './accessRequestRows';
import type {
  AccessMeasurement,
  AccessRequestAuditEntry,
  AccessRequestRecord,
  AccessRequestStore,
  AccessRequestTransition,
  NewAccessRequest,
} from './AccessRequestStore';
import { canMove } from './stateMachine';

/** Key of the one pending request per team, target and grantee. */
export function openKeyFor(r: NewAccessRequest): string {
  return `${r.teamRef}|${grantTargetKey(r.target)}|${r.granteeRef}`;
}

/**
 * Knex implementation of {@link AccessRequestStore} for SQLite and
 * PostgreSQL. Every state change and its audit row share one transaction; on
 * PostgreSQL the row is locked (`FOR UPDATE`), on SQLite writes are
 * serialised by the engine; the update is conditional on the state read.
 */
export class DatabaseAccessRequestStore implements AccessRequestStore {
  /** Connects and applies pending migrations unless told to skip them. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAccessRequestStore> {
    return new DatabaseAccessRequestStore(
      await migratedClient(options.database),
    );
  }

  readonly #db: Knex;
  readonly #pg: boolean;

  private constructor(db: Knex) {
    this.#db = db;
    this.#pg = isPostgres(db);
  }

  async create(
    request: NewAccessRequest,
    options: { now: Date; expiresAt: Date },
  ): Promise<{ request: AccessRequestRecord; created: boolean }> {
    const openKey = openKeyFor(request);
    const row: DbAccessRequestRow = {
      id: request.id,
      team_ref: request.teamRef,
      requested_by: request.requestedBy,
      grantee_ref: request.granteeRef,
      target: JSON.stringify(request.target),
      target_key: grantTargetKey(request.target),
      justification: request.justification,
      duration_hours: request.durationHours,
      state: 'pending',
      open_key: openKey,
      requested_at: options.now,
      expires_at: options.expiresAt,
      decided_at: null,
      decided_by: null,
      comment: null,
      grant_id: null,
      grant_state: null,
      dry_run: null,
      activated_at: null,
      last_error: null,
      updated_at: options.now,
    };
    try {
      await this.#db.transaction(async tx => {
        await tx<DbAccessRequestRow>(T.requests).insert(row);
        await tx<DbAccessRequestAuditRow>(T.audit).insert(
          auditRow({
            requestId: request.id,
            teamRef: request.teamRef,
            at: options.now,
            actor: request.requestedBy,
            action: 'created',
            from: null,
            to: 'pending',
            details: {
              target: request.target,
              grantee: request.granteeRef,
              durationHours: request.durationHours,
              justification: request.justification,
            },
          }),
        );
      });
      return { request: toAccessRequestRecord(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.#db<DbAccessRequestRow>(T.requests)
        .where('open_key', openKey)
        .first();
      if (!existing) throw error;
      return { request: toAccessRequestRecord(existing), created: false };
    }
  }

  async transition(
    input: AccessRequestTransition,
  ): Promise<AccessRequestRecord> {
    return this.#db.transaction(async tx => {
      const query = tx<DbAccessRequestRow>(T.requests).where('id', input.id);
      const current = await (this.#pg ? query.forUpdate() : query).first();
      if (!current) throw new NotFoundError(`No access request ${input.id}`);
      const from = current.state as AccessRequestState;
      if (!input.from.includes(from)) {
        throw new ConflictError(
          `Access request ${input.id} is ${from}, not ${input.from.join(
            ' or ',
          )}`,
        );
      }
      if (!canMove(from, input.to)) {
        throw new Error(
          `Invalid access request transition ${from} → ${input.to}`,
        );
      }
      const changes: Partial<DbAccessRequestRow> = {
        ...patchColumns(input.patch),
        state: input.to,
        updated_at: input.at,
        ...(input.to !== 'pending' ? { open_key: null } : {}),
      };
      const updated = await tx<DbAccessRequestRow>(T.requests)
        .where({ id: input.id, state: from })
        .update(changes);
      if (updated !== 1) {
        throw new ConflictError(
          `Access request ${input.id} changed concurrently`,
        );
      }
      await tx<DbAccessRequestAuditRow>(T.audit).insert(
        auditRow({
          requestId: input.id,
          teamRef: current.team_ref,
          at: input.at,
          actor: input.actor,
          action: input.action,
          from,
          to: input.to,
          details: input.details,
        }),
      );
      return toAccessRequestRecord({ ...current, ...changes });
    });
  }

  async get(id: string): Promise<AccessRequestRecord | undefined> {
    const row = await this.#db<DbAccessRequestRow>(T.requests)
      .where('id', id)
      .first();
    return row ? toAccessRequestRecord(row) : undefined;
  }

  async list(options: {
    teamRef?: string;
    states?: readonly AccessRequestState[];
    limit: number;
  }): Promise<AccessRequestRecord[]> {
    let query = this.#db<DbAccessRequestRow>(T.requests);
    if (options.teamRef) query = query.where('team_ref', options.teamRef);
    if (options.states?.length) {
      query = query.whereIn('state', options.states as AccessRequestState[]);
    }
    const rows = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'asc')
      .limit(options.limit);
    return rows.map(toAccessRequestRecord);
  }

  async listAudit(options: {
    requestId?: string;
    teamRef?: string;
    limit: number;
  }): Promise<AccessRequestAuditEntry[]> {
    let query = this.#db<DbAccessRequestAuditRow>(T.audit);
    if (options.requestId) query = query.where('request_id', options.requestId);
    if (options.teamRef) query = query.where('team_ref', options.teamRef);
    const rows = await query.orderBy('id', 'desc').limit(options.limit);
    return rows.map(toAuditEntry);
  }

  async listExpired(now: Date, limit: number): Promise<AccessRequestRecord[]> {
    const rows = await this.#db<DbAccessRequestRow>(T.requests)
      .where('state', 'pending')
      .where('expires_at', '<=', now)
      .orderBy('expires_at', 'asc')
      .limit(limit);
    return rows.map(toAccessRequestRecord);
  }

  async listApprovedWithoutGrant(
    decidedBefore: Date,
    limit: number,
  ): Promise<AccessRequestRecord[]> {
    const rows = await this.#db<DbAccessRequestRow>(T.requests)
      .where('state', 'approved')
      .whereNull('grant_id')
      .where('decided_at', '<=', decidedBefore)
      .orderBy('decided_at', 'asc')
      .limit(limit);
    return rows.map(toAccessRequestRecord);
  }

  async listMeasured(
    teamRef: string,
    since: Date,
  ): Promise<AccessMeasurement[]> {
    const rows = await this.#db<DbAccessRequestRow>(T.requests)
      .where('team_ref', teamRef)
      .whereNotNull('activated_at')
      .where('activated_at', '>=', since)
      .select('requested_at', 'activated_at', 'dry_run');
    return rows.map(r => ({
      requestedAt: toDate(r.requested_at),
      activatedAt: toDate(r.activated_at),
      dryRun: r.dry_run === null ? false : toBoolean(r.dry_run),
    }));
  }

  async pendingSummary(
    teamRef: string,
  ): Promise<{ pending: number; oldestRequestedAt: Date | null }> {
    const [row] = await this.#db<DbAccessRequestRow>(T.requests)
      .where({ team_ref: teamRef, state: 'pending' })
      .count({ pending: '*' })
      .min({ oldest: 'requested_at' });
    const pending = Number((row as any)?.pending ?? 0);
    const oldest = (row as any)?.oldest;
    return {
      pending,
      oldestRequestedAt:
        pending > 0 && oldest !== null && oldest !== undefined
          ? toDate(oldest)
          : null,
    };
  }

  async listActiveTeams(since: Date): Promise<string[]> {
    const rows = await this.#db<DbAccessRequestRow>(T.requests)
      .where('requested_at', '>=', since)
      .orWhere('state', 'pending')
      .orWhere('activated_at', '>=', since)
      .distinct('team_ref')
      .orderBy('team_ref');
    return rows.map(r => r.team_ref);
  }
}
