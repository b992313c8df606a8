import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  CreateGrantRequest,
  Grant,
  GrantTarget,
  TeamChampionsResponse,
  TimeToAccess,
} from '@scale-readiness/plugin-scale-readiness-common';
import { randomUUID } from 'node:crypto';
import type { GrantsConfig } from './config';
import type { ExecutorRegistry } from './ExecutorRegistry';
import type { Actor, GrantLifecycle } from './GrantLifecycle';
import type { CreateGrantResult, GrantRecord, GrantStore } from './GrantStore';
import type { ChampionCaller, TeamDirectory, TeamInfo } from '../teams';

export type { ChampionCaller } from '../teams';
export type { GrantRecord } from './GrantStore';
import { summariseTimeToAccess } from './timeToAccess';

/** The API view of a stored grant. */
export function toApiGrant(g: GrantRecord): Grant {
  const iso = (d: Date | null) => (d ? d.toISOString() : undefined);
  const out: Grant = {
    id: g.id,
    team: g.teamRef,
    target: g.target,
    grantee: g.granteeRef,
    requestedBy: g.requestedBy,
    justification: g.justification,
    state: g.state,
    executor: g.executorId,
    dryRun: g.dryRun,
    durationSeconds: g.durationSeconds,
    requestedAt: g.requestedAt.toISOString(),
    attempts: g.attempts,
  };
  const optional: Partial<Grant> = {
    activatedAt: iso(g.activatedAt),
    expiresAt: iso(g.expiresAt),
    closedAt: iso(g.closedAt),
    revokeReason: g.revokeReason ?? undefined,
    revokedBy: g.revokedBy ?? undefined,
    nextAttemptAt: iso(g.nextAttemptAt),
    lastError: g.lastError ?? undefined,
    summary: g.outcome?.summary,
    pendingInvitation: g.outcome?.pendingInvitation || undefined,
    drift: g.drift
      ? { detectedAt: g.drift.detectedAt, message: g.drift.message }
      : undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (out as any)[key] = value;
  }
  return out;
}

/** Whether `target` is inside what the team's catalog data allows. */
export function targetInScope(target: GrantTarget, team: TeamInfo): boolean {
  const repos = new Set(team.scope.repositories.map(r => r.repository));
  switch (target.kind) {
    case 'repository':
      return target.via === 'collaborator'
        ? repos.has(target.repository)
        : team.scope.githubTeams.includes(target.team);
    case 'runner-group': {
      const [org] = target.runnerGroup.split('/');
      const [owner] = target.repository.split('/');
      return (
        team.scope.runnerGroups.includes(target.runnerGroup) &&
        repos.has(target.repository) &&
        org === owner
      );
    }
    default:
      return false;
  }
}

/** The GitHub organisations a target touches (lower-cased). */
export function targetOrganizations(target: GrantTarget): string[] {
  const owner = (slug: string) => slug.split('/')[0].toLowerCase();
  switch (target.kind) {
    case 'repository':
      return [
        owner(target.via === 'collaborator' ? target.repository : target.team),
      ];
    case 'runner-group':
      return [
        ...new Set([owner(target.runnerGroup), owner(target.repository)]),
      ];
    default:
      return [];
  }
}

/**
 * Champion actions: create and revoke grants within a team's catalog scope,
 * and the read models of the champion panel.
 */
export class GrantService {
  readonly #store: GrantStore;
  readonly #executors: ExecutorRegistry;
  readonly #directory: TeamDirectory;
  readonly #lifecycle: GrantLifecycle;
  readonly #config: GrantsConfig;
  readonly #now: () => Date;

  constructor(options: {
    store: GrantStore;
    executors: ExecutorRegistry;
    directory: TeamDirectory;
    lifecycle: GrantLifecycle;
    config: GrantsConfig;
    now: () => Date;
  }) {
    this.#store = options.store;
    this.#executors = options.executors;
    this.#directory = options.directory;
    this.#lifecycle = options.lifecycle;
    this.#config = options.config;
    this.#now = options.now;
  }

