import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ScaleReadinessPolicy } from './ScaleReadinessPolicy';

/** Config key of the operator group (declared in packages/backend/config.d.ts). */
export const OPERATOR_GROUP_KEY = 'scaleReadiness.permissions.operatorGroup';

/**
 * Installs {@link ScaleReadinessPolicy} as the permission policy of the dev
 * portal, with the operator group from
 * `scaleReadiness.permissions.operatorGroup` (a string or a list). Without
 * it nobody is an operator: reconcile and starting reviews by hand are
 * refused to every user (scheduled reviews still run).
 * @public
 */
export const scaleReadinessPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'scale-readiness-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const raw = config.getOptional(OPERATOR_GROUP_KEY);
        let groups: string[] = [];
        if (Array.isArray(raw))
          groups = config.getStringArray(OPERATOR_GROUP_KEY);
        else if (raw !== undefined)
          groups = [config.getString(OPERATOR_GROUP_KEY)];
        if (groups.length === 0) {
          logger.warn(
            `${OPERATOR_GROUP_KEY} is not set: no user is a Scale Readiness operator`,
          );
        }
        policy.setPolicy(new ScaleReadinessPolicy(groups));
      },
    });
  },
});
