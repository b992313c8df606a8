import type {
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Waiver } from '@scale-readiness/plugin-scale-readiness-common';
import Router from 'express-promise-router';
import type express from 'express';
import type { ReadinessStore } from '../database';
import { readRateLimits, RouteSupport } from '../http';
import { TeamDirectory } from '../teams';
import { NotificationLedger } from '../notifications/NotificationLedger';
import { ReadinessNotifier } from '../notifications/ReadinessNotifier';
import { DatabaseWaiverStore } from '../waivers/DatabaseWaiverStore';
import { createWaiverRouter } from '../waivers/waiverRouter';
import { WaiverService } from '../waivers/WaiverService';
import { migratedClient } from '../database/migrate';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { readReviewSettings, type ReviewSettings } from './reviewConfig';
import type { ReadinessConfig } from '@scale-readiness/plugin-scale-readiness-common';
import { createReviewRouter } from './reviewRouter';
import { ReviewScheduler } from './ReviewScheduler';
import { ReviewService } from './ReviewService';
import { ReviewTaker, type TimeToAccessSource } from './ReviewTaker';

/** What {@link setupReviews} needs from the plugin. */
export interface ReviewSetupOptions {
  logger: LoggerService;
  /** The root config (reads `scaleReadiness.reviews|waivers|notifications`). */
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  /** Optional: without it (or without the notifications backend) nothing is sent. */
  notifications?: NotificationService;
  /** The results store (read only). */
  readiness: ReadinessStore;
  growthFactor: number;
  /** Level rules, for the level explanation in exports (default built-in). */
  levels?: ReadinessConfig['levels'];
  /** Ids of the registered checks. */
  checkIds: () => readonly string[];
  /** Measured time-to-access per team, when available. */
  timeToAccess?: TimeToAccessSource;
}

/** The parts the plugin mounts and hands to the scoring pass. */
export interface ReviewSetup {
  /** Routes of reviews and waivers, to mount on the plugin's router. */
  router: express.Router;
  /** Active waivers, for the scoring pass (`ReadinessProcessor` option `waivers`). */
  activeWaivers: () => Promise<Waiver[]>;
  settings: ReviewSettings;
  taker: ReviewTaker;
  waivers: WaiverService;
  notifier: ReadinessNotifier;
  scheduler: ReviewScheduler;
  /**
   * Sets how one entity is re-scored right after a waiver of it changes
   * (without it, the entity is re-scored by the next pass).
   */
  setRescore(rescore: (entityRef: string) => Promise<unknown>): void;
}

/** Task ids scheduled by {@link setupReviews}. */
export const REVIEW_TASK_IDS = {
  calendar: 'scale-readiness-review-calendar',
  waiverSweep: 'scale-readiness-waiver-sweep',
  notifications: 'scale-readiness-notifications',
} as const;

/**
 * Creates the stores, services, routers and scheduled tasks of reviews,
 * waivers and notifications.
 */
export async function setupReviews(
  o: ReviewSetupOptions,
): Promise<ReviewSetup> {
  const settings = readReviewSettings(
    o.config.getOptionalConfig('scaleReadiness'),
  );
  let rescore: ((entityRef: string) => Promise<unknown>) | undefined;
  const db = await migratedClient(o.database);
  const reviewStore = DatabaseReviewStore.fromKnex(db);
  const waiverStore = new DatabaseWaiverStore(db);
  const directory = TeamDirectory.fromConfig({
    catalog: o.catalog,
    auth: o.auth,
    config: o.config,
  });
  const notifier = new ReadinessNotifier({
    logger: o.logger,
    notifications: o.notifications,
    ledger: new NotificationLedger(db),
    readiness: o.readiness,
    reviews: reviewStore,
    waivers: waiverStore,
    settings: settings.notifications,
  });
  const taker = new ReviewTaker({
    logger: o.logger,
    store: reviewStore,
    readiness: o.readiness,
    growthFactor: o.growthFactor,
    waivers: waiverStore,
    timeToAccess: o.timeToAccess,
    onFrozen: async (review, teams) => {
      await notifier.reviewAwaitsSignOff(review, teams);
    },
  });
  const waivers = new WaiverService({
    logger: o.logger,
    store: waiverStore,
    directory,
    auditor: o.auditor,
    maxDays: settings.waivers.maxDays,
    allowSingleChampion: settings.waivers.allowSingleChampion,
    checkIds: o.checkIds,
    onChanged: async (refs, { immediate }) => {
      await o.readiness.markDirty(refs);
      if (immediate && rescore) {
        for (const ref of refs) await rescore(ref);
      }
    },
  });
  const calendar = new ReviewScheduler({
    logger: o.logger,
    store: reviewStore,
    taker,
    calendar: settings.reviews.calendar,
  });

  if (settings.reviews.scheduled) {
    await o.scheduler.scheduleTask({
      id: REVIEW_TASK_IDS.calendar,
      scope: 'global',
      ...settings.reviews.schedule,
      fn: async () => {
        await calendar.check();
      },
    });
  }
  await o.scheduler.scheduleTask({
    id: REVIEW_TASK_IDS.waiverSweep,
    scope: 'global',
    ...settings.waivers.schedule,
    fn: async () => {
      await waivers.sweepExpired();
    },
  });
  if (settings.notifications.enabled && o.notifications) {
    await o.scheduler.scheduleTask({
      id: REVIEW_TASK_IDS.notifications,
      scope: 'global',
      ...settings.notifications.schedule,
      fn: async () => {
        await notifier.run();
      },
    });
  }

  const support = new RouteSupport(o);
  const router = Router();
  router.use(
    createReviewRouter({
      support,
      service: new ReviewService({
        store: reviewStore,
        directory,
        onSignedOff: async (review, signOff) => {
          await notifier.reviewSignedOff(review, signOff);
        },
      }),
      taker,
      createLimit: readRateLimits(o.config).reviewCreate,
      levels: o.levels,
    }),
  );
  router.use(createWaiverRouter({ support, service: waivers }));

  return {
    router,
    activeWaivers: () => waiverStore.listActive(new Date()),
    settings,
    taker,
    waivers,
    notifier,
    scheduler: calendar,
    setRescore: fn => {
      rescore = fn;
    },
  };
}
