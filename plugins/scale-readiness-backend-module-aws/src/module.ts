import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { scaleReadinessFactProvidersExtensionPoint } from '@scale-readiness/plugin-scale-readiness-node';
import { AwsClientFactory } from './AwsClients';
import { AwsFactProvider } from './AwsFactProvider';
import { readAwsSourceConfig } from './config';

/**
 * Scale Readiness module `aws`: adds the AWS fact provider (Service Quotas,
 * Lambda concurrency, DynamoDB throughput, API Gateway throttles, peaks from
 * CloudWatch). Credentials and accounts come from the portal's `aws:`
 * integration config; settings from `scaleReadiness.aws`. Disabled with
 * `scaleReadiness.aws.enabled: false`.
 * @public
 */
export const scaleReadinessModuleAws = createBackendModule({
  pluginId: 'scale-readiness',
  moduleId: 'aws',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: scaleReadinessFactProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ providers, config, logger, lifecycle }) {
        const settings = readAwsSourceConfig(config);
        if (!settings.enabled) {
          logger.info('AWS source disabled (scaleReadiness.aws.enabled)');
          return;
        }
        const clients = new AwsClientFactory({
          credentials: DefaultAwsCredentialsManager.fromConfig(config),
          config: settings,
        });
        lifecycle.addShutdownHook(() => clients.destroy());
        providers.addFactProvider(
          new AwsFactProvider({ clients, config: settings, logger }),
        );
      },
    });
  },
});
