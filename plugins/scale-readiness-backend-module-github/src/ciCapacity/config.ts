import type { Config } from '@backstage/config';

/** Settings of the CI capacity fact provider (`scaleReadiness.github.ciCapacity`). */
export interface CiCapacitySettings {
  /** Whether the provider is registered. Default true. */
  enabled: boolean;
  /** Days of workflow-run history read for the peak. Default 14. */
  windowDays: number;
  /** Newest workflow runs read per repository within the window. Default 100. */
  maxRunsPerRepository: number;
  /** Repositories of one team read for the peak. Default 20. */
  maxRepositories: number;
  /** GitHub requests of one team in flight at once. Default 4. */
  concurrency: number;
  /** Time one source (runner groups, scale-set manifests, run history) may take, in ms. Default 120 000. */
  sourceTimeoutMs: number;
  /** How long a team's result is reused (components of one team in one pass), in ms. Default 600 000. */
  cacheTtlMs: number;
  /** Count every job of the team's repositories, not only jobs on the team's runners. Default false. */
  countAllJobs: boolean;
  /** Local folders `file:` runner manifests may be read from (`scaleReadiness.manifests.allowedLocalRoots`). */
  allowedLocalRoots: string[];
  /** Most bytes of YAML one runner-manifests target may hold (`scaleReadiness.manifests.maxBytes`, default 5 MB). */
  maxManifestBytes?: number;
}

/** Defaults of {@link CiCapacitySettings}. */
export const DEFAULT_CI_CAPACITY_SETTINGS: CiCapacitySettings = {
  enabled: true,
  windowDays: 14,
  maxRunsPerRepository: 100,
  maxRepositories: 20,
  concurrency: 4,
  sourceTimeoutMs: 120_000,
  cacheTtlMs: 600_000,
  countAllJobs: false,
  allowedLocalRoots: [],
};

function positive(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!(value > 0)) throw new Error(`${key} must be a positive number`);
  return value;
}

/** Reads `scaleReadiness.github.ciCapacity`; throws on a non-positive number. */
export function readCiCapacitySettings(config: Config): CiCapacitySettings {
  const base = 'scaleReadiness.github.ciCapacity';
  const d = DEFAULT_CI_CAPACITY_SETTINGS;
  const seconds = (key: string, fallback: number) => {
    const value = positive(config, `${base}.${key}`);
    return value === undefined ? fallback : value * 1000;
  };
  const int = (key: string, fallback: number) =>
    Math.floor(positive(config, `${base}.${key}`) ?? fallback);
  return {
    enabled: config.getOptionalBoolean(`${base}.enabled`) ?? d.enabled,
    windowDays: positive(config, `${base}.windowDays`) ?? d.windowDays,
    maxRunsPerRepository: int('maxRunsPerRepository', d.maxRunsPerRepository),
    maxRepositories: int('maxRepositories', d.maxRepositories),
    concurrency: int('concurrency', d.concurrency),
    sourceTimeoutMs: seconds('sourceTimeoutSeconds', d.sourceTimeoutMs),
    cacheTtlMs: seconds('cacheTtlSeconds', d.cacheTtlMs),
    countAllJobs:
      config.getOptionalBoolean(`${base}.countAllJobs`) ?? d.countAllJobs,
    allowedLocalRoots:
      config.getOptionalStringArray(
        'scaleReadiness.manifests.allowedLocalRoots',
      ) ?? [],
    maxManifestBytes: config.getOptionalNumber(
      'scaleReadiness.manifests.maxBytes',
    ),
  };
}
