import type {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { EntityResult } from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import type { RateLimiter, RouteSupport } from '../http';
import type { NotificationLedger } from '../notifications';
import { migratedClient } from '../database/migrate';
import type { TeamDirectory } from '../teams';
import type { WaiverStore } from '../waivers';
import { DatabasePlanStore } from './DatabasePlanStore';
import { seedDemoPlan } from './demoSeed';
import { PlanAccess } from './PlanAccess';
import { PlanNotifier } from './PlanNotifier';
import { readPlanSettings, type PlanSettings } from './planConfig';
import { createPlanRouter } from './planRouter';
import { PlanService } from './PlanService';

/** What {@link setupPlans} needs from the plugin. */
export interface PlanSetupOptions {
  logger: LoggerService;
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  auth: AuthService;
  support: RouteSupport;
  directory: TeamDirectory;
  /** Open waivers close plan items (only approved ones). */
  waivers: WaiverStore;
  /** The notification ledger shared with the readiness notifier. */
  ledger: NotificationLedger;
  /** Limit of plan creation per caller. */
  createLimit?: RateLimiter;
  catalog: CatalogService;
  /** Optional: without it (or without the notifications backend) nothing is sent. */
  notifications?: NotificationService;
  /** Scores entities at a factor: the `/simulate` engine (`ReadinessService.simulate`). */
  simulate(request: {
    growthFactor: number;
    entityRefs: string[];
  }): Promise<{ results: EntityResult[] }>;
}

/** What the plugin mounts. */
export interface PlanSetup {
  router: express.Router;
  service: PlanService;
  store: DatabasePlanStore;
  settings: PlanSettings;
}

/** Task id of the daily plan snapshot (and plan notifications). */
export const PLAN_TASK_ID = 'scale-readiness-plans';

/** Task id of the demo seed (`scaleReadiness.plans.demoSeed`). */
export const PLAN_DEMO_TASK_ID = 'scale-readiness-plans-demo-seed';

/** Creates the store, service, routes and scheduled snapshot of launch plans. */
export async function setupPlans(o: PlanSetupOptions): Promise<PlanSetup> {
  const settings = readPlanSettings(
    o.config.getOptionalConfig('scaleReadiness'),
  );
  const db = await migratedClient(o.database);
  const store = new DatabasePlanStore(db);
  const { support, directory, waivers } = o;
  const service = new PlanService({
    store,
    catalog: o.catalog,
    auth: o.auth,
    logger: o.logger,
    notifier: new PlanNotifier({
      logger: o.logger,
      notifications: o.notifications,
      ledger: o.ledger,
      enabled:
        o.config.getOptionalBoolean('scaleReadiness.notifications.enabled') ??
        true,
      dueSoonDays: settings.dueSoonDays,
    }),
    access: new PlanAccess({ ...o, support, directory }),
    settings,
    score: async (growthFactor, entityRefs) =>
      (await o.simulate({ growthFactor, entityRefs })).results,
    // only an approved waiver closes an item; one pending a second
    // champion's approval does not
    waiverId: async (entityRef, checkId) => {
      const open = await waivers.findOpen(entityRef, checkId, new Date());
      return open?.status === 'active' ? open.id : undefined;
    },
  });
  await o.scheduler.scheduleTask({
    id: PLAN_TASK_ID,
    scope: 'global',
    ...settings.schedule,
    fn: async () => {
      const done = await service.snapshot();
      if (done.length) o.logger.info(`Snapshotted ${done.length} launch plans`);
    },
  });
  if (settings.demoSeed) {
    // the plan is created at once; its waived item once results exist
    let complete = false;
    await o.scheduler.scheduleTask({
      id: PLAN_DEMO_TASK_ID,
      scope: 'global',
      frequency: { seconds: 30 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 1 },
      fn: async () => {
        if (complete) return;
        ({ complete } = await seedDemoPlan({
          store,
          service,
          waivers,
          directory,
          logger: o.logger,
        }));
      },
    });
  }
  return {
    router: createPlanRouter({
      support,
      service,
      createLimit: o.createLimit,
    }),
    service,
    store,
    settings,
  };
}
