import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import {
  type GrantState,
  repositoryPermissionRank,
  type RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { AccessRequest } from '@scale-readiness/plugin-scale-readiness-node';
import type { Request } from 'express';
import { type GrantsConfig, revokeBackoffMs } from './config';
import type { ExecutorRegistry } from './ExecutorRegistry';
import type { GrantEvents } from './GrantEvents';
import type { GrantPatch, GrantRecord, GrantStore } from './GrantStore';
import { withLeaseHeartbeat } from './leaseHeartbeat';
import { finalStateFor } from './stateMachine';

/** Who caused a change: a user, or a system task. */
export interface Actor {
  ref: string;
  request?: Request;
}

/** Audit action of the final state a revoke reaches. */
const FINAL_ACTION: Partial<Record<GrantState, string>> = {
  expired: 'expired',
  failed: 'rolled-back',
  revoked: 'revoked',
};

/** The sweep's actor. */
export const SYSTEM_ACTOR: Actor = { ref: 'system:grant-sweep' };

/** Highest permission of the configured list (the ceiling executors enforce). */
export function permissionCeiling(
  permissions: readonly RepositoryPermission[],
): RepositoryPermission {
  return [...permissions].sort(
    (a, b) => repositoryPermissionRank(b) - repositoryPermissionRank(a),
  )[0];
}

/** The executor's view of a grant. */
export function accessRequest(
  grant: GrantRecord,
  ceiling?: RepositoryPermission,
): AccessRequest {
  return {
    grantId: grant.id,
    target: grant.target,
    ...(ceiling ? { ceiling } : {}),
    subject: {
      userEntityRef: grant.granteeRef,
      ...(grant.granteeLogin ? { githubLogin: grant.granteeLogin } : {}),
    },
  };
}

function message(error: unknown): string {
  return stringifyError(error).slice(0, 2000);
}

/**
 * Moves grants through their state machine by calling executors: apply a
 * requested grant, and attempt revokes (with backoff, `revoke-failed` after
 * the configured attempts, and retries after that). Shared by the routes and
 * the sweep; every change goes through the store (one audit row each) and
 * emits one auditor event.
 */
export class GrantLifecycle {
  readonly #store: GrantStore;
  readonly #executors: ExecutorRegistry;
  readonly #events: GrantEvents;
  readonly #config: GrantsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #heartbeatMs?: number;

  constructor(options: {
    store: GrantStore;
    executors: ExecutorRegistry;
    events: GrantEvents;
    config: GrantsConfig;
    logger: LoggerService;
    now: () => Date;
    /** Lease renewal interval while an executor runs (default a third of the lease). */
    heartbeatMs?: number;
  }) {
    this.#store = options.store;
    this.#executors = options.executors;
    this.#events = options.events;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#heartbeatMs = options.heartbeatMs;
  }

  /** Runs an executor call under the grant's lease, renewing it (see withLeaseHeartbeat). */
  #leased<T>(grant: GrantRecord, fn: (signal: AbortSignal) => Promise<T>) {
    return withLeaseHeartbeat(
      grant,
      {
        store: this.#store,
        logger: this.#logger,
        now: this.#now,
        leaseMs: this.#config.leaseSeconds * 1000,
        intervalMs: this.#heartbeatMs,
      },
      fn,
    );
  }

  /** Transition + auditor event. */
  async move(
    grant: GrantRecord,
    to: GrantState,
    actor: Actor,
    action: string,
    options: {
      from?: GrantState[];
      patch?: GrantPatch;
      details?: Record<string, unknown>;
      error?: string;
    } = {},
  ): Promise<GrantRecord> {
    const from = options.from ?? [grant.state];
    const moved = await this.#store.transition({
      id: grant.id,
      holder: grant.leaseHolder,
      from,
      to,
      at: this.#now(),
      actor: actor.ref,
      action,
      details: options.details,
      patch: options.patch,
    });
    const previous = from.length === 1 ? from[0] : grant.state;
    await this.#events.stateChanged(moved, {
      from: previous,
      action,
      actor: actor.ref,
      request: actor.request,
      error: options.error,
    });
    return moved;
  }

  /**
   * Applies a freshly created grant under its creator's lease (renewed while
   * the executor runs): `active` when the executor verified the access,
   * `failed` when nothing was written, and a rollback (revoke comparing the
   * live state with the recorded prior state) when a write may have
   * happened. The prior state and the intended change are recorded, with an
   * audit row, before the first external write. A lost lease ends with a
   * ConflictError: the worker that took the grant over finishes it.
   */
  async apply(grant: GrantRecord, actor: Actor): Promise<GrantRecord> {
    const executor = this.#executors.byId(grant.executorId);
    let priorRecorded = false;
    try {
      if (!executor) throw new Error(`No executor '${grant.executorId}'`);
      const request = accessRequest(
        grant,
        permissionCeiling(this.#config.permissions),
      );
      const result = await this.#leased(grant, signal =>
        executor.grant(request, {
          signal,
          recordPrior: async (prior, intended) => {
            await this.#store.recordPrior({
              id: grant.id,
              holder: grant.leaseHolder,
              prior,
              intended: {
                executor: executor.id,
                target: grant.target,
                grantee: grant.granteeRef,
                ...(intended ?? {}),
              },
              at: this.#now(),
              actor: actor.ref,
            });
            priorRecorded = true;
          },
        }),
      );
      const now = this.#now();
      return await this.move(grant, 'active', actor, 'activated', {
        patch: {
          outcome: result,
          activatedAt: now,
          expiresAt: new Date(now.getTime() + grant.durationSeconds * 1000),
          claimedUntil: null,
          lastError: null,
        },
        details: {
          summary: result.summary,
          changed: result.changed,
          ...(result.pendingInvitation ? { pendingInvitation: true } : {}),
        },
      });
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      const text = message(error);
      this.#logger.warn(`Grant ${grant.id} could not be applied: ${text}`);
      if (!priorRecorded) {
        return this.move(grant, 'failed', actor, 'failed', {
          patch: { lastError: text },
          details: { error: text },
          error: text,
        });
      }
      // as this worker (its lease holder): refused if the lease was taken over
      const rolling = await this.move(
        grant,
        'revoking',
        actor,
        'rollback-requested',
        {
          patch: {
            lastError: text,
            revokeReason: 'rollback',
            nextAttemptAt: this.#now(),
            claimedUntil: new Date(
              this.#now().getTime() + this.#config.leaseSeconds * 1000,
            ),
          },
          details: { error: text },
          error: text,
        },
      );
      return this.attemptRevoke(rolling, actor);
    }
  }

  /**
   * One revoke attempt of a grant the caller has claimed (state revoking or
   * revoke-failed). Success → revoked / expired / failed by reason; failure →
   * backoff, and `revoke-failed` (with a notification) once attempts run out.
   */
  async attemptRevoke(grant: GrantRecord, actor: Actor): Promise<GrantRecord> {
    const reason = grant.revokeReason ?? 'early';
    const to = finalStateFor(reason);
    const action = FINAL_ACTION[to] ?? 'revoked';
    try {
      let summary = 'Nothing was written, nothing to undo';
      let drift: string | undefined;
      if (grant.prior !== null) {
        const executor = this.#executors.byId(grant.executorId);
        if (!executor) {
          throw new Error(
            `Executor '${grant.executorId}' is not installed; cannot revoke`,
          );
        }
        const prior = grant.prior;
        const result = await this.#leased(grant, signal =>
          executor.revoke({
            ...accessRequest(grant),
            prior,
            applied: grant.outcome?.applied ?? {},
            ...(grant.intended ? { intended: grant.intended } : {}),
            signal,
          }),
        );
        summary = result.summary;
        drift = result.drift;
      }
      return await this.move(grant, to, actor, action, {
        from: ['revoking', 'revoke-failed'],
        patch: {
          lastError: null,
          ...(drift
            ? {
                drift: {
                  detectedAt: this.#now().toISOString(),
                  message: drift,
                  status: 'changed',
                },
              }
            : {}),
        },
        details: { summary, ...(drift ? { drift } : {}) },
      });
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      return this.#revokeFailed(grant, actor, message(error));
    }
  }

  async #revokeFailed(
    grant: GrantRecord,
    actor: Actor,
    text: string,
  ): Promise<GrantRecord> {
    const attempts = grant.attempts + 1;
    const now = this.#now();
    const patch: GrantPatch = {
      attempts,
      lastError: text,
      nextAttemptAt: new Date(
        now.getTime() + revokeBackoffMs(attempts, this.#config.retry),
      ),
      claimedUntil: null,
    };
    this.#logger.warn(
      `Revoke attempt ${attempts} of grant ${grant.id} failed: ${text}`,
    );
    if (
      grant.state === 'revoking' &&
      attempts >= this.#config.retry.maxAttempts
    ) {
      const failed = await this.move(
        grant,
        'revoke-failed',
        actor,
        'revoke-failed',
        {
          patch,
          details: { attempts, error: text },
          error: text,
        },
      );
      await this.#events.notifyRevokeFailed(failed);
      return failed;
    }
    await this.#store.recordEvent({
      id: grant.id,
      holder: grant.leaseHolder,
      states: ['revoking', 'revoke-failed'],
      at: now,
      actor: actor.ref,
      action: 'revoke-attempt-failed',
      details: { attempts, error: text },
      patch,
    });
    return (await this.#store.getGrant(grant.id)) ?? grant;
  }
}
