import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import type { AccessRequestState } from '@scale-readiness/plugin-scale-readiness-common';
import {
  type Actor,
  type GrantRecord,
  type GrantService,
  OpenGrantExistsError,
} from '../grants';
import type { ChampionCaller, TeamDirectory } from '../teams';
import type { AccessRequestEvents } from './AccessRequestEvents';
import type {
  AccessRequestPatch,
  AccessRequestRecord,
  AccessRequestStore,
} from './AccessRequestStore';

/** Actor of the recovery of approvals left without a grant. */
export const RECOVERY_ACTOR = 'system:access-request-recovery';

/** What moving a request and running its grant need. */
export interface ApprovalDeps {
  store: AccessRequestStore;
  grants: Pick<GrantService, 'create'>;
  events: AccessRequestEvents;
  logger: LoggerService;
  now: () => Date;
}

/** One state change (or event) with its audit row and auditor event. */
export async function moveRequest(
  deps: ApprovalDeps,
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
  const moved = await deps.store.transition({
    id: request.id,
    from: [from],
    to,
    at: deps.now(),
    actor: actor.ref,
    action,
    details: options.details,
    patch: options.patch,
  });
  await deps.events.stateChanged(moved, {
    from,
    action,
    actor: actor.ref,
    httpRequest: actor.request,
    error: options.error,
  });
  return moved;
}

/**
 * Runs the grant of an approved request as the approving champion, with the
 * request's idempotency key (so a retry after a crash finds the grant made
 * before it instead of making a second one), and records the outcome on the
 * request: the grant (active or requested), or `failed` with the reason. An
 * error of the grant is rethrown after the request is marked failed.
 */
export async function runApprovalGrant(
  deps: ApprovalDeps,
  approved: AccessRequestRecord,
  caller: Pick<ChampionCaller, 'userRef' | 'team'>,
  actor: Actor,
): Promise<AccessRequestRecord> {
  const request = approved;
  /** The request is met by `grant` (made now, or already open). */
  const met = (
    grant: GrantRecord,
    action: string,
    activatedAt: Date | null,
    details: Record<string, unknown> = {},
  ) =>
    moveRequest(deps, approved, 'approved', 'approved', actor, action, {
      patch: {
        grantId: grant.id,
        grantState: grant.state,
        dryRun: grant.dryRun,
        activatedAt,
      },
      details: { grantId: grant.id, grantState: grant.state, ...details },
    });
  try {
    const { grant } = await deps.grants.create(
      caller,
      {
        team: request.teamRef,
        target: request.target,
        grantee: request.granteeRef,
        durationHours: request.durationHours,
        justification: `${request.justification} (access request ${request.id}, asked by ${request.requestedBy})`,
      },
      { idempotencyKey: `access-request:${request.id}`, actor },
    );
    if (grant.state === 'active' || grant.state === 'requested') {
      return await met(
        grant,
        grant.state === 'active' ? 'access-active' : 'grant-created',
        grant.activatedAt,
      );
    }
    const error = grant.lastError ?? `The grant ended ${grant.state}`;
    return await moveRequest(
      deps,
      approved,
      'approved',
      'failed',
      actor,
      'failed',
      {
        patch: {
          grantId: grant.id,
          grantState: grant.state,
          dryRun: grant.dryRun,
          lastError: error,
        },
        details: { grantId: grant.id, grantState: grant.state, error },
        error,
      },
    );
  } catch (error) {
    const open =
      error instanceof OpenGrantExistsError ? error.grant : undefined;
    if (open && (open.state === 'active' || open.state === 'requested')) {
      // The grantee got the same access meanwhile (a champion granted it
      // directly, or an earlier request): the request is met by that grant.
      return await met(
        open,
        'access-existing',
        open.state === 'active' ? deps.now() : null,
        { expiresAt: open.expiresAt?.toISOString() },
      );
    }
    const text = stringifyError(error).slice(0, 2000);
    deps.logger.warn(`Access request ${request.id}: the grant failed: ${text}`);
    await moveRequest(deps, approved, 'approved', 'failed', actor, 'failed', {
      patch: { lastError: text },
      details: { error: text },
      error: text,
    });
    throw error;
  }
}

/**
 * Requests approved at least `graceMs` ago that have no grant: the process
 * stopped between recording the approval and creating (or recording) the
 * grant. Each one's grant is run again as its approver, who must still be a
 * champion of the team; otherwise the request is marked `failed`. A request
 * another replica settles meanwhile is skipped.
 * @returns how many requests got their grant and how many failed
 */
export async function recoverApprovedWithoutGrant(
  deps: ApprovalDeps & {
    directory: Pick<TeamDirectory, 'getTeam' | 'isChampion'>;
  },
  options: { graceMs: number; limit?: number },
): Promise<{ recovered: number; failed: number }> {
  const before = new Date(deps.now().getTime() - options.graceMs);
  const stuck = await deps.store.listApprovedWithoutGrant(
    before,
    options.limit ?? 100,
  );
  const actor: Actor = { ref: RECOVERY_ACTOR };
  let recovered = 0;
  let failed = 0;
  for (const request of stuck) {
    try {
      const approver = request.decidedBy;
      const team = await deps.directory.getTeam(request.teamRef);
      if (!approver || !team || !deps.directory.isChampion(team, approver)) {
        const error = `Recovered after an interruption: ${
          approver ?? 'the approver'
        } is no longer a champion of ${request.teamRef}, so no grant was made`;
        await moveRequest(
          deps,
          request,
          'approved',
          'failed',
          actor,
          'failed',
          {
            patch: { lastError: error },
            details: { error, recovery: true },
            error,
          },
        );
        failed += 1;
        continue;
      }
      const final = await runApprovalGrant(
        deps,
        request,
        { userRef: approver, team },
        actor,
      );
      if (final.state === 'failed') failed += 1;
      else recovered += 1;
      await deps.events.decided(final);
    } catch (error) {
      if (error instanceof ConflictError) continue;
      failed += 1;
      deps.logger.warn(
        `Access request ${request.id}: recovery failed: ${stringifyError(
          error,
        )}`,
      );
    }
  }
  return { recovered, failed };
}
