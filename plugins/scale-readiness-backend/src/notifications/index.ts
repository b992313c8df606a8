/** Readiness notifications: the ledger, the notifier and its scheduled run. */
export {
  createNotifications,
  NOTIFICATIONS_TASK_ID,
  type NotificationsOptions,
} from './setup';
export type { NotificationLedger } from './NotificationLedger';
export {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
  type ReadinessNotifier,
} from './ReadinessNotifier';
