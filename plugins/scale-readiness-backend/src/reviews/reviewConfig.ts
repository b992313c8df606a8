import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
} from '../notifications';
import { DEFAULT_REVIEW_CALENDAR, type ReviewCalendar } from './calendar';

/** Resolved `scaleReadiness.reviews`, `.waivers` and `.notifications` settings. */
export interface ReviewSettings {
  reviews: {
    /** Whether reviews are taken on the calendar (manual ones always work). */
    scheduled: boolean;
    calendar: ReviewCalendar;
    /** How often the calendar is checked. */
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  waivers: {
    maxDays: number;
    /** Whether a champion's waiver applies without a second champion. */
    allowSingleChampion: boolean;
    /** How often expired waivers are swept. */
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  notifications: NotificationSettings & {
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

function schedule(
  config: Config | undefined,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

function bounded(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  key: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InputError(
      `scaleReadiness.${key} must be between ${min} and ${max}, got ${value}`,
    );
  }
  return value;
}

/** Reads the settings from the `scaleReadiness` config block (may be absent). */
export function readReviewSettings(root: Config | undefined): ReviewSettings {
  const r = root?.getOptionalConfig('reviews');
  const w = root?.getOptionalConfig('waivers');
  const n = root?.getOptionalConfig('notifications');
  const fiscal = bounded(
    r?.getOptionalNumber('calendar.fiscalYearStartMonth'),
    DEFAULT_REVIEW_CALENDAR.fiscalYearStartMonth,
    1,
    12,
    'reviews.calendar.fiscalYearStartMonth',
  );
  if (!Number.isInteger(fiscal)) {
    throw new InputError(
      'scaleReadiness.reviews.calendar.fiscalYearStartMonth must be an integer',
    );
  }
  return {
    reviews: {
      scheduled: r?.getOptionalBoolean('scheduled') ?? true,
      calendar: {
        fiscalYearStartMonth: fiscal,
        daysBeforeQuarterEnd: bounded(
          r?.getOptionalNumber('calendar.daysBeforeQuarterEnd'),
          DEFAULT_REVIEW_CALENDAR.daysBeforeQuarterEnd,
          0,
          80,
          'reviews.calendar.daysBeforeQuarterEnd',
        ),
        graceDays: bounded(
          r?.getOptionalNumber('calendar.graceDays'),
          DEFAULT_REVIEW_CALENDAR.graceDays,
          0,
          80,
          'reviews.calendar.graceDays',
        ),
      },
      schedule: schedule(r, 'schedule', {
        frequency: { hours: 1 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 2 },
      }),
    },
    waivers: {
      maxDays: bounded(
        w?.getOptionalNumber('maxDays'),
        90,
        1,
        3650,
        'waivers.maxDays',
      ),
      allowSingleChampion:
        w?.getOptionalBoolean('allowSingleChampion') ?? false,
      schedule: schedule(w, 'schedule', {
        frequency: { minutes: 15 },
        timeout: { minutes: 5 },
        initialDelay: { minutes: 1 },
      }),
    },
    notifications: {
      enabled:
        n?.getOptionalBoolean('enabled') ??
        DEFAULT_NOTIFICATION_SETTINGS.enabled,
      waiverExpiryDays: bounded(
        n?.getOptionalNumber('waiverExpiryDays'),
        DEFAULT_NOTIFICATION_SETTINGS.waiverExpiryDays,
        0,
        365,
        'notifications.waiverExpiryDays',
      ),
      signOffReminderDays: bounded(
        n?.getOptionalNumber('signOffReminderDays'),
        DEFAULT_NOTIFICATION_SETTINGS.signOffReminderDays,
        0,
        365,
        'notifications.signOffReminderDays',
      ),
      schedule: schedule(n, 'schedule', {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 3 },
      }),
    },
  };
}
