import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/**
 * Settings of access requests (`scaleReadiness.accessRequests`) and of the
 * time-to-access measure (`scaleReadiness.timeToAccess`).
 */
export interface AccessRequestsConfig {
  /** Hours a request waits for an answer before it expires (default 72). */
  expiryHours: number;
  /**
   * Whether a champion may approve a request they made or that is for them
   * (default true). `admin` always needs another champion.
   */
  allowSelfApproval: boolean;
  /**
   * Minutes after an approval before the sweep treats a request still without
   * a grant as interrupted and runs its grant again (default 5).
   */
  approvalRecoveryMinutes: number;
  /** Schedule of the expiry and recovery sweep (default every 5 minutes). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  timeToAccess: {
    /** p90 target of `ownership.time-to-access`, in hours (default 4). */
    targetHours: number;
    /** Rolling window of the measure, in days (default 90). */
    windowDays: number;
  };
}

function positive(
  c: Config | undefined,
  key: string,
  fallback: number,
  path: string,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`scaleReadiness.${path}.${key} must be a positive number`);
  }
  return value;
}

/** Reads the settings; throws on invalid values. */
export function readAccessRequestsConfig(root: Config): AccessRequestsConfig {
  const c = root.getOptionalConfig('scaleReadiness.accessRequests');
  const t = root.getOptionalConfig('scaleReadiness.timeToAccess');
  return {
    expiryHours: positive(c, 'expiryHours', 72, 'accessRequests'),
    allowSelfApproval: c?.getOptionalBoolean('allowSelfApproval') ?? true,
    approvalRecoveryMinutes: positive(
      c,
      'approvalRecoveryMinutes',
      5,
      'accessRequests',
    ),
    schedule: c?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 45 },
        },
    timeToAccess: {
      targetHours: positive(t, 'targetHours', 4, 'timeToAccess'),
      windowDays: positive(t, 'windowDays', 90, 'timeToAccess'),
    },
  };
}
