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
  scaleReadinessChampionManagePermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantReadPermission,
  scaleReadinessGrantRevokePermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import { readGrantsConfig } from './config';
import { DatabaseGrantStore } from './DatabaseGrantStore';
import { ExecutorRegistry } from './ExecutorRegistry';
import { GrantEvents } from './GrantEvents';
import { GrantLifecycle } from './GrantLifecycle';
import { GrantService } from './GrantService';
import { GrantSweeper } from './GrantSweeper';
import { createGrantsRouter } from './router';
import type { RouteSupport } from '../http';
import {
  scaleReadinessTeamResourceRef,
  scaleReadinessTeamRules,
  type TeamDirectory,
  teamResource,
} from '../teams';

export { ExecutorRegistry } from './ExecutorRegistry';
export { readGrantsConfig, type GrantsConfig } from './config';
export type { Actor } from './GrantLifecycle';
export { OpenGrantExistsError, type GrantRecord } from './GrantStore';
export { targetInScope, type GrantService } from './GrantService';
export { percentile, timeToAccessSummary } from './timeToAccess';
export { createGrantBodySchema } from './validation';

/** Id of the global expiry-sweep and reconciliation task. */
export const GRANT_SWEEP_TASK_ID = 'scale-readiness-grant-sweep';

/** What {@link createGrants} needs (the plugin's services). */
export interface GrantsOptions {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  support: RouteSupport;
  directory: TeamDirectory;
  notifications?: NotificationService;
  /** Executors added through the extension point. */
  executors: ExecutorRegistry;
  /** Clock (tests). */
  now?: () => Date;
}

/**
 * Champion actions: registers the team resource type and its rules, schedules
 * the expiry sweep (global) and returns the `/grants` + `/champions` router.
 */
export async function createGrants(options: GrantsOptions): Promise<{
  router: express.Router;
  sweeper: GrantSweeper;
  service: GrantService;
}> {
  const now = options.now ?? (() => new Date());
  const config = readGrantsConfig(options.config);
  options.executors.forceDryRun(config.forceDryRun);
  const store = await DatabaseGrantStore.create({ database: options.database });
  const { directory } = options;

  options.permissionsRegistry.addResourceType({
    resourceRef: scaleReadinessTeamResourceRef,
    permissions: [
      scaleReadinessGrantCreatePermission,
      scaleReadinessGrantRevokePermission,
      scaleReadinessGrantReadPermission,
    ],
    rules: Object.values(scaleReadinessTeamRules),
    getResources: refs =>
      Promise.all(
        refs.map(async ref => {
          const team = await directory.getTeam(ref);
          return team ? teamResource(team) : undefined;
        }),
      ),
  });
  options.permissionsRegistry.addPermissions([
    scaleReadinessChampionManagePermission,
  ]);

  const events = new GrantEvents({
    auditor: options.auditor,
    logger: options.logger,
    notifications: options.notifications,
  });
  const lifecycle = new GrantLifecycle({
    store,
    executors: options.executors,
    events,
    config,
    logger: options.logger,
    now,
  });
  const service = new GrantService({
    store,
    executors: options.executors,
    directory,
    lifecycle,
    config,
    now,
  });
  const sweeper = new GrantSweeper({
    store,
    lifecycle,
    executors: options.executors,
    events,
    config,
    logger: options.logger,
    now,
    teams: directory,
  });

  await options.scheduler.scheduleTask({
    id: GRANT_SWEEP_TASK_ID,
    scope: 'global',
    ...config.schedule,
    fn: async () => {
      await sweeper.run();
    },
  });

  const router = await createGrantsRouter({
    support: options.support,
    directory,
    service,
    sweeper,
  });
  return { router, sweeper, service };
}
