import type {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  scaleReadinessAccessRequestPermissions,
  type TimeToAccessSummary,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import { readGrantsConfig, type GrantService } from '../grants';
import type { RouteSupport } from '../http';
import { TeamAccess, type TeamDirectory } from '../teams';
import { readAccessRequestsConfig } from './config';
import { AccessRequestEvents } from './AccessRequestEvents';
import { AccessRequestQueries } from './AccessRequestQueries';
import { AccessRequestService } from './AccessRequestService';
import type { AccessRequestStore } from './AccessRequestStore';
import { DatabaseAccessRequestStore } from './DatabaseAccessRequestStore';
import { createAccessRequestRouter } from './router';
import { TimeToAccessFactProvider } from './TimeToAccessFactProvider';
import { reviewSummary, TimeToAccessMeasure } from './timeToAccess';

export { TimeToAccessMeasure, reviewSummary } from './timeToAccess';
export type { AccessRequestQueries } from './AccessRequestQueries';
export type { AccessRequestService } from './AccessRequestService';
export { toApiRequest } from './router';
export { createAccessRequestBodySchema } from './validation';
export { TimeToAccessFactProvider } from './TimeToAccessFactProvider';

/** Id of the global task that expires unanswered requests. */
export const ACCESS_REQUEST_EXPIRY_TASK_ID =
  'scale-readiness-access-request-expiry';

/** The measurement side: store, measure and its fact provider. */
export interface TimeToAccess {
  store: AccessRequestStore;
  measure: TimeToAccessMeasure;
  factProvider: TimeToAccessFactProvider;
  /** What a quarterly review freezes for a team (undefined: no data). */
  reviewSummary(teamRef: string): Promise<TimeToAccessSummary | undefined>;
}

/**
 * Creates the access-request store (migrated) and the request-based
 * time-to-access measure with its fact provider. Called before the scoring
 * processor is built, since the provider feeds `ownership.time-to-access`.
 */
export async function createTimeToAccess(options: {
  config: RootConfigService;
  database: DatabaseService;
  now?: () => Date;
}): Promise<TimeToAccess> {
  const settings = readAccessRequestsConfig(options.config).timeToAccess;
  const store = await DatabaseAccessRequestStore.create({
    database: options.database,
  });
  const measure = new TimeToAccessMeasure({
    store,
    settings,
    now: options.now ?? (() => new Date()),
  });
  return {
    store,
    measure,
    factProvider: new TimeToAccessFactProvider({ measure }),
    reviewSummary: async teamRef =>
      reviewSummary(await measure.forTeam(teamRef)),
  };
}

/** What {@link createAccessRequests} needs. */
export interface AccessRequestsOptions {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  support: RouteSupport;
  directory: TeamDirectory;
  notifications?: NotificationService;
  /** Approval runs a grant through it. */
  grants: Pick<GrantService, 'create'>;
  timeToAccess: TimeToAccess;
  now?: () => Date;
}

/**
 * Access requests: registers their permissions, schedules the expiry sweep
 * (global) and returns the `/access-requests` router.
 */
export async function createAccessRequests(
  options: AccessRequestsOptions,
): Promise<{
  router: express.Router;
  service: AccessRequestService;
}> {
  const now = options.now ?? (() => new Date());
  const config = readAccessRequestsConfig(options.config);
  const grantsConfig = readGrantsConfig(options.config);
  options.permissionsRegistry.addPermissions(
    scaleReadinessAccessRequestPermissions,
  );
  const { support, directory } = options;
  const store = options.timeToAccess.store;
  const queries = new AccessRequestQueries(store);
  const service = new AccessRequestService({
    store,
    queries,
    grants: options.grants,
    directory,
    events: new AccessRequestEvents({
      auditor: options.auditor,
      logger: options.logger,
      notifications: options.notifications,
    }),
    config,
    limits: grantsConfig,
    logger: options.logger,
    now,
  });
  await options.scheduler.scheduleTask({
    id: ACCESS_REQUEST_EXPIRY_TASK_ID,
    scope: 'global',
    ...config.schedule,
    fn: async () => {
      const expired = await service.expireDue();
      if (expired) options.logger.info(`Expired ${expired} access requests`);
      const { recovered, failed } = await service.recoverApproved(
        config.approvalRecoveryMinutes * 60_000,
      );
      if (recovered || failed) {
        options.logger.info(
          `Approved access requests without a grant: ${recovered} recovered, ${failed} failed`,
        );
      }
    },
  });
  const router = createAccessRequestRouter({
    support,
    access: new TeamAccess(support, directory),
    directory,
    queries,
    service,
    measure: options.timeToAccess.measure,
  });
  return { router, service };
}
