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

/**
 * Who is in a team, as the sweep needs it (the plugin's TeamDirectory: one
 * membership rule for grants, requests, waivers and sign-offs).
 */
export interface GranteeTeams<T = unknown> {
  /** The team, or undefined when it is no longer a Group in the catalog. */
  getTeam(teamRef: string): Promise<T | undefined>;
  /** Whether the user is a member (or acting champion) of the team. */
  isMember(team: T, userRef: string | undefined): boolean;
}

/** What one sweep did. */
export interface SweepStats {
  /** Requests whose worker died: failed (nothing written) or rolled back. */
  interrupted: number;
  /** Active grants past expiry moved to revoking. */
  expired: number;
  /** Active grants whose grantee left the team (or whose team is gone) moved to revoking. */
  leftTeam: number;
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
 * 2. active grants past expiry start revoking, and so do active grants
 *    whose grantee is no longer a member of the grant's team;
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
  readonly #teams?: GranteeTeams<any>;
  #lastReconcile = 0;

  constructor(options: {
    store: GrantStore;
    lifecycle: GrantLifecycle;
    executors: ExecutorRegistry;
    events: GrantEvents;
    config: GrantsConfig;
    logger: LoggerService;
    now: () => Date;
    /** Team membership; without it grants are not revoked when a grantee leaves. */
    teams?: GranteeTeams<any>;
  }) {
    this.#teams = options.teams;
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
      leftTeam: 0,
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
    if (this.#teams) await this.#leftTeam(stats);
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
      stats.leftTeam ||
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

  /**
   * Revokes active grants whose grantee is no longer a member of the team
   * (one catalog read per team). A team that is gone from the catalog counts
   * as left; a catalog error skips the team until the next sweep.
   */
  async #leftTeam(stats: SweepStats): Promise<void> {
    const byTeam = new Map<string, GrantRecord[]>();
    for (const grant of await this.#store.listActive(BATCH)) {
      byTeam.set(grant.teamRef, [...(byTeam.get(grant.teamRef) ?? []), grant]);
    }
    for (const [teamRef, grants] of byTeam) {
      let team: unknown;
      try {
        team = await this.#teams!.getTeam(teamRef);
      } catch (error) {
        this.#logger.warn(
          `Grant sweep could not read ${teamRef}: ${stringifyError(error)}`,
        );
        continue;
      }
      const leavers = grants.filter(
        g => !team || !this.#teams!.isMember(team, g.granteeRef),
      );
      await this.#each(leavers, async g => {
        await this.#lifecycle.move(g, 'revoking', SYSTEM_ACTOR, 'left-team', {
          patch: { revokeReason: 'left-team', nextAttemptAt: this.#now() },
          details: {
            reason: team
              ? `${g.granteeRef} is no longer a member of ${teamRef}`
              : `${teamRef} is no longer in the catalog`,
          },
        });
        stats.leftTeam++;
      });
    }
  }

  /** Takes the grant's lease (fencing off its previous holder); the claimed record, or undefined. */
  async #claim(
    grant: GrantRecord,
    states: GrantRecord['state'][],
  ): Promise<GrantRecord | undefined> {
    const now = this.#now();
    const until = new Date(now.getTime() + this.#config.leaseSeconds * 1000);
    if (!(await this.#store.claim(grant.id, states, until, now))) {
      return undefined;
    }
    return this.#store.getGrant(grant.id);
  }

  async #interrupted(stale: GrantRecord, stats: SweepStats): Promise<void> {
    const grant = await this.#claim(stale, ['requested']);
    if (!grant) return;
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
    const claimed = await this.#claim(grant, ['revoking', 'revoke-failed']);
    if (!claimed) return;
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
      ...(grant.intended ? { intended: grant.intended } : {}),
    });
    const now = this.#now();
    if (seen.status !== 'as-granted') {
      stats.drift++;
      if (grant.drift?.message === seen.message) return; // already recorded
      const recorded = await this.#store.recordEvent({
        id: grant.id,
        holder: grant.leaseHolder,
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
        holder: grant.leaseHolder,
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
