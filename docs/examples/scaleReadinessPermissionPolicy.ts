/*
 * Example permission policy module for Scale Readiness champion actions.
 *
 * Copy into your backend (e.g. packages/backend/src/scaleReadinessPolicy.ts),
 * then replace the allow-all policy in packages/backend/src/index.ts:
 *
 *   // backend.add(import('@backstage/plugin-permission-backend-module-allow-all-policy'));
 *   backend.add(import('./scaleReadinessPolicy'));
 *
 * What it decides (see docs/champions.md):
 * - grant.create / grant.revoke: only when the caller is a champion of the
 *   team (IS_TEAM_CHAMPION, evaluated by the plugin against the team read
 *   from the catalog). The plugin checks this itself too, and refuses service
 *   principals and anonymous callers whatever the policy says.
 * - grant.read: members and champions of the team, and the platform team.
 * - champion.manage (org-wide overview, reconcile now): the platform team.
 * - everything else: allowed (keep your existing rules here).
 */
import {
  coreServices,
  createBackendModule,
  type UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createScaleReadinessTeamConditionalDecision,
  scaleReadinessTeamConditions,
} from '@scale-readiness/plugin-scale-readiness-backend';
import {
  scaleReadinessChampionManagePermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantReadPermission,
  scaleReadinessGrantRevokePermission,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Members of this group operate champion actions across teams. */
const PLATFORM_TEAM = 'group:default/platform-team';

class ScaleReadinessPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user
      ? (await this.userInfo.getUserInfo(user.credentials)).ownershipEntityRefs
      : [];
    const { permission } = request;

    if (
      isPermission(permission, scaleReadinessGrantCreatePermission) ||
      isPermission(permission, scaleReadinessGrantRevokePermission)
    ) {
      return createScaleReadinessTeamConditionalDecision(
        permission,
        scaleReadinessTeamConditions.isTeamChampion({ claims }),
      );
    }
    if (isPermission(permission, scaleReadinessGrantReadPermission)) {
      if (claims.includes(PLATFORM_TEAM))
        return { result: AuthorizeResult.ALLOW };
      return createScaleReadinessTeamConditionalDecision(
        permission,
        scaleReadinessTeamConditions.isTeamMember({ claims }),
      );
    }
    if (isPermission(permission, scaleReadinessChampionManagePermission)) {
      return {
        result: claims.includes(PLATFORM_TEAM)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'scale-readiness-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new ScaleReadinessPolicy(userInfo));
      },
    });
  },
});
