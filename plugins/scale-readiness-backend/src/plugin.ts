import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
  scaleReadinessPermissions,
  scaleReadinessPlanPermissions,
  scaleReadinessReviewPermissions,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  CheckRegistry,
  FactProviderRegistry,
  scaleReadinessAccessExecutorsExtensionPoint,
  scaleReadinessChecksExtensionPoint,
  scaleReadinessFactProvidersExtensionPoint,
} from '@scale-readiness/plugin-scale-readiness-node';
import { createAccessRequests, createTimeToAccess } from './accessRequests';
import { registerScaleReadinessActions } from './actions';
import { createGrants, ExecutorRegistry } from './grants';
import { DatabaseReadinessStore } from './database';
import { readRateLimits, RouteSupport } from './http';
import {
  CatalogFactProvider,
  LoadTestReportFactProvider,
  ManifestFactProvider,
  TechDocsFactProvider,
} from './providers';
import { setupPlans } from './plans/setup';
import { setupReviews } from './reviews/setup';
import { setupTrends } from './trends/setup';
import { ReadinessProcessor } from './service/ReadinessProcessor';
import { ReadinessService } from './service/ReadinessService';
import { jsonCompression } from './service/jsonCompression';
import { createRouter } from './service/router';

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

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
    const accessExecutors = new ExecutorRegistry();
    env.registerExtensionPoint(scaleReadinessAccessExecutorsExtensionPoint, {
      addAccessExecutor: (...e) => accessExecutors.add(...e),
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
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, config, scheduler, httpRouter } = deps;
        const readinessConfig = readinessConfigFromAppConfig(
          config.getOptional('scaleReadiness'),
        );
        deps.permissionsRegistry.addPermissions(scaleReadinessPermissions);
        deps.permissionsRegistry.addPermissions(
          scaleReadinessReviewPermissions,
        );
        deps.permissionsRegistry.addPermissions(scaleReadinessPlanPermissions);

        const store = await DatabaseReadinessStore.create({
          database: deps.database,
        });
        checks.add(...BUILTIN_CHECKS);
        // access requests: the request-based time-to-access feeds the
        // ownership.time-to-access check (facts) and reviews
        const timeToAccess = await createTimeToAccess(deps);
        providers.add(timeToAccess.factProvider);
        const allowedLocalRoots =
          config.getOptionalStringArray(
            'scaleReadiness.manifests.allowedLocalRoots',
          ) ?? [];
        providers.add(
          new CatalogFactProvider(),
          ManifestFactProvider.fromConfig(config, {
            reader: deps.urlReader,
          }),
          // load-test reports (k6 / Gatling JSON) for docs.load-test-proves-factor
          new LoadTestReportFactProvider({
            reader: deps.urlReader,
            allowedLocalRoots,
            maxReportBytes: config.getOptionalNumber(
              'scaleReadiness.loadTests.maxReportBytes',
            ),
          }),
        );

        // docs.techdocs-fresh: the last TechDocs build from its metadata
        if (
          config.getOptionalBoolean('scaleReadiness.techdocs.buildMetadata') ??
          true
        ) {
          providers.add(
            new TechDocsFactProvider({
              baseUrl: () => deps.discovery.getBaseUrl('techdocs'),
              token: async () =>
                (
                  await deps.auth.getPluginRequestToken({
                    onBehalfOf: await deps.auth.getOwnServiceCredentials(),
                    targetPluginId: 'techdocs',
                  })
                ).token,
            }),
          );
        }

        // reviews, waivers and notifications (routes, stores, scheduled tasks);
        // a review freezes each team's time to access, measured from the
        // members' requests to active access.
        const reviews = await setupReviews({
          ...deps,
          readiness: store,
          growthFactor: readinessConfig.growthFactor,
          levels: readinessConfig.levels,
          // built-in, module and custom checks (app-config) can be waived
          checkIds: () => [
            ...checks.list().map(c => c.id),
            ...(readinessConfig.customChecks ?? []).map(c => c.id),
          ],
          timeToAccess: teamRef => timeToAccess.reviewSummary(teamRef),
        });
        const scoring = config.getOptionalConfig('scaleReadiness.scoring');
        const processor = new ReadinessProcessor({
          waivers: reviews.activeWaivers,
          logger,
          auth: deps.auth,
          catalog: deps.catalog,
          store,
          providers: providers.list(),
          checks: checks.list(),
          config: readinessConfig,
          batchSize: scoring?.getOptionalNumber('batchSize'),
          leaseMs: secondsToMs(scoring?.getOptionalNumber('leaseSeconds')),
        });
        const service = new ReadinessService({
          store,
          processor,
          config: readinessConfig,
          checks: checks.list(),
          waivers: reviews.activeWaivers,
        });
        reviews.setRescore(ref => service.refreshEntity(ref));

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
          config.getOptionalNumber('scaleReadiness.retention.historyDays') ??
          400;
        const historyPerEntity = config.getOptionalNumber(
          'scaleReadiness.retention.historyPerEntity',
        );
        // trends: a daily rollup per team and the org (see src/trends)
        const trends = await setupTrends({
          ...deps,
          readiness: store,
          growthFactor: readinessConfig.growthFactor,
        });
        await scheduler.scheduleTask({
          id: 'scale-readiness-pass',
          scope: 'global',
          ...schedule,
          fn: async signal => {
            await processor.runPass({ signal });
            await trends.afterPass();
            const pruned = await store.pruneHistory({
              olderThan: new Date(Date.now() - historyDays * 86_400_000),
              keepPerEntity: historyPerEntity,
            });
            if (pruned) logger.info(`Pruned ${pruned} history rows`);
          },
        });
        // Every replica scores claimed batches (PostgreSQL); the pass's
        // replica works along with them. SQLite cannot be shared by replicas.
        if (store.supportsConcurrentWorkers()) {
          await scheduler.scheduleTask({
            id: 'scale-readiness-worker',
            scope: 'local',
            ...(scoring?.has('workerSchedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scoring.getConfig('workerSchedule'),
                )
              : {
                  frequency: { seconds: 5 },
                  timeout: { minutes: 10 },
                  initialDelay: { seconds: 15 },
                }),
            fn: async signal => {
              await processor.runWorker({ signal });
            },
          });
          logger.info(
            `Scale readiness: scoring worker ${processor.worker.workerId} shares the work with other replicas (PostgreSQL)`,
          );
        } else {
          logger.info(
            'Scale readiness: SQLite database, scoring runs in a single worker (the scheduled pass); use PostgreSQL to share the work across replicas',
          );
        }

        // gzip/brotli for JSON responses, before every router (ETag/304 kept)
        httpRouter.use(jsonCompression());
        const rateLimits = readRateLimits(config);
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            service,
            rateLimits,
            timeToAccess: timeToAccess.measure,
          }),
        );
        httpRouter.use(reviews.router);
        httpRouter.use(trends.router);
        // launch plans: scored with the same engine as /simulate (see src/plans)
        const plans = await setupPlans({
          ...deps,
          simulate: request => service.simulate(request),
        });
        httpRouter.use(plans.router);
        // champion actions: /grants and /champions (see src/grants)
        const grants = await createGrants({
          ...deps,
          executors: accessExecutors,
        });
        httpRouter.use(grants.router);
        // access requests: a member asks, a champion approves (runs a grant)
        const accessRequests = await createAccessRequests({
          ...deps,
          grants: grants.service,
          timeToAccess,
        });
        httpRouter.use(accessRequests.router);
        // actions for agents and templates (src/actions, docs/actions.md)
        const support = new RouteSupport(deps);
        registerScaleReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          support,
          store,
          service,
          simulateLimit: rateLimits.simulate,
          requestAccess: {
            support,
            directory: accessRequests.directory,
            service: accessRequests.service,
            auditor: deps.auditor,
          },
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
