import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** Default lead times in days, by check id prefix (dimension). */
export const DEFAULT_LEAD_TIME_DAYS: Readonly<Record<string, number>> =
  Object.freeze({
    quotas: 5,
    autoscaling: 3,
    'scale-in': 3,
    ownership: 2,
    docs: 1,
  });

/** Lead time of a check not covered by any key. */
export const FALLBACK_LEAD_TIME_DAYS = 2;

/** Resolved `scaleReadiness.plans` settings. */
export interface PlanSettings {
  /** Lead time in days per check id or prefix (`.` written as `_` in config keys). */
  leadTimeDays: Record<string, number>;
  /** Remind teams of items due within this many days. Default 3. */
  dueSoonDays: number;
  /** Seed the demo plan on start. Default false. */
  demoSeed: boolean;
  /** Daily snapshot and notification task. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

function days(value: number, key: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 365) {
    throw new Error(
      `scaleReadiness.plans.${key} must be between 0 and 365, got ${value}`,
    );
  }
  return value;
}

/** Reads `scaleReadiness.plans` with defaults; throws on out-of-range values. */
export function readPlanSettings(root: Config | undefined): PlanSettings {
  const c = root?.getOptionalConfig('plans');
  const leadTimes: Record<string, number> = { ...DEFAULT_LEAD_TIME_DAYS };
  const map = c?.getOptionalConfig('leadTimeDays');
  for (const key of map?.keys() ?? []) {
    leadTimes[key.replace(/_/g, '.')] = days(
      map!.getNumber(key),
      `leadTimeDays.${key}`,
    );
  }
  return {
    leadTimeDays: leadTimes,
    dueSoonDays: days(c?.getOptionalNumber('dueSoonDays') ?? 3, 'dueSoonDays'),
    demoSeed: c?.getOptionalBoolean('demoSeed') ?? false,
    schedule: c?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : {
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
        },
  };
}

/**
 * Lead time of a check: its exact id, else the longest configured prefix of
 * it (`quotas.headroom` → `quotas`), else its dimension, else 2 days.
 */
export function leadTimeDays(
  settings: Pick<PlanSettings, 'leadTimeDays'>,
  checkId: string,
  dimension?: string,
): number {
  const parts = checkId.split('.');
  for (let n = parts.length; n > 0; n--) {
    const value = settings.leadTimeDays[parts.slice(0, n).join('.')];
    if (value !== undefined) return value;
  }
  if (dimension && settings.leadTimeDays[dimension] !== undefined) {
    return settings.leadTimeDays[dimension];
  }
  return FALLBACK_LEAD_TIME_DAYS;
}

/** `YYYY-MM-DD` minus `days` (UTC calendar days). */
export function minusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Today as `YYYY-MM-DD` (UTC). */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
