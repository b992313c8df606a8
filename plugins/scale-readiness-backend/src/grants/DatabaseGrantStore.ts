import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  grantTargetKey,
  type GrantAuditEntry,
  type GrantState,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { hashJson, toDate } from '../database/util';
import * as leases from './grantLeases';
import * as queries from './grantQueries';
import { isUniqueViolation } from '../database/errors';
import { migratedClient } from '../database/migrate';
import { RateLimitedError } from '../http/errors';
import {
  auditRow,
  type DbAuditRow,
  type DbGrantRow,
  GRANT_TABLES,
  patchColumns,
  toGrantRecord,
} from './grantRows';
import type {
  CreateGrantResult,
  EventInput,
  RecordPriorInput,
  GrantRecord,
  GrantStore,
  NewGrant,
  TransitionInput,
} from './GrantStore';
import { OpenGrantExistsError } from './GrantStore';
import { canTransition, FINAL_STATES } from './stateMachine';

/** Key that allows one open grant per access: the target, plus the user for user access. */
export function openKeyFor(grant: Pick<NewGrant, 'target' | 'granteeRef'>) {
  const key = grantTargetKey(grant.target);
  return grant.target.kind === 'runner-group'
    ? key
    : `${key}|${grant.granteeRef}`;
}

/** Hash of what was asked, to tell an identical retry from a different request. */
export function requestHashFor(grant: NewGrant): string {
  return hashJson({
    team: grant.teamRef,
    target: grant.target,
    grantee: grant.granteeRef,
    durationSeconds: grant.durationSeconds,
    justification: grant.justification,
  });
}

/**
 * Knex implementation of {@link GrantStore} for SQLite and PostgreSQL. Every
 * state change and its audit row share one transaction; on PostgreSQL rows
 * are locked (`FOR UPDATE`), on SQLite writes are serialised by the engine.
 */
