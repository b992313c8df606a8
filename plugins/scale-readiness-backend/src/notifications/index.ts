/** Readiness notifications: the ledger, the notifier and its scheduled run. */
export {
  createNotifications,
  NOTIFICATIONS_TASK_ID,
  type NotificationsOptions,
} from './setup';
export type { NotificationLedger } from './NotificationLedger';
export type {
  NotificationSettings,
  ReadinessNotifier,
} from './ReadinessNotifier';
