import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaleReadinessTeamConditionalDecision,
  scaleReadinessTeamConditions,
} from '@scale-readiness/plugin-scale-readiness-backend';
import {
  RESOURCE_TYPE_SCALE_READINESS_TEAM,
  scaleReadinessAccessRequestDecidePermission,
  scaleReadinessChampionManagePermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantRevokePermission,
  scaleReadinessReviewCreatePermission,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Permissions only operators hold: they act across every team. */
const OPERATOR_PERMISSIONS = new Set([
  scaleReadinessChampionManagePermission.name,
  scaleReadinessReviewCreatePermission.name,
]);

/** Team-scoped changes: champions of the team only, operators included. */
const CHAMPION_PERMISSIONS = new Set([
  scaleReadinessGrantCreatePermission.name,
  scaleReadinessGrantRevokePermission.name,
  scaleReadinessAccessRequestDecidePermission.name,
]);

/** Whether a permission is an operator ("admin") permission of the plugin. */
export function isOperatorPermission(name: string): boolean {
  if (!name.startsWith('scale-readiness.')) return false;
  return (
    OPERATOR_PERMISSIONS.has(name) ||
    /\.(admin|manage)$/.test(name) ||
    name.includes('.admin.')
  );
}

/**
 * Normalises a group reference from config: `sre-team`,
 * `default/sre-team` and `group:default/sre-team` are the same group.
 * Lower-cased, like catalog refs are compared.
 */
export function normaliseGroupRef(ref: string): string {
  let value = ref.trim().toLowerCase();
  if (!value.includes(':')) value = `group:${value}`;
  const [kind, rest] = [
    value.slice(0, value.indexOf(':')),
    value.slice(value.indexOf(':') + 1),
  ];
  return `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`;
}

/**
 * The dev portal's permission policy for Scale Readiness (see
 * docs/permissions.md):
 *
 * - operator permissions (`scale-readiness.champion.manage`,
 *   `scale-readiness.review.create`, any `*.admin` / `*.manage` permission of
 *   the plugin): members of the operator group only;
 * - team-scoped changes (grant, revoke, decide an access request): champions
 *   of the team (conditional `IS_TEAM_CHAMPION`), operators included: being
 *   an operator never makes anyone a champion;
 * - team-scoped reads and access requests (grants, audit, access requests):
 *   operators, or members of the team (conditional `IS_TEAM_MEMBER`);
 * - everything else of the plugin (results, reviews, waivers): any
 *   signed-in user. The plugin still applies its own champion rules to
 *   waivers and sign-offs;
 * - other plugins' permissions: allowed, as the allow-all policy did.
 *
 * Service principals never reach a policy (Backstage allows them, within
 * the access restrictions of their external-access config).
 * @public
 */
export class ScaleReadinessPolicy implements PermissionPolicy {
  readonly #operatorGroups: Set<string>;

  /** @param operatorGroups - group refs whose members are operators. */
  constructor(operatorGroups: string[]) {
    this.#operatorGroups = new Set(operatorGroups.map(normaliseGroupRef));
  }

  /** Whether the user's ownership refs include an operator group. */
  isOperator(user?: PolicyQueryUser): boolean {
    const claims = user?.info.ownershipEntityRefs ?? [];
    return claims.some(c => this.#operatorGroups.has(c.toLowerCase()));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('scale-readiness.')) {
      // other plugins of the dev portal: unchanged from allow-all
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const operator = this.isOperator(user);
    if (isOperatorPermission(permission.name)) {
      return {
        result: operator ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_SCALE_READINESS_TEAM)) {
      const claims = user.info.ownershipEntityRefs;
      if (CHAMPION_PERMISSIONS.has(permission.name)) {
        return createScaleReadinessTeamConditionalDecision(
          permission,
          scaleReadinessTeamConditions.isTeamChampion({ claims }),
        );
      }
      if (operator) return { result: AuthorizeResult.ALLOW };
      return createScaleReadinessTeamConditionalDecision(
        permission,
        scaleReadinessTeamConditions.isTeamMember({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