export class DatabaseGrantStore implements GrantStore {
  /** Connects and applies pending migrations unless told to skip them. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseGrantStore> {
    return new DatabaseGrantStore(
      await migratedClient(options.database, {
        skipMigrations: options.skipMigrations,
      }),
    );
  }

  readonly #db: Knex;
  readonly #pg: boolean;

  private constructor(db: Knex) {
    this.#db = db;
    this.#pg = ['pg', 'postgres', 'postgresql'].includes(
      String(db.client.config.client),
    );
  }

  async createGrant(
    grant: NewGrant,
    options: {
      now: Date;
      leaseMs: number;
      rateLimit: { requests: number; windowMs: number };
    },
  ): Promise<CreateGrantResult> {
    const openKey = openKeyFor(grant);
    const requestHash = requestHashFor(grant);
    const { now } = options;
    try {
      return await this.#db.transaction(async tx => {
        // Serialise creations per requester (PostgreSQL; SQLite serialises writes).
        await tx(GRANT_TABLES.requesters)
          .insert({ user_ref: grant.requestedBy })
          .onConflict('user_ref')
          .ignore();
        if (this.#pg) {
          await tx(GRANT_TABLES.requesters)
            .where('user_ref', grant.requestedBy)
            .forUpdate()
            .first();
        }
        const existing = await this.#findExisting(tx, grant, openKey);
        if (existing) return this.#replay(existing, grant, requestHash);

        const windowStart = new Date(
          now.getTime() - options.rateLimit.windowMs,
        );
        const recent = await tx<DbGrantRow>(GRANT_TABLES.grants)
          .where('requested_by', grant.requestedBy)
          .where('requested_at', '>', windowStart)
          .orderBy('requested_at', 'asc')
          .select('requested_at');
        if (recent.length >= options.rateLimit.requests) {
          const oldest = toDate(recent[0].requested_at);
          const retryAfter = Math.max(
            1,
            Math.ceil(
              (oldest.getTime() + options.rateLimit.windowMs - now.getTime()) /
                1000,
            ),
          );
          throw new RateLimitedError(
            `At most ${options.rateLimit.requests} grants per ${Math.round(
              options.rateLimit.windowMs / 60_000,
            )} minutes; try again in ${retryAfter} s`,
            retryAfter,
          );
        }

        const row: DbGrantRow = {
          id: grant.id,
          team_ref: grant.teamRef,
          requested_by: grant.requestedBy,
          grantee_ref: grant.granteeRef,
          grantee_login: grant.granteeLogin,
          target_kind: grant.target.kind,
          target_key: grantTargetKey(grant.target),
          target: JSON.stringify(grant.target),
          justification: grant.justification,
          duration_seconds: grant.durationSeconds,
          state: 'requested',
          executor_id: grant.executorId,
          dry_run: grant.dryRun,
          idempotency_key: grant.idempotencyKey,
          request_hash: requestHash,
          open_key: openKey,
          prior: null,
          intended: null,
          applied: null,
          drift: null,
          last_error: null,
          attempts: 0,
          next_attempt_at: null,
          claimed_until: new Date(now.getTime() + options.leaseMs),
          lease_holder: randomUUID(),
          revoke_reason: null,
          revoked_by: null,
          requested_at: now,
          activated_at: null,
          expires_at: null,
          closed_at: null,
          updated_at: now,
        };
        await tx<DbGrantRow>(GRANT_TABLES.grants).insert(row);
        await tx<DbAuditRow>(GRANT_TABLES.audit).insert(
          auditRow({
            grantId: grant.id,
            teamRef: grant.teamRef,
            at: now,
            actor: grant.requestedBy,
            action: 'created',
            from: null,
            to: 'requested',
            details: {
              target: grant.target,
              grantee: grant.granteeRef,
              durationSeconds: grant.durationSeconds,
              justification: grant.justification,
              executor: grant.executorId,
              dryRun: grant.dryRun,
            },
          }),
        );
        return { grant: toGrantRecord(row), created: true };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent identical request won the race: answer with its grant.
      const existing = await this.#findExisting(this.#db, grant, openKey);
      if (!existing) throw error;
      return this.#replay(existing, grant, requestHash);
    }
  }

  async #findExisting(
    db: Knex | Knex.Transaction,
    grant: NewGrant,
    openKey: string,
  ): Promise<DbGrantRow | undefined> {
    if (grant.idempotencyKey) {
      const byKey = await db<DbGrantRow>(GRANT_TABLES.grants)
        .where({
          requested_by: grant.requestedBy,
          idempotency_key: grant.idempotencyKey,
        })
        .first();
      if (byKey) return byKey;
    }
    return db<DbGrantRow>(GRANT_TABLES.grants)
      .where('open_key', openKey)
      .first();
  }

  #replay(
    row: DbGrantRow,
    grant: NewGrant,
    requestHash: string,
  ): CreateGrantResult {
    const sameKey =
      grant.idempotencyKey !== null &&
      row.idempotency_key === grant.idempotencyKey &&
      row.requested_by === grant.requestedBy;
    if (sameKey && row.request_hash !== requestHash) {
      throw new ConflictError(
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (
      sameKey ||
      (row.requested_by === grant.requestedBy &&
        row.request_hash === requestHash)
    ) {
      return { grant: toGrantRecord(row), created: false };
    }
    throw new OpenGrantExistsError(toGrantRecord(row));
  }

  recordPrior(input: RecordPriorInput): Promise<void> {
    return leases.recordPrior(this.#db, this.#pg, input);
  }

  renewLease(id: string, holder: string, until: Date): Promise<boolean> {
    return leases.renewLease(this.#db, id, holder, until);
  }

  async transition(input: TransitionInput): Promise<GrantRecord> {
    return this.#db.transaction(async tx => {
      const current = await this.#lock(tx, input.id);
      if (!input.from.includes(current.state as GrantState)) {
        throw new ConflictError(
          `Grant ${input.id} is ${current.state}, not ${input.from.join(
            ' or ',
          )}`,
        );
      }
      leases.checkHolder(current, input.holder);
      const from = current.state as GrantState;
      if (!canTransition(from, input.to)) {
        throw new Error(`Invalid grant transition ${from} → ${input.to}`);
      }
      const final = FINAL_STATES.includes(input.to);
      const changes: Partial<DbGrantRow> = {
        ...patchColumns(input.patch),
        state: input.to,
        updated_at: input.at,
        ...(final
          ? {
              closed_at: input.at,
              open_key: null,
              claimed_until: null,
              lease_holder: null,
              next_attempt_at: null,
            }
          : {}),
      };
      const updated = await tx<DbGrantRow>(GRANT_TABLES.grants)
        .where({ id: input.id, state: from })
        .update(changes);
      if (updated !== 1) {
        throw new ConflictError(`Grant ${input.id} changed concurrently`);
      }
      await tx<DbAuditRow>(GRANT_TABLES.audit).insert(
        auditRow({
          grantId: input.id,
          teamRef: current.team_ref,
          at: input.at,
          actor: input.actor,
          action: input.action,
          from,
          to: input.to,
          details: input.details,
        }),
      );
      return toGrantRecord({ ...current, ...changes } as DbGrantRow);
    });
  }

  async recordEvent(input: EventInput): Promise<boolean> {
    return this.#db.transaction(async tx => {
      const current = await this.#lock(tx, input.id);
      const state = current.state as GrantState;
      if (!input.states.includes(state)) return false;
      if ((current.lease_holder ?? null) !== input.holder) return false;
      const updated = await tx<DbGrantRow>(GRANT_TABLES.grants)
        .where({ id: input.id, state })
        .update({ ...patchColumns(input.patch), updated_at: input.at });
      if (updated !== 1) return false;
      await tx<DbAuditRow>(GRANT_TABLES.audit).insert(
        auditRow({
          grantId: input.id,
          teamRef: current.team_ref,
          at: input.at,
          actor: input.actor,
          action: input.action,
          from: state,
          to: state,
          details: input.details,
        }),
      );
      return true;
    });
  }

  #lock(tx: Knex.Transaction, id: string): Promise<DbGrantRow> {
    return leases.lockGrant(tx, this.#pg, id);
  }

  claim(
    id: string,
    states: readonly GrantState[],
    until: Date,
    now: Date,
  ): Promise<string | undefined> {
    return leases.claim(this.#db, id, states, until, now);
  }

  async getGrant(id: string): Promise<GrantRecord | undefined> {
    const row = await this.#db<DbGrantRow>(GRANT_TABLES.grants)
      .where('id', id)
      .first();
    return row ? toGrantRecord(row) : undefined;
  }

  listGrants(options: {
    teamRef?: string;
    states?: readonly GrantState[];
    limit: number;
  }): Promise<GrantRecord[]> {
    return queries.listGrants(this.#db, options);
  }

  listAudit(options: {
    grantId?: string;
    teamRef?: string;
    limit: number;
  }): Promise<GrantAuditEntry[]> {
    return queries.listAudit(this.#db, options);
  }

  listExpired(now: Date, limit: number): Promise<GrantRecord[]> {
    return queries.listExpired(this.#db, now, limit);
  }

  listStaleRequested(now: Date, limit: number): Promise<GrantRecord[]> {
    return queries.listStaleRequested(this.#db, now, limit);
  }

  listRevokeDue(now: Date, limit: number): Promise<GrantRecord[]> {
    return queries.listRevokeDue(this.#db, now, limit);
  }

  listActive(limit: number): Promise<GrantRecord[]> {
    return queries.listActive(this.#db, limit);
  }

  listActivations(teamRef: string, since: Date) {
    return queries.listActivations(this.#db, teamRef, since);
  }
}
