import type { RootConfigService } from '@backstage/backend-plugin-api';

/** A config reader (`RootConfigService` or one of its sub-configs). */
type Config = NonNullable<ReturnType<RootConfigService['getOptionalConfig']>>;

/** Settings of the AWS source (`scaleReadiness.aws`). @public */
export interface AwsSourceConfig {
  enabled: boolean;
  /** Days of CloudWatch history over which peaks are taken. */
  peakWindowDays: number;
  /** CloudWatch period of the peak queries, in seconds (a multiple of 60). */
  metricPeriodSeconds: number;
  /** Region used when neither the entity nor a Resource it depends on names one. */
  defaultRegion?: string;
  /** Endpoint used for every AWS service instead of the public one (LocalStack, tests). */
  endpoint?: string;
  /** SDK attempts per call, including the first (throttling is retried with backoff). */
  maxAttempts: number;
  /** SDK retry mode. */
  retryMode: 'standard' | 'adaptive';
  /** Timeout of one HTTP request, in milliseconds. */
  requestTimeoutMs: number;
  /** Timeout of establishing a connection, in milliseconds. */
  connectionTimeoutMs: number;
  /** Deadline of one source (Lambda, DynamoDB, …) for one entity, retries included, in milliseconds. */
  sourceTimeoutMs: number;
  /** Entities collected in parallel. */
  concurrency: number;
}

/** The defaults documented in `config.d.ts` and docs/aws.md. @public */
export const DEFAULT_AWS_SOURCE_CONFIG: AwsSourceConfig = {
  enabled: true,
  peakWindowDays: 14,
  metricPeriodSeconds: 60,
  maxAttempts: 5,
  retryMode: 'adaptive',
  requestTimeoutMs: 10_000,
  connectionTimeoutMs: 5_000,
  sourceTimeoutMs: 60_000,
  concurrency: 4,
};

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  integer = false,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new Error(
      `scaleReadiness.aws.${key} must be a positive ${
        integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}

function optionalString(config: Config | undefined, key: string) {
  const value = config?.getOptionalString(key)?.trim();
  if (value === '') {
    throw new Error(`scaleReadiness.aws.${key} must not be empty`);
  }
  return value;
}

/**
 * Reads `scaleReadiness.aws` from the app config, applying defaults. Throws on
 * values that are present but invalid, so a typo fails at startup.
 * @public
 */
export function readAwsSourceConfig(
  rootConfig: RootConfigService,
): AwsSourceConfig {
  const c = rootConfig.getOptionalConfig('scaleReadiness.aws');
  const d = DEFAULT_AWS_SOURCE_CONFIG;
  const period = positive(
    c,
    'metricPeriodSeconds',
    d.metricPeriodSeconds,
    true,
  );
  if (period % 60 !== 0) {
    throw new Error(
      `scaleReadiness.aws.metricPeriodSeconds must be a multiple of 60, got ${period}`,
    );
  }
  const retryMode = c?.getOptionalString('retryMode') ?? d.retryMode;
  if (retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new Error(
      `scaleReadiness.aws.retryMode must be 'standard' or 'adaptive', got '${retryMode}'`,
    );
  }
  const endpoint = optionalString(c, 'endpoint');
  if (endpoint !== undefined && !/^https?:\/\//.test(endpoint)) {
    throw new Error(
      `scaleReadiness.aws.endpoint must be an http(s) URL, got '${endpoint}'`,
    );
  }
  const settings: AwsSourceConfig = {
    enabled: c?.getOptionalBoolean('enabled') ?? d.enabled,
    peakWindowDays: positive(c, 'peakWindowDays', d.peakWindowDays, true),
    metricPeriodSeconds: period,
    maxAttempts: positive(c, 'maxAttempts', d.maxAttempts, true),
    retryMode,
    requestTimeoutMs:
      positive(c, 'requestTimeoutSeconds', d.requestTimeoutMs / 1000) * 1000,
    connectionTimeoutMs:
      positive(c, 'connectionTimeoutSeconds', d.connectionTimeoutMs / 1000) *
      1000,
    sourceTimeoutMs:
      positive(c, 'sourceTimeoutSeconds', d.sourceTimeoutMs / 1000) * 1000,
    concurrency: positive(c, 'concurrency', d.concurrency, true),
  };
  const region = optionalString(c, 'defaultRegion');
  if (region !== undefined) settings.defaultRegion = region;
  if (endpoint !== undefined) settings.endpoint = endpoint;
  return settings;
}
