import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import type { GrantsConfig } from './config';
import type { ExecutorRegistry } from './ExecutorRegistry';
import type { GrantEvents } from './GrantEvents';
import {
  accessRequest,
  type GrantLifecycle,
  SYSTEM_ACTOR,
} from './GrantLifecycle';
import type { GrantRecord, GrantStore } from './GrantStore';

/** What one sweep did. */
export interface SweepStats {
  /** Requests whose worker died: failed (nothing written) or rolled back. */
  interrupted: number;
  /** Active grants past expiry moved to revoking. */
  expired: number;
  /** Revoke attempts made, and how many ended the grant. */
  revokeAttempts: number;
  revoked: number;
  /** Grants now in revoke-failed (attempts exhausted in this sweep). */
  revokeFailed: number;
  /** Active grants inspected, and drift found. */
  inspected: number;
  drift: number;
}

/** Rows handled per step per sweep. */
const BATCH = 200;

/**
 * The expiry sweep and reconciliation, run as one global scheduled task:
 * 1. requests whose worker died are failed, or rolled back when a write may
 *    have happened;
 * 2. active grants past expiry start revoking;
 * 3. due revokes are attempted (so an expired grant is revoked in the same
 *    sweep), with backoff, `revoke-failed` after the configured attempts,
 *    and retries after that;
 * 4. active grants are inspected (at most every `reconcileIntervalMinutes`,
 *    to spare the GitHub rate limit) and drift (access changed by hand) is
 *    recorded in the audit log.
 */
export class GrantSweeper {
  readonly #store: GrantStore;
  readonly #lifecycle: GrantLifecycle;
  readonly #executors: ExecutorRegistry;
  readonly #events: GrantEvents;
  readonly #config: GrantsConfig;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  #lastReconcile = 0;

  constructor(options: {
    store: GrantStore;
    lifecycle: GrantLifecycle;
    executors: ExecutorRegistry;
    events: GrantEvents;
    config: GrantsConfig;
    logger: LoggerService;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#lifecycle = options.lifecycle;
    this.#executors = options.executors;
    this.#events = options.events;
    this.#config = options.config;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  /** Runs one sweep. Per-grant errors are logged and never stop the sweep. */
  async run(): Promise<SweepStats> {
    const stats: SweepStats = {
      interrupted: 0,
      expired: 0,
      revokeAttempts: 0,
      revoked: 0,
      revokeFailed: 0,
      inspected: 0,
      drift: 0,
    };
    await this.#each(
      await this.#store.listStaleRequested(this.#now(), BATCH),
      g => this.#interrupted(g, stats),
    );
    await this.#each(
      await this.#store.listExpired(this.#now(), BATCH),
      async g => {
        await this.#lifecycle.move(
          g,
          'revoking',
          SYSTEM_ACTOR,
          'expiry-started',
          {
            patch: { revokeReason: 'expiry', nextAttemptAt: this.#now() },
          },
        );
        stats.expired++;
      },
    );
    await this.#each(await this.#store.listRevokeDue(this.#now(), BATCH), g =>
      this.#revoke(g, stats),
    );
    if (
      this.#now().getTime() - this.#lastReconcile >=
      this.#config.reconcileIntervalMs
    ) {
      this.#lastReconcile = this.#now().getTime();
      await this.#each(await this.#store.listActive(BATCH), g =>
        this.#inspect(g, stats),
      );
    }
    if (
      stats.expired ||
      stats.revokeAttempts ||
      stats.drift ||
      stats.interrupted
    ) {
      this.#logger.info(`Grant sweep: ${JSON.stringify(stats)}`);
    }
    return stats;
  }

  async #each(
    grants: GrantRecord[],
    fn: (g: GrantRecord) => Promise<void>,
  ): Promise<void> {
    for (const grant of grants) {
      try {
        await fn(grant);
      } catch (error) {
        if (error instanceof ConflictError) continue; // moved by someone else
        this.#logger.error(
          `Grant sweep failed on grant ${grant.id}: ${stringifyError(error)}`,
        );
      }
    }
  }

  async #interrupted(grant: GrantRecord, stats: SweepStats): Promise<void> {
    const details = {
      reason: 'the request was interrupted before it finished',
    };
    if (grant.prior === null) {
      await this.#lifecycle.move(grant, 'failed', SYSTEM_ACTOR, 'interrupted', {
        patch: { lastError: details.reason },
        details,
      });
    } else {
      await this.#lifecycle.move(
        grant,
        'revoking',
        SYSTEM_ACTOR,
        'rollback-requested',
        {
          patch: {
            revokeReason: 'interrupted',
            nextAttemptAt: this.#now(),
            claimedUntil: null,
          },
          details,
        },
      );
    }
    stats.interrupted++;
  }

  async #revoke(grant: GrantRecord, stats: SweepStats): Promise<void> {
    const now = this.#now();
    const until = new Date(now.getTime() + this.#config.leaseSeconds * 1000);
    if (
      !(await this.#store.claim(
        grant.id,
        ['revoking', 'revoke-failed'],
        until,
        now,
      ))
    ) {
      return;
    }
    const claimed = (await this.#store.getGrant(grant.id)) ?? grant;
    stats.revokeAttempts++;
    const after = await this.#lifecycle.attemptRevoke(claimed, SYSTEM_ACTOR);
    if (['revoked', 'expired', 'failed'].includes(after.state)) stats.revoked++;
    if (after.state === 'revoke-failed' && claimed.state === 'revoking') {
      stats.revokeFailed++;
    }
  }

  async #inspect(grant: GrantRecord, stats: SweepStats): Promise<void> {
    const executor = this.#executors.byId(grant.executorId);
    if (!executor || grant.prior === null) return;
    stats.inspected++;
    const seen = await executor.inspect({
      ...accessRequest(grant),
      prior: grant.prior,
      applied: grant.outcome?.applied ?? {},
    });
    const now = this.#now();
    if (seen.status !== 'as-granted') {
      stats.drift++;
      if (grant.drift?.message === seen.message) return; // already recorded
      const recorded = await this.#store.recordEvent({
        id: grant.id,
        states: ['active'],
        at: now,
        actor: SYSTEM_ACTOR.ref,
        action: 'drift-detected',
        details: { status: seen.status, message: seen.message },
        patch: {
          drift: {
            detectedAt: now.toISOString(),
            message: seen.message,
            status: seen.status,
          },
        },
      });
      if (recorded) {
        await this.#events.recorded(grant, 'drift-detected', {
          status: seen.status,
          message: seen.message,
        });
      }
    } else if (grant.drift) {
      await this.#store.recordEvent({
        id: grant.id,
        states: ['active'],
        at: now,
        actor: SYSTEM_ACTOR.ref,
        action: 'drift-cleared',
        details: { message: seen.message },
        patch: { drift: null },
      });
    }
  }
}
