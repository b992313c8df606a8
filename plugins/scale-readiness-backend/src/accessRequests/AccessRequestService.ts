import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { CreateAccessRequestRequest } from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import type { Actor, GrantsConfig, GrantService } from '../grants';
import type { ChampionCaller, TeamDirectory } from '../teams';
import type { AccessRequestsConfig } from './config';
import type { AccessRequestQueries } from './AccessRequestQueries';
import type { AccessRequestEvents } from './AccessRequestEvents';
import {
  type ApprovalDeps,
  moveRequest,
  recoverApprovedWithoutGrant,
  runApprovalGrant,
} from './approvalGrant';
import type {
  AccessRequestPatch,
  AccessRequestRecord,
  AccessRequestStore,
} from './AccessRequestStore';
import type { AccessRequestState } from '@scale-readiness/plugin-scale-readiness-common';
import {
  checkApprover,
  checkNewRequest,
  checkSameTeam,
  type MemberCaller,
} from './requestRules';

export type { AccessRequestRecord } from './AccessRequestStore';
export { isHighPrivilege, type MemberCaller } from './requestRules';

/** The expiry sweep's actor. */
export const EXPIRY_ACTOR = 'system:access-request-expiry';

/**
 * The write side of access requests: a member asks, a champion approves
 * (running a grant through the {@link GrantService}, so scope, limits,
 * executors, rollback and expiry are the grants') or denies, the requester
 * cancels, the sweep expires unanswered ones. Every change goes through the
 * store (one audit row in the same transaction) and emits one auditor event.
 * Reads are the {@link AccessRequestQueries}'.
 */
