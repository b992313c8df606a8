import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
  scaleReadinessPermissions,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  CheckRegistry,
  FactProviderRegistry,
  scaleReadinessChecksExtensionPoint,
  scaleReadinessFactProvidersExtensionPoint,
} from '@scale-readiness/plugin-scale-readiness-node';
import { DatabaseReadinessStore } from './database';
import { CatalogFactProvider, ManifestFactProvider } from './providers';
import { ReadinessProcessor } from './service/ReadinessProcessor';
import { ReadinessService } from './service/ReadinessService';
import { createRouter } from './service/router';

/**
 * Scale Readiness backend plugin: collects facts about catalog entities,
 * scores them on a schedule and serves the results under `/api/scale-readiness`.
 * Backend modules add fact providers and checks through the extension points
 * of `@scale-readiness/plugin-scale-readiness-node`.
 * @public
 */
export const scaleReadinessPlugin = createBackendPlugin({
  pluginId: 'scale-readiness',
  register(env) {
    const providers = new FactProviderRegistry();
    const checks = new CheckRegistry();
    env.registerExtensionPoint(scaleReadinessFactProvidersExtensionPoint, {
      addFactProvider: (...p) => providers.add(...p),
    });
    env.registerExtensionPoint(scaleReadinessChecksExtensionPoint, {
      addCheck: (...c) => checks.add(...c),
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { logger, config, scheduler, httpRouter } = deps;
        const readinessConfig = readinessConfigFromAppConfig(
          config.getOptional('scaleReadiness'),
        );
        deps.permissionsRegistry.addPermissions(scaleReadinessPermissions);

        const store = await DatabaseReadinessStore.create({
          database: deps.database,
        });
        checks.add(...BUILTIN_CHECKS);
        providers.add(
          new CatalogFactProvider(),
          new ManifestFactProvider({
            reader: deps.urlReader,
            allowedLocalRoots:
              config.getOptionalStringArray(
                'scaleReadiness.manifests.allowedLocalRoots',
              ) ?? [],
          }),
        );

        const processor = new ReadinessProcessor({
          logger,
          auth: deps.auth,
          catalog: deps.catalog,
          store,
          providers: providers.list(),
          checks: checks.list(),
          config: readinessConfig,
        });
        const service = new ReadinessService({
          store,
          processor,
          config: readinessConfig,
          checks: checks.list(),
        });

        const schedule = config.has('scaleReadiness.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('scaleReadiness.schedule'),
            )
          : {
              frequency: { minutes: 30 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 10 },
            };
        const historyDays =
          config.getOptionalNumber('scaleReadiness.retention.historyDays') ?? 400;
        await scheduler.scheduleTask({
          id: 'scale-readiness-pass',
          scope: 'global',
          ...schedule,
          fn: async () => {
            await processor.runPass();
            const pruned = await store.pruneHistory({
              olderThan: new Date(Date.now() - historyDays * 86_400_000),
            });
            if (pruned) logger.info(`Pruned ${pruned} history rows`);
          },
        });

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            service,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
