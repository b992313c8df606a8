import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaleReadinessAccessExecutorsExtensionPoint } from '@scale-readiness/plugin-scale-readiness-node';
import { GithubAccessExecutor } from './GithubAccessExecutor';

/**
 * Adds the GitHub access executor to Scale Readiness champion actions, using
 * the GitHub integration of `scaleReadiness.github.host` (default
 * `github.com`). Without credentials for that host it adds nothing and the
 * plugin keeps its labelled dry-run executor.
 * @public
 */
export const scaleReadinessModuleGithub = createBackendModule({
  pluginId: 'scale-readiness',
  moduleId: 'github',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        executors: scaleReadinessAccessExecutorsExtensionPoint,
      },
      async init({ config, logger, executors }) {
        const host =
          config.getOptionalString('scaleReadiness.github.host') ??
          'github.com';
        const policy = {
          retries: config.getOptionalNumber('scaleReadiness.github.retries'),
          timeoutMs: config.getOptionalNumber(
            'scaleReadiness.github.timeoutMs',
          ),
          maxRetryAfterMs: config.getOptionalNumber(
            'scaleReadiness.github.maxRetryAfterSeconds',
          ),
        };
        const executor = GithubAccessExecutor.fromConfig(config, {
          host,
          policy: Object.fromEntries(
            Object.entries({
              ...policy,
              maxRetryAfterMs:
                policy.maxRetryAfterMs === undefined
                  ? undefined
                  : policy.maxRetryAfterMs * 1000,
            }).filter(([, v]) => v !== undefined),
          ),
        });
        if (!executor) {
          logger.info(
            `No GitHub credentials for ${host} (integrations.github): champion grants stay in dry-run mode`,
          );
          return;
        }
        executors.addAccessExecutor(executor);
        logger.info(`Champion grants are applied on GitHub (${host})`);
      },
    });
  },
});
