/**
 * Who may ask for what, and who may approve it: the rules of access requests
 * that need no store, checked by the `AccessRequestService` before it
 * writes. Each rule answers with the error the route returns (403
 * NotAllowedError, 400 InputError); the first rule broken answers.
 */
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  CreateAccessRequestRequest,
  GrantTarget,
} from '@scale-readiness/plugin-scale-readiness-common';
import { targetInScope, type GrantsConfig } from '../grants';
import type { ChampionCaller, TeamDirectory, TeamInfo } from '../teams';
import type { AccessRequestsConfig } from './config';
import type { AccessRequestRecord } from './AccessRequestQueries';

/** A member acting for a team (the caller of create and cancel). */
export interface MemberCaller {
  userRef: string;
  team: TeamInfo;
}

/** Whether a target needs a second champion whatever the config says. */
export function isHighPrivilege(target: GrantTarget): boolean {
  return (
    target.kind === 'repository' &&
    target.via === 'collaborator' &&
    target.permission === 'admin'
  );
}

/**
 * Checks a new request and returns its grantee (the caller unless the body
 * names another member). The caller and the grantee must be members of the
 * team, the target in the team's catalog scope (403); a collaborator
 * permission must be one the grants allow, and the duration within their
 * maximum (400).
 */
export function checkNewRequest(
  directory: Pick<TeamDirectory, 'isMember'>,
  limits: Pick<GrantsConfig, 'maxDurationHours' | 'permissions'>,
  caller: MemberCaller,
  body: CreateAccessRequestRequest,
): string {
  const { team, userRef } = caller;
  if (!directory.isMember(team, userRef)) {
    throw new NotAllowedError(
      `Only members of ${team.entityRef} may request access in its scope`,
    );
  }
  const grantee = body.grantee ?? userRef;
  if (!directory.isMember(team, grantee)) {
    throw new NotAllowedError(
      `${grantee} is not a member of ${team.entityRef}`,
    );
  }
  if (!targetInScope(body.target, team)) {
    throw new NotAllowedError(
      `The target is not in the catalog scope of ${team.entityRef}`,
    );
  }
  if (
    body.target.kind === 'repository' &&
    body.target.via === 'collaborator' &&
    !limits.permissions.includes(body.target.permission)
  ) {
    throw new InputError(
      `Permission '${
        body.target.permission
      }' cannot be granted (allowed: ${limits.permissions.join(', ')})`,
    );
  }
  if (body.durationHours > limits.maxDurationHours) {
    throw new InputError(
      `Duration ${body.durationHours} h is longer than the maximum of ${limits.maxDurationHours} h`,
    );
  }
  return grantee;
}

/** Refuses a champion of another team than the request's (403). */
export function checkSameTeam(
  request: Pick<AccessRequestRecord, 'teamRef'>,
  caller: Pick<ChampionCaller, 'team'>,
): void {
  if (request.teamRef !== caller.team.entityRef) {
    throw new NotAllowedError('The request is not for this team');
  }
}

/**
 * Checks an approver and returns whether the approval is their own (they
 * asked, or are the grantee). A champion of another team, an own approval
 * of admin access (always a second champion), and an own approval while
 * self-approval is turned off are refused (403).
 */
export function checkApprover(
  config: Pick<AccessRequestsConfig, 'allowSelfApproval'>,
  request: Pick<
    AccessRequestRecord,
    'teamRef' | 'requestedBy' | 'granteeRef' | 'target'
  >,
  caller: Pick<ChampionCaller, 'userRef' | 'team'>,
): boolean {
  checkSameTeam(request, caller);
  const own =
    caller.userRef === request.requestedBy ||
    caller.userRef === request.granteeRef;
  if (own && isHighPrivilege(request.target)) {
    throw new NotAllowedError(
      'Admin access always needs a second champion: another champion of the team must approve it',
    );
  }
  if (own && !config.allowSelfApproval) {
    throw new NotAllowedError(
      'Self-approval is turned off: another champion of the team must approve it',
    );
  }
  return own;
}
