import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ReadinessStore } from '../database';
import { migratedClient } from '../database/migrate';
import type { ReviewStore } from '../reviews';
import type { WaiverStore } from '../waivers';
import { NotificationLedger } from './NotificationLedger';
import {
  ReadinessNotifier,
  type NotificationSettings,
} from './ReadinessNotifier';

/** Id of the global task that sends reminders, regressions and expiries. */
export const NOTIFICATIONS_TASK_ID = 'scale-readiness-notifications';

/** What {@link createNotifications} needs. */
export interface NotificationsOptions {
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  /** Optional: without it (or without the notifications backend) nothing is sent. */
  notifications?: NotificationService;
  readiness: ReadinessStore;
  reviews: ReviewStore;
  waivers: WaiverStore;
  settings: NotificationSettings & {
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

/**
 * Readiness notifications: the ledger (each notice sent once, also across
 * replicas), the notifier and its scheduled run (global, when enabled and the
 * notification service is installed).
 */
export async function createNotifications(
  options: NotificationsOptions,
): Promise<{ notifier: ReadinessNotifier; ledger: NotificationLedger }> {
  const ledger = new NotificationLedger(await migratedClient(options.database));
  const notifier = new ReadinessNotifier({
    logger: options.logger,
    notifications: options.notifications,
    ledger,
    readiness: options.readiness,
    reviews: options.reviews,
    waivers: options.waivers,
    settings: options.settings,
  });
  if (options.settings.enabled && options.notifications) {
    await options.scheduler.scheduleTask({
      id: NOTIFICATIONS_TASK_ID,
      scope: 'global',
      ...options.settings.schedule,
      fn: async () => {
        await notifier.run();
      },
    });
  }
  return { notifier, ledger };
}