  /**
   * Creates and applies a grant for an authorised champion. Identical
   * repeated or concurrent requests answer with the one grant (and only its
   * creator calls the executor).
   */
  async create(
    caller: Pick<ChampionCaller, 'team' | 'userRef'>,
    body: CreateGrantRequest,
    options: { idempotencyKey?: string; actor: Actor },
  ): Promise<CreateGrantResult> {
    const { team, userRef } = caller;
    if (!targetInScope(body.target, team)) {
      throw new NotAllowedError(
        `The target is not in the catalog scope of ${team.entityRef}`,
      );
    }
    const allowed = this.#config.allowedOrganizations;
    const outside = allowed
      ? targetOrganizations(body.target).filter(o => !allowed.includes(o))
      : [];
    if (outside.length > 0) {
      throw new NotAllowedError(
        `Grants to the GitHub organisation ${outside.join(
          ', ',
        )} are not allowed (scaleReadiness.access.allowedOrganizations)`,
      );
    }
    if (
      body.target.kind === 'repository' &&
      body.target.via === 'collaborator' &&
      !this.#config.permissions.includes(body.target.permission)
    ) {
      throw new InputError(
        `Permission '${
          body.target.permission
        }' cannot be granted (allowed: ${this.#config.permissions.join(', ')})`,
      );
    }
    if (body.durationHours > this.#config.maxDurationHours) {
      throw new InputError(
        `Duration ${body.durationHours} h is longer than the maximum of ${
          this.#config.maxDurationHours
        } h`,
      );
    }
    const grantee = body.grantee ?? userRef;
    if (grantee !== userRef && !this.#directory.isMember(team, grantee)) {
      throw new NotAllowedError(
        `${grantee} is not a member of ${team.entityRef}; grants are for the champion or a team member`,
      );
    }
    const user = await this.#directory.getUser(grantee);
    const executor = this.#executors.pick(body.target);
    const result = await this.#store.createGrant(
      {
        id: randomUUID(),
        teamRef: team.entityRef,
        requestedBy: userRef,
        granteeRef: grantee,
        granteeLogin: user?.githubLogin ?? null,
        target: body.target,
        justification: body.justification,
        durationSeconds: Math.round(body.durationHours * 3600),
        executorId: executor.id,
        dryRun: executor.dryRun,
        idempotencyKey: options.idempotencyKey ?? null,
      },
      {
        now: this.#now(),
        leaseMs: this.#config.leaseSeconds * 1000,
        rateLimit: {
          requests: this.#config.rateLimit.requests,
          windowMs: this.#config.rateLimit.windowMinutes * 60_000,
        },
      },
    );
    if (!result.created) return result;
    return {
      created: true,
      grant: await this.#lifecycle.apply(result.grant, options.actor),
    };
  }

  /**
   * Early revoke by a champion of the grant's team. Active grants start
   * revoking now; revoke-failed ones are retried now; revoking and final ones
   * are answered as they are (idempotent).
   */
  async revoke(
    grant: GrantRecord,
    caller: ChampionCaller,
    options: { reason?: string; actor: Actor },
  ): Promise<GrantRecord> {
    const now = this.#now();
    const until = new Date(now.getTime() + this.#config.leaseSeconds * 1000);
    if (grant.state === 'requested') {
      throw new ConflictError(
        `Grant ${grant.id} is still being applied; revoke it once active`,
      );
    }
    if (grant.state === 'active') {
      const revoking = await this.#lifecycle.move(
        grant,
        'revoking',
        options.actor,
        'revoke-requested',
        {
          patch: {
            revokeReason: 'early',
            revokedBy: caller.userRef,
            nextAttemptAt: now,
            claimedUntil: until,
          },
          details: options.reason ? { reason: options.reason } : undefined,
        },
      );
      return this.#lifecycle.attemptRevoke(revoking, options.actor);
    }
    if (
      grant.state === 'revoke-failed' &&
      (await this.#store.claim(grant.id, ['revoke-failed'], until, now))
    ) {
      const claimed = (await this.#store.getGrant(grant.id)) ?? grant;
      return this.#lifecycle.attemptRevoke(claimed, options.actor);
    }
    return grant;
  }

  /** One grant; NotFoundError when there is none. */
  async get(id: string): Promise<GrantRecord> {
    const grant = await this.#store.getGrant(id);
    if (!grant) throw new NotFoundError(`No grant ${id}`);
    return grant;
  }

  /** Grants of a team (or of every team), optionally in some states. */
  list(query: Parameters<GrantStore['listGrants']>[0]): Promise<GrantRecord[]> {
    return this.#store.listGrants(query);
  }

  /** Audit rows of a grant or a team, newest first. */
  listAudit(
    query: Parameters<GrantStore['listAudit']>[0],
  ): ReturnType<GrantStore['listAudit']> {
    return this.#store.listAudit(query);
  }

  /** Time-to-access of a team over the configured window. */
  async timeToAccess(teamRef: string): Promise<TimeToAccess> {
    const windowDays = this.#config.timeToAccessWindowDays;
    const since = new Date(this.#now().getTime() - windowDays * 86_400_000);
    return summariseTimeToAccess(
      teamRef,
      windowDays,
      await this.#store.listActivations(teamRef, since),
    );
  }

  /** The champion panel's view of a team for a caller. */
  async champions(
    team: TeamInfo,
    callerRef: string | undefined,
  ): Promise<TeamChampionsResponse> {
    const [champions, timeToAccess] = await Promise.all([
      this.#directory.describeChampions(team),
      this.timeToAccess(team.entityRef),
    ]);
    const isChampion = this.#directory.isChampion(team, callerRef);
    return {
      team: {
        entityRef: team.entityRef,
        ...(team.title ? { title: team.title } : {}),
        ...(team.email ? { email: team.email } : {}),
        ...(team.chatUrl ? { chatUrl: team.chatUrl } : {}),
      },
      champions,
      caller: {
        ...(callerRef ? { entityRef: callerRef } : {}),
        isChampion,
        isMember: this.#directory.isMember(team, callerRef),
      },
      executor: this.#executors.describe(),
      scope: team.scope,
      members: isChampion ? team.members : [],
      limits: {
        maxDurationHours: this.#config.maxDurationHours,
        defaultDurationHours: this.#config.defaultDurationHours,
        permissions: this.#config.permissions,
      },
      timeToAccess,
    };
  }
}
