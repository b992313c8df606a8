import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  REPOSITORY_PERMISSIONS,
  type RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import { readConfigChampions } from '../teams/config';

/** Settings of champion grants (`scaleReadiness.grants` in app-config). */
export interface GrantsConfig {
  /** Longest grant, in hours (config in days; default 14 days). */
  maxDurationHours: number;
  /** Duration the UI proposes, in hours (default 24). */
  defaultDurationHours: number;
  /** Repository permissions a champion may grant (default all but admin). */
  permissions: RepositoryPermission[];
  /** Grants one user may create per window (idempotent replays do not count). */
  rateLimit: { requests: number; windowMinutes: number };
  /** Revoke retries: failed attempts before `revoke-failed`, backoff bounds. */
  retry: {
    maxAttempts: number;
    initialDelaySeconds: number;
    maxDelaySeconds: number;
  };
  /** How long a worker may hold a grant before others treat it as interrupted. */
  leaseSeconds: number;
  /** Minimum time between two reconciliations (drift checks) in ms (default 15 min). */
  reconcileIntervalMs: number;
  /** Window of the time-to-access metric, in days (default 90). */
  timeToAccessWindowDays: number;
  /** Champions designated in config: group ref → user refs (lower-cased). */
  configChampions: Map<string, string[]>;
  /** Use the dry-run executor even when real executors are installed. */
  forceDryRun: boolean;
  /** Schedule of the expiry sweep and reconciliation. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DAY_HOURS = 24;

function positive(
  value: number | undefined,
  fallback: number,
  key: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`scaleReadiness.grants.${key} must be a positive number`);
  }
  return value;
}

function nonNegative(
  value: number | undefined,
  fallback: number,
  key: string,
): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`scaleReadiness.grants.${key} must be zero or more`);
  }
  return value;
}

/** Reads `scaleReadiness.grants`; throws on invalid values. */
export function readGrantsConfig(root: Config): GrantsConfig {
  const c = root.getOptionalConfig('scaleReadiness.grants');
  const maxDurationHours =
    positive(c?.getOptionalNumber('maxDurationDays'), 14, 'maxDurationDays') *
    DAY_HOURS;
  const defaultDurationHours = Math.min(
    positive(
      c?.getOptionalNumber('defaultDurationHours'),
      24,
      'defaultDurationHours',
    ),
    maxDurationHours,
  );

  const permissions = (c?.getOptionalStringArray('permissions') ?? [
    'pull',
    'triage',
    'push',
    'maintain',
  ]) as RepositoryPermission[];
  for (const p of permissions) {
    if (!REPOSITORY_PERMISSIONS.includes(p)) {
      throw new Error(
        `scaleReadiness.grants.permissions: unknown permission '${p}' (use ${REPOSITORY_PERMISSIONS.join(
          ', ',
        )})`,
      );
    }
  }

  const configChampions = readConfigChampions(root);

  const schedule = c?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        c.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 1 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
      };

  return {
    maxDurationHours,
    defaultDurationHours,
    permissions,
    rateLimit: {
      requests: positive(
        c?.getOptionalNumber('rateLimit.requests'),
        10,
        'rateLimit.requests',
      ),
      windowMinutes: positive(
        c?.getOptionalNumber('rateLimit.windowMinutes'),
        60,
        'rateLimit.windowMinutes',
      ),
    },
    retry: {
      maxAttempts: positive(
        c?.getOptionalNumber('retry.maxAttempts'),
        5,
        'retry.maxAttempts',
      ),
      initialDelaySeconds: positive(
        c?.getOptionalNumber('retry.initialDelaySeconds'),
        30,
        'retry.initialDelaySeconds',
      ),
      maxDelaySeconds: positive(
        c?.getOptionalNumber('retry.maxDelaySeconds'),
        3600,
        'retry.maxDelaySeconds',
      ),
    },
    leaseSeconds: positive(
      c?.getOptionalNumber('leaseSeconds'),
      300,
      'leaseSeconds',
    ),
    reconcileIntervalMs:
      nonNegative(
        c?.getOptionalNumber('reconcileIntervalMinutes'),
        15,
        'reconcileIntervalMinutes',
      ) * 60_000,
    timeToAccessWindowDays: positive(
      c?.getOptionalNumber('timeToAccessWindowDays'),
      90,
      'timeToAccessWindowDays',
    ),
    configChampions,
    forceDryRun: c?.getOptionalBoolean('dryRun') ?? false,
    schedule,
  };
}

/**
 * Delay before revoke attempt `attempt + 1` (exponential from the initial
 * delay, capped), in milliseconds.
 */
export function revokeBackoffMs(
  attempt: number,
  retry: GrantsConfig['retry'],
): number {
  const seconds = Math.min(
    retry.initialDelaySeconds * 2 ** Math.max(0, attempt - 1),
    retry.maxDelaySeconds,
  );
  return seconds * 1000;
}
