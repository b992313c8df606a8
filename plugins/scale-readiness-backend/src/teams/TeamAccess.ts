import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { AnyRequest, RouteSupport } from '../http';
import { teamPermissionResource } from './permissions';
import type { TeamDirectory, TeamInfo } from './TeamDirectory';

/** A caller allowed to act for a team as its champion. */
export interface ChampionCaller {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  userRef: string;
  team: TeamInfo;
}

/** A team ref, or how to get it once the policy has not denied (parse, load). */
export type TeamRefSource = string | (() => Promise<string> | string);

/**
 * Team-scoped access checks of team routes (grants, access requests): the
 * policy is asked first, so DENY answers 403 before input is parsed or
 * loaded; conditional decisions are applied to the team as read from the
 * catalog now; champion rights come from the one {@link TeamDirectory} rule.
 */
export class TeamAccess {
  readonly #support: RouteSupport;
  readonly #directory: TeamDirectory;

  constructor(support: RouteSupport, directory: TeamDirectory) {
    this.#support = support;
    this.#directory = directory;
  }

  async #team(source: TeamRefSource): Promise<TeamInfo> {
    const ref = typeof source === 'string' ? source : await source();
    const team = await this.#directory.getTeam(ref);
    if (!team) throw new NotFoundError(`No group ${ref} in the catalog`);
    return team;
  }

  /** The acting user of a write (no service, no on-behalf-of). */
  user(req: AnyRequest): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.#support.user(req);
  }

  /** A caller (user or service) whom the policy allows `permission` on the team. */
  async read(
    req: AnyRequest,
    permission: ResourcePermission,
    teamRef: TeamRefSource,
  ): Promise<{ credentials: BackstageCredentials; team: TeamInfo }> {
    const credentials = await this.#support.credentials(req);
    const decision = await this.#support.resourceDecision(
      credentials,
      permission,
    );
    const team = await this.#team(teamRef);
    decision.check(teamPermissionResource(team));
    return { credentials, team };
  }

  /** A user acting for themselves whom the policy allows `permission` on the team. */
  async member(
    req: AnyRequest,
    permission: ResourcePermission,
    teamRef: TeamRefSource,
  ): Promise<ChampionCaller> {
    const credentials = await this.#support.user(req);
    const decision = await this.#support.resourceDecision(
      credentials,
      permission,
    );
    const team = await this.#team(teamRef);
    decision.check(teamPermissionResource(team));
    return {
      credentials,
      userRef: credentials.principal.userEntityRef.toLowerCase(),
      team,
    };
  }

  /** Like {@link TeamAccess.member}, and a champion of the team. */
  async champion(
    req: AnyRequest,
    permission: ResourcePermission,
    teamRef: TeamRefSource,
  ): Promise<ChampionCaller> {
    const caller = await this.member(req, permission, teamRef);
    if (!this.#directory.isChampion(caller.team, caller.userRef)) {
      throw new NotAllowedError(
        `Only champions of ${caller.team.entityRef} may do this`,
      );
    }
    return caller;
  }
}
