import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type {
  ReadinessConfig,
  ReviewSignOff,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import type { ReadinessStore } from '../database';
import type { RateLimiter, RouteSupport } from '../http';
import { NOTIFICATIONS_TASK_ID } from '../notifications';
import type { TeamDirectory } from '../teams';
import { WAIVER_SWEEP_TASK_ID, type WaiverStore } from '../waivers';
import type { ReviewCalendar } from './calendar';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { createReviewRouter } from './reviewRouter';
import { ReviewScheduler } from './ReviewScheduler';
import { ReviewService } from './ReviewService';
import type { ReviewStore, StoredReview } from './ReviewStore';
import { ReviewTaker, type TimeToAccessSource } from './ReviewTaker';

/**
 * Task ids of reviews and of the features scheduled next to them (waivers'
 * sweep, notifications).
 */
export const REVIEW_TASK_IDS = {
  calendar: 'scale-readiness-review-calendar',
  waiverSweep: WAIVER_SWEEP_TASK_ID,
  notifications: NOTIFICATIONS_TASK_ID,
} as const;

/** The review store, migrated: the notifier reads it too. */
export function createReviewStore(options: {
  database: DatabaseService;
}): Promise<ReviewStore> {
  return DatabaseReviewStore.create(options);
}

/** What reviews tell the teams (the readiness notifier). */
export interface ReviewNotices {
  reviewAwaitsSignOff(
    review: StoredReview,
    teamRefs: string[],
  ): Promise<unknown>;
  reviewSignedOff(
    review: StoredReview,
    signOff: ReviewSignOff,
  ): Promise<unknown>;
}

/** What {@link createReviews} needs from the plugin. */
export interface ReviewsOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  support: RouteSupport;
  directory: TeamDirectory;
  store: ReviewStore;
  /** The results store (read only). */
  readiness: ReadinessStore;
  /** Waivers frozen with each review. */
  waivers: WaiverStore;
  notices: ReviewNotices;
  growthFactor: number;
  /** Level rules, for the level explanation in exports (default built-in). */
  levels?: ReadinessConfig['levels'];
  /** Measured time-to-access per team, when available. */
  timeToAccess?: TimeToAccessSource;
  /** Limit of review creation per caller. */
  createLimit?: RateLimiter;
  settings: {
    /** Whether reviews are taken on the calendar (manual ones always work). */
    scheduled: boolean;
    calendar: ReviewCalendar;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

/**
 * Quarterly reviews: the taker (freezes every team's scorecard), the sign-off
 * service, the `/reviews` routes and the calendar task (global).
 */
export async function createReviews(o: ReviewsOptions): Promise<{
  router: express.Router;
  taker: ReviewTaker;
  scheduler: ReviewScheduler;
}> {
  const taker = new ReviewTaker({
    logger: o.logger,
    store: o.store,
    readiness: o.readiness,
    growthFactor: o.growthFactor,
    waivers: o.waivers,
    timeToAccess: o.timeToAccess,
    onFrozen: async (review, teams) => {
      await o.notices.reviewAwaitsSignOff(review, teams);
    },
  });
  const calendar = new ReviewScheduler({
    logger: o.logger,
    store: o.store,
    taker,
    calendar: o.settings.calendar,
  });
  if (o.settings.scheduled) {
    await o.scheduler.scheduleTask({
      id: REVIEW_TASK_IDS.calendar,
      scope: 'global',
      ...o.settings.schedule,
      fn: async () => {
        await calendar.check();
      },
    });
  }
  const router = createReviewRouter({
    support: o.support,
    service: new ReviewService({
      store: o.store,
      directory: o.directory,
      onSignedOff: async (review, signOff) => {
        await o.notices.reviewSignedOff(review, signOff);
      },
    }),
    taker,
    createLimit: o.createLimit,
    levels: o.levels,
  });
  return { router, taker, scheduler: calendar };
}
