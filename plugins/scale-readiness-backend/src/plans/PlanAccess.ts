import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { scaleReadinessChampionManagePermission } from '@scale-readiness/plugin-scale-readiness-common';
import type { RouteSupport } from '../http';
import { readConfigChampions, type TeamDirectory } from '../teams';

/** What {@link PlanAccess} reads. */
export interface PlanAccessOptions {
  support: RouteSupport;
  directory: TeamDirectory;
  catalog: CatalogService;
  auth: AuthService;
  config: Config;
}

/**
 * Who may do what to a launch plan, on top of the plan permissions:
 * operators are users the policy allows `scale-readiness.champion.manage`;
 * champions and members come from the one {@link TeamDirectory} rule.
 */
export class PlanAccess {
  readonly #o: PlanAccessOptions;

  constructor(options: PlanAccessOptions) {
    this.#o = options;
  }

  /** Whether the caller is an operator (champion.manage allowed). */
  isOperator(credentials: BackstageCredentials): Promise<boolean> {
    return this.#o.support.isAllowed(
      credentials,
      scaleReadinessChampionManagePermission,
    );
  }

  /** Whether the user is an acting champion of at least one team. */
  async isChampionOfAnyTeam(userRef: string): Promise<boolean> {
    const user = userRef.toLowerCase();
    const groups = new Set<string>();
    for (const [group, users] of readConfigChampions(this.#o.config)) {
      if (users.includes(user)) groups.add(group);
    }
    const entity = await this.#o.catalog.getEntityByRef(user, {
      credentials: await this.#o.auth.getOwnServiceCredentials(),
    });
    for (const r of entity?.relations ?? []) {
      if (r.type === RELATION_MEMBER_OF) groups.add(r.targetRef.toLowerCase());
    }
    for (const group of groups) {
      if ((await this.#o.directory.rights(user, group)).champion) return true;
    }
    return false;
  }

  /** Champions of any team and operators may create plans (403 otherwise). */
  async assertMayCreate(credentials: BackstageCredentials, userRef: string) {
    if (await this.isOperator(credentials)) return;
    if (await this.isChampionOfAnyTeam(userRef)) return;
    throw new NotAllowedError(
      'Only champions of a team and operators may create launch plans',
    );
  }

  /**
   * The plan's creator, operators, and champions of a team involved in the
   * plan may change it (403 otherwise).
   */
  async assertMayManage(
    credentials: BackstageCredentials,
    userRef: string,
    plan: { createdBy: string },
    teams: string[],
  ) {
    if (plan.createdBy.toLowerCase() === userRef.toLowerCase()) return;
    if (await this.isOperator(credentials)) return;
    for (const team of teams) {
      if ((await this.#o.directory.rights(userRef, team)).champion) return;
    }
    throw new NotAllowedError(
      'Only the creator, champions of involved teams and operators may change this plan',
    );
  }

  /** Whether the user is a champion or member (owner) of the team. */
  async actsFor(userRef: string, team: string): Promise<boolean> {
    const rights = await this.#o.directory.rights(userRef, team);
    return rights.champion || rights.member;
  }
}
