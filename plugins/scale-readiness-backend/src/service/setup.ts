import {
  type AuthService,
  type LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CheckDefinition,
  ReadinessConfig,
  Waiver,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from '@scale-readiness/plugin-scale-readiness-node';
import type express from 'express';
import type { ReadinessStore } from '../database';
import type { RouteRateLimits, RouteSupport } from '../http';
import { ReadinessProcessor } from './ReadinessProcessor';
import { ReadinessService } from './ReadinessService';
import { createRouter } from './router';
import {
  ScorecardService,
  type TeamTimeToAccessSource,
} from './ScorecardService';

/** Id of the global scoring pass. */
export const PASS_TASK_ID = 'scale-readiness-pass';
/** Id of the local scoring worker (PostgreSQL only). */
export const WORKER_TASK_ID = 'scale-readiness-worker';

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

/** Active waivers as of a time (the waiver store's `listActive`). */
export interface ActiveWaivers {
  listActive(at: Date): Promise<Waiver[]>;
}

/** What {@link createScores} needs. */
export interface ScoresOptions {
  logger: LoggerService;
  config: RootConfigService;
  scheduler: SchedulerService;
  auth: AuthService;
  catalog: CatalogService;
  support: RouteSupport;
  store: ReadinessStore;
  readinessConfig: ReadinessConfig;
  providers: FactProvider[];
  checks: CheckDefinition[];
  waivers: ActiveWaivers;
  /** Limits of refresh and simulate per caller. */
  rateLimits: Pick<RouteRateLimits, 'refresh' | 'simulate'>;
  /** Request → access time of the overview's teams. */
  timeToAccess?: TeamTimeToAccessSource;
  /** Runs after each pass (the daily trend snapshot); never fails the pass. */
  afterPass?: () => Promise<void>;
}

/**
 * Scores: the processor (pass and, on PostgreSQL, a worker per replica), the
 * read service and the results router. Schedules the global pass, which also
 * prunes history, and the local worker.
 */
export async function createScores(o: ScoresOptions): Promise<{
  service: ReadinessService;
  scorecards: ScorecardService;
  processor: ReadinessProcessor;
  router: express.Router;
}> {
  const { config, logger, store, scheduler } = o;
  const activeWaivers = () => o.waivers.listActive(new Date());
  const scoring = config.getOptionalConfig('scaleReadiness.scoring');
  const processor = new ReadinessProcessor({
    waivers: activeWaivers,
    logger,
    auth: o.auth,
    catalog: o.catalog,
    store,
    providers: o.providers,
    checks: o.checks,
    config: o.readinessConfig,
    batchSize: scoring?.getOptionalNumber('batchSize'),
    leaseMs: secondsToMs(scoring?.getOptionalNumber('leaseSeconds')),
    factsCacheBytes: factsCacheBytesOf(config),
  });
  const service = new ReadinessService({
    store,
    processor,
    config: o.readinessConfig,
    checks: o.checks,
    waivers: activeWaivers,
  });

  const schedule = config.has('scaleReadiness.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('scaleReadiness.schedule'),
      )
    : {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 10 },
      };
  const historyDays =
    config.getOptionalNumber('scaleReadiness.retention.historyDays') ?? 400;
  const historyPerEntity = config.getOptionalNumber(
    'scaleReadiness.retention.historyPerEntity',
  );
  await scheduler.scheduleTask({
    id: PASS_TASK_ID,
    scope: 'global',
    ...schedule,
    fn: async signal => {
      await processor.runPass({ signal });
      await o.afterPass?.();
      const pruned = await store.pruneHistory({
        olderThan: new Date(Date.now() - historyDays * 86_400_000),
        keepPerEntity: historyPerEntity,
      });
      if (pruned) logger.info(`Pruned ${pruned} history rows`);
    },
  });
  // Every replica scores claimed batches (PostgreSQL); the pass's
  // replica works along with them. SQLite cannot be shared by replicas.
  if (store.supportsConcurrentWorkers()) {
    await scheduler.scheduleTask({
      id: WORKER_TASK_ID,
      scope: 'local',
      ...(scoring?.has('workerSchedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            scoring.getConfig('workerSchedule'),
          )
        : {
            frequency: { seconds: 5 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 15 },
          }),
      fn: async signal => {
        await processor.runWorker({ signal });
      },
    });
    logger.info(
      `Scale readiness: scoring worker ${processor.worker.workerId} shares the work with other replicas (PostgreSQL)`,
    );
  } else {
    logger.info(
      'Scale readiness: SQLite database, scoring runs in a single worker (the scheduled pass); use PostgreSQL to share the work across replicas',
    );
  }

  const scorecards = new ScorecardService({
    store,
    growthFactor: () => service.growthFactor,
    timeToAccess: o.timeToAccess,
  });
  const router = await createRouter({
    support: o.support,
    service,
    scorecards,
    rateLimits: o.rateLimits,
  });
  return { service, scorecards, processor, router };
}

/**
 * `scaleReadiness.processing.factsCacheBytes`: a whole number of bytes, 0 or
 * more (anything else stops the backend at start).
 */
export function factsCacheBytesOf(
  config: RootConfigService,
): number | undefined {
  const key = 'scaleReadiness.processing.factsCacheBytes';
  const bytes = config.getOptionalNumber(key);
  if (bytes !== undefined && !(Number.isInteger(bytes) && bytes >= 0)) {
    throw new Error(
      `Invalid ${key}: ${bytes}; expected a whole number of bytes, 0 or more`,
    );
  }
  return bytes;
}
