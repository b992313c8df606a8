import {
  coreServices,
  createBackendPlugin,
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
import { createNotifications } from './notifications';
import {
  CatalogFactProvider,
  LoadTestReportFactProvider,
  ManifestFactProvider,
  TechDocsFactProvider,
} from './providers';
import { setupPlans } from './plans/setup';
import {
  createReviews,
  createReviewStore,
  readReviewSettings,
} from './reviews';
import { createScores, jsonCompression } from './service';
import { TeamDirectory } from './teams';
import { setupTrends } from './trends/setup';
import { createWaivers, createWaiverStore } from './waivers';

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
        const { config, httpRouter } = deps;
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

        // Built once and handed to every feature: the route support
        // (credentials, permissions, audited refusals), the one team rule,
        // and the per-caller rate limits.
        const support = new RouteSupport(deps);
        const directory = TeamDirectory.fromConfig(deps);
        const rateLimits = readRateLimits(config);
        const settings = readReviewSettings(
          config.getOptionalConfig('scaleReadiness'),
        );
        // Stores read by more than one feature.
        const waiverStore = await createWaiverStore(deps);
        const reviewStore = await createReviewStore(deps);

        // trends: a daily rollup per team and the org (see src/trends)
        const trends = await setupTrends({
          ...deps,
          support,
          readiness: store,
          growthFactor: readinessConfig.growthFactor,
        });
        // scores: the pass, the worker, the read services, the results routes
        const scores = await createScores({
          ...deps,
          support,
          store,
          readinessConfig,
          providers: providers.list(),
          checks: checks.list(),
          waivers: waiverStore,
          rateLimits,
          timeToAccess: timeToAccess.measure,
          afterPass: () => trends.afterPass(),
        });
        // waivers re-score an entity at once when a change takes effect
        const waivers = await createWaivers({
          ...deps,
          support,
          directory,
          store: waiverStore,
          readiness: store,
          rescorer: { rescore: ref => scores.service.refreshEntity(ref) },
          settings: settings.waivers,
          // built-in, module and custom checks (app-config) can be waived
          checkIds: () => [
            ...checks.list().map(c => c.id),
            ...(readinessConfig.customChecks ?? []).map(c => c.id),
          ],
        });
        const notifications = await createNotifications({
          ...deps,
          readiness: store,
          reviews: reviewStore,
          waivers: waiverStore,
          settings: settings.notifications,
        });
        // a review freezes each team's time to access, measured from the
        // members' requests to active access
        const reviews = await createReviews({
          ...deps,
          support,
          directory,
          store: reviewStore,
          readiness: store,
          waivers: waiverStore,
          notices: notifications.notifier,
          growthFactor: readinessConfig.growthFactor,
          levels: readinessConfig.levels,
          timeToAccess: teamRef => timeToAccess.reviewSummary(teamRef),
          createLimit: rateLimits.reviewCreate,
          settings: settings.reviews,
        });
        // launch plans: scored with the same engine as /simulate (see src/plans)
        const plans = await setupPlans({
          ...deps,
          support,
          directory,
          waivers: waiverStore,
          ledger: notifications.ledger,
          createLimit: rateLimits.planCreate,
          simulate: request => scores.service.simulate(request),
        });
        // champion actions: /grants and /champions (see src/grants)
        const grants = await createGrants({
          ...deps,
          support,
          directory,
          executors: accessExecutors,
        });
        // access requests: a member asks, a champion approves (runs a grant)
        const accessRequests = await createAccessRequests({
          ...deps,
          support,
          directory,
          grants: grants.service,
          timeToAccess,
        });

        // gzip/brotli for JSON responses, before every router (ETag/304 kept)
        httpRouter.use(jsonCompression());
        for (const router of [
          scores.router,
          reviews.router,
          waivers.router,
          trends.router,
          plans.router,
          grants.router,
          accessRequests.router,
        ]) {
          httpRouter.use(router);
        }
        // actions for agents and templates (src/actions, docs/actions.md)
        registerScaleReadinessActions({
          actionsRegistry: deps.actionsRegistry,
          support,
          store,
          service: scores.service,
          simulateLimit: rateLimits.simulate,
          requestAccess: {
            support,
            directory,
            service: accessRequests.service,
            auditor: deps.auditor,
          },
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
