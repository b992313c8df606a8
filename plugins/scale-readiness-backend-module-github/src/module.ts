import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  scaleReadinessAccessExecutorsExtensionPoint,
  scaleReadinessFactProvidersExtensionPoint,
} from '@scale-readiness/plugin-scale-readiness-node';
import { readCiCapacitySettings } from './ciCapacity/config';
import { GithubCiCapacityProvider } from './ciCapacity/GithubCiCapacityProvider';
import { GithubAccessExecutor } from './GithubAccessExecutor';
import { OctokitFactory } from './octokit';

/**
 * Adds the GitHub access executor to Scale Readiness champion actions and the
 * `github` fact provider of CI runner capacity (`ciCapacity`), using the
 * GitHub integration of `scaleReadiness.github.host` (default `github.com`).
 * Without credentials for that host it adds nothing: grants stay in the
 * labelled dry-run mode and CI capacity comes from declared values only.
 * `scaleReadiness.github.ciCapacity.enabled: false` leaves the provider out.
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
        urlReader: coreServices.urlReader,
        executors: scaleReadinessAccessExecutorsExtensionPoint,
        providers: scaleReadinessFactProvidersExtensionPoint,
      },
      async init({ config, logger, urlReader, executors, providers }) {
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
        const requestPolicy = Object.fromEntries(
          Object.entries({
            ...policy,
            maxRetryAfterMs:
              policy.maxRetryAfterMs === undefined
                ? undefined
                : policy.maxRetryAfterMs * 1000,
          }).filter(([, v]) => v !== undefined),
        );
        const executor = GithubAccessExecutor.fromConfig(config, {
          host,
          policy: requestPolicy,
        });
        if (!executor) {
          logger.info(
            `No GitHub credentials for ${host} (integrations.github): champion grants stay in dry-run mode and CI capacity is read from declared values only`,
          );
          return;
        }
        executors.addAccessExecutor(executor);
        logger.info(`Champion grants are applied on GitHub (${host})`);

        const settings = readCiCapacitySettings(config);
        if (!settings.enabled) {
          logger.info(
            'GitHub CI capacity provider disabled (scaleReadiness.github.ciCapacity.enabled)',
          );
          return;
        }
        const octokits = OctokitFactory.fromConfig(config, {
          host,
          policy: requestPolicy,
          userAgent: 'scale-readiness-ci-capacity',
        })!;
        providers.addFactProvider(
          new GithubCiCapacityProvider({
            octokit: owner => octokits.forOwner(owner),
            reader: urlReader,
            settings,
          }),
        );
        logger.info(`CI runner capacity is read from GitHub (${host})`);
      },
    });
  },
});
