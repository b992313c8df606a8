import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  type PermissionRule,
} from '@backstage/plugin-permission-node';
import type { Request } from 'express';
import type { TeamDirectory, TeamInfo } from './TeamDirectory';
import {
  type ScaleReadinessTeamQuery,
  type ScaleReadinessTeamResource,
  scaleReadinessTeamRules,
} from './teamPermissions';

/** The team as the permission rules see it. */
export function teamResource(team: TeamInfo): ScaleReadinessTeamResource {
  return {
    entityRef: team.entityRef,
    champions: team.champions,
    members: team.members,
  };
}

/** A caller allowed to act for a team. */
export interface ChampionCaller {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  userRef: string;
  team: TeamInfo;
}

const applyConditions = createConditionAuthorizer(
  Object.values(scaleReadinessTeamRules) as PermissionRule<
    ScaleReadinessTeamResource,
    ScaleReadinessTeamQuery,
    string
  >[],
);

/**
 * The one place that decides who may do what with grants. Reads are open to
 * users and services the permission policy allows. Creating and revoking
 * needs, on top of the policy's decision (conditional decisions are applied
 * to the team read from the catalog now): a user principal acting for
 * themselves (no service, no anonymous caller, no service acting on behalf
 * of a user) who is a champion of the team. The champion check is ours, so
 * it also holds when the permission framework is disabled.
 */
export class GrantAuthorizer {
  readonly #httpAuth: HttpAuthService;
  readonly #permissions: PermissionsService;
  readonly #directory: TeamDirectory;

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    directory: TeamDirectory;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#directory = options.directory;
  }

  async #team(teamRef: string): Promise<TeamInfo> {
    const team = await this.#directory.getTeam(teamRef);
    if (!team) throw new NotFoundError(`No group ${teamRef} in the catalog`);
    return team;
  }

  async #decide(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    team: TeamInfo,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    const allowed =
      decision.result === AuthorizeResult.CONDITIONAL
        ? applyConditions(decision, teamResource(team))
        : decision.result === AuthorizeResult.ALLOW;
    if (!allowed) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${team.entityRef}`,
      );
    }
  }

  /** A caller who may read the team's grant data (users and services). */
  async read(
    req: Request,
    permission: ResourcePermission,
    teamRef: string,
  ): Promise<{ credentials: BackstageCredentials; team: TeamInfo }> {
    const credentials = await this.#httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const team = await this.#team(teamRef);
    await this.#decide(credentials, permission, team);
    return { credentials, team };
  }

  /** The acting user, refused unless a direct user call (no on-behalf-of). */
  async user(
    req: Request,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const credentials = await this.#httpAuth.credentials(req, {
      allow: ['user'],
    });
    if (credentials.principal.actor) {
      throw new NotAllowedError(
        'Champion actions cannot be taken by a service on behalf of a user',
      );
    }
    return credentials;
  }

  /** A champion of the team whom the policy allows `permission`. */
  async champion(
    req: Request,
    permission: ResourcePermission,
    teamRef: string,
  ): Promise<ChampionCaller> {
    const credentials = await this.user(req);
    const team = await this.#team(teamRef);
    await this.#decide(credentials, permission, team);
    const userRef = credentials.principal.userEntityRef.toLowerCase();
    if (!this.#directory.isChampion(team, userRef)) {
      throw new NotAllowedError(
        `Only champions of ${team.entityRef} may do this`,
      );
    }
    return { credentials, userRef, team };
  }

  /** A user whom the policy allows a basic (operator) permission. */
  async operator(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const credentials = await this.user(req);
    const [decision] = await this.#permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }
}
