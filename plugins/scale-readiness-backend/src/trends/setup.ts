import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type express from 'express';
import type { ReadinessStore } from '../database';
import type { RouteSupport } from '../http';
import { migratedClient } from '../database/migrate';
import { DatabaseTrendStore } from './DatabaseTrendStore';
import { DEMO_HISTORY_DAYS, seedDemoHistory } from './demoHistory';
import { createTrendRouter } from './router';
import { computeDailySnapshot } from './snapshot';
import { TrendService } from './TrendService';
import { dayOf } from './types';

/** What {@link setupTrends} needs from the plugin. */
export interface TrendSetupOptions {
  logger: LoggerService;
  config: Config;
  database: DatabaseService;
  support: RouteSupport;
  readiness: ReadinessStore;
  growthFactor: number;
}

/** What the plugin mounts and calls. */
export interface TrendSetup {
  router: express.Router;
  store: DatabaseTrendStore;
  /**
   * After each scoring pass: upserts today's snapshot, prunes old days and,
   * with `scaleReadiness.trends.demoHistory`, seeds the demo history once.
   */
  afterPass(at?: Date): Promise<void>;
}

/** Default of `scaleReadiness.trends.retentionDays`. */
export const DEFAULT_TREND_RETENTION_DAYS = 400;

/** Passes after which demo history is seeded even if results still change. */
export const DEMO_SETTLE_MAX_PASSES = 5;

/**
 * Creates the trend store, the {@link TrendService} the routes call and the
 * daily snapshot hook.
 */
export async function setupTrends(o: TrendSetupOptions): Promise<TrendSetup> {
  const retentionDays =
    o.config.getOptionalNumber('scaleReadiness.trends.retentionDays') ??
    DEFAULT_TREND_RETENTION_DAYS;
  const demoHistory =
    o.config.getOptionalBoolean('scaleReadiness.trends.demoHistory') ?? false;
  let demoPending = demoHistory;
  let lastSignature: string | undefined;
  let unsettledPasses = 0;
  const db = await migratedClient(o.database);
  const store = new DatabaseTrendStore(db);
  return {
    store,
    router: createTrendRouter({
      support: o.support,
      service: new TrendService({
        readiness: o.readiness,
        trends: store,
        growthFactor: () => o.growthFactor,
      }),
    }),
    async afterPass(at = new Date()) {
      try {
        const rows = await computeDailySnapshot(
          o.readiness,
          o.growthFactor,
          at,
        );
        await store.upsert(rows, at);
        await store.prune(
          dayOf(new Date(at.getTime() - retentionDays * 86_400_000)),
        );
      } catch (e) {
        // a failed snapshot never fails the scoring pass
        o.logger.warn(`Scale readiness: trend snapshot failed: ${e}`);
      }
      if (!demoPending) return;
      try {
        // once the demo org has settled: a pass that changed no result (the
        // catalog may still be ingesting during the first passes), or after
        // DEMO_SETTLE_MAX_PASSES passes at the latest
        const signature = await o.readiness.getResultsSignature();
        const settled = signature === lastSignature;
        lastSignature = signature;
        if (!settled && ++unsettledPasses < DEMO_SETTLE_MAX_PASSES) return;
        const seeded = await seedDemoHistory({
          readiness: o.readiness,
          trends: store,
          growthFactor: o.growthFactor,
          at,
        });
        demoPending = !seeded.complete;
        if (seeded.generated) {
          o.logger.info(
            `Scale readiness: seeded ${seeded.generated} rows of demo trend history (${DEMO_HISTORY_DAYS} days, marked demo)`,
          );
        }
      } catch (e) {
        o.logger.warn(`Scale readiness: demo trend history failed: ${e}`);
      }
    },
  };
}