export class AccessRequestService {
  readonly #store: AccessRequestStore;
  readonly #queries: AccessRequestQueries;
  readonly #grants: Pick<GrantService, 'create'>;
  readonly #directory: Pick<
    TeamDirectory,
    'getTeam' | 'isChampion' | 'isMember'
  >;
  readonly #events: AccessRequestEvents;
  readonly #config: AccessRequestsConfig;
  readonly #limits: Pick<GrantsConfig, 'maxDurationHours' | 'permissions'>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  constructor(options: {
    store: AccessRequestStore;
    /** Reads over the same store (loads a request before moving it). */
    queries: AccessRequestQueries;
    grants: Pick<GrantService, 'create'>;
    directory: Pick<TeamDirectory, 'getTeam' | 'isChampion' | 'isMember'>;
    events: AccessRequestEvents;
    config: AccessRequestsConfig;
    limits: Pick<GrantsConfig, 'maxDurationHours' | 'permissions'>;
    logger: LoggerService;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#queries = options.queries;
    this.#grants = options.grants;
    this.#directory = options.directory;
    this.#events = options.events;
    this.#config = options.config;
    this.#limits = options.limits;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  #approvalDeps(): ApprovalDeps {
    return {
      store: this.#store,
      grants: this.#grants,
      events: this.#events,
      logger: this.#logger,
      now: this.#now,
    };
  }

  /**
   * Transition + auditor event. `from` is explicit: a decision only moves a
   * `pending` request, so a caller who read the request after another
   * champion decided gets a ConflictError instead of acting again.
   */
  #move(
    request: AccessRequestRecord,
    from: AccessRequestState,
    to: AccessRequestState,
    actor: Actor,
    action: string,
    options: {
      patch?: AccessRequestPatch;
      details?: Record<string, unknown>;
      error?: string;
    } = {},
  ): Promise<AccessRequestRecord> {
    return moveRequest(
      this.#approvalDeps(),
      request,
      from,
      to,
      actor,
      action,
      options,
    );
  }

  /**
   * Settles requests approved without a grant (a crash between the approval
   * and the grant): see {@link recoverApprovedWithoutGrant}.
   */
  recoverApproved(graceMs: number) {
    return recoverApprovedWithoutGrant(
      { ...this.#approvalDeps(), directory: this.#directory },
      { graceMs },
    );
  }

  /**
   * A member asks for access in the team's scope, for themselves or another
   * member. The champions are notified. An identical pending request is
   * answered as it is (`created` false).
   */
  async create(
    caller: MemberCaller,
    body: CreateAccessRequestRequest,
    actor: Actor,
  ): Promise<{ request: AccessRequestRecord; created: boolean }> {
    const { team, userRef } = caller;
    const grantee = checkNewRequest(
      this.#directory,
      this.#limits,
      caller,
      body,
    );
    const now = this.#now();
    const result = await this.#store.create(
      {
        id: randomUUID(),
        teamRef: team.entityRef,
        requestedBy: userRef,
        granteeRef: grantee,
        target: body.target,
        justification: body.justification,
        durationHours: body.durationHours,
      },
      {
        now,
        expiresAt: new Date(
          now.getTime() + this.#config.expiryHours * 3_600_000,
        ),
      },
    );
    if (!result.created) {
      if (result.request.requestedBy !== userRef) {
        throw new ConflictError(
          `${result.request.requestedBy} already asked for this access (request ${result.request.id}, pending)`,
        );
      }
      return result;
    }
    await this.#events.stateChanged(result.request, {
      from: null,
      action: 'created',
      actor: userRef,
      httpRequest: actor.request,
    });
    await this.#events.requested(result.request, team.champions);
    return result;
  }

  /**
   * A champion approves: the request moves to `approved` (only one of
   * racing approvers wins; the others get 409), then the grant runs as that
   * champion. A grant that ends active records the activation time (the
   * end of time-to-access); one that fails, or cannot be created, moves the
   * request to `failed` with the reason.
   */
  async approve(
    id: string,
    caller: ChampionCaller,
    options: { comment?: string; actor: Actor },
  ): Promise<AccessRequestRecord> {
    const request = await this.#queries.get(id);
    const own = checkApprover(this.#config, request, caller);
    const approved = await this.#move(
      request,
      'pending',
      'approved',
      options.actor,
      'approved',
      {
        patch: {
          decidedAt: this.#now(),
          decidedBy: caller.userRef,
          comment: options.comment ?? null,
        },
        details: {
          ...(options.comment ? { comment: options.comment } : {}),
          ...(own ? { selfApproved: true } : {}),
        },
      },
    );
    const final = await runApprovalGrant(
      this.#approvalDeps(),
      approved,
      caller,
      options.actor,
    );
    await this.#events.decided(final);
    return final;
  }

  /** A champion denies a pending request, with a reason. */
  async deny(
    id: string,
    caller: ChampionCaller,
    options: { comment: string; actor: Actor },
  ): Promise<AccessRequestRecord> {
    const request = await this.#queries.get(id);
    checkSameTeam(request, caller);
    const denied = await this.#move(
      request,
      'pending',
      'denied',
      options.actor,
      'denied',
      {
        patch: {
          decidedAt: this.#now(),
          decidedBy: caller.userRef,
          comment: options.comment,
        },
        details: { comment: options.comment },
      },
    );
    await this.#events.decided(denied);
    return denied;
  }

  /** The requester withdraws a pending request. */
  async cancel(
    id: string,
    userRef: string,
    options: { comment?: string; actor: Actor },
  ): Promise<AccessRequestRecord> {
    const request = await this.#queries.get(id);
    if (request.requestedBy !== userRef) {
      throw new NotAllowedError('Only the requester may cancel a request');
    }
    return this.#move(
      request,
      'pending',
      'cancelled',
      options.actor,
      'cancelled',
      {
        patch: {
          decidedAt: this.#now(),
          decidedBy: userRef,
          comment: options.comment ?? null,
        },
        details: options.comment ? { comment: options.comment } : undefined,
      },
    );
  }

  /**
   * Expires pending requests whose answer deadline passed (the scheduled
   * sweep). A request decided meanwhile is skipped (ConflictError).
   */
  async expireDue(limit = 200): Promise<number> {
    let expired = 0;
    for (const request of await this.#store.listExpired(this.#now(), limit)) {
      try {
        const moved = await this.#move(
          request,
          'pending',
          'expired',
          { ref: EXPIRY_ACTOR },
          'expired',
          {
            patch: { decidedAt: this.#now() },
            details: { expiresAt: request.expiresAt.toISOString() },
          },
        );
        expired += 1;
        await this.#events.decided(moved);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return expired;
  }
}
