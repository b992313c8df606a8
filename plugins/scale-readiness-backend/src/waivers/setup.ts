import type {
  AuditorService,
  DatabaseService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type express from 'express';
import { migratedClient } from '../database/migrate';
import type { RouteSupport } from '../http';
import type { TeamDirectory } from '../teams';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import { createWaiverRouter } from './waiverRouter';
import { WaiverService } from './WaiverService';
import type { WaiverStore } from './WaiverStore';

/** Id of the global task that expires waivers past their date. */
export const WAIVER_SWEEP_TASK_ID = 'scale-readiness-waiver-sweep';

/**
 * Re-scores one entity now (the scoring service's `refreshEntity`), so a
 * waiver that changes shows in its results at once instead of after the
 * next pass.
 */
export interface Rescorer {
  rescore(entityRef: string): Promise<unknown>;
}

/** Marks entities for the next pass (the readiness store's `markDirty`). */
export interface DirtyMarker {
  markDirty(entityRefs: string[]): Promise<unknown>;
}

/** The waiver store, migrated: built first, since scoring reads active waivers. */
export async function createWaiverStore(options: {
  database: DatabaseService;
}): Promise<WaiverStore> {
  return new DatabaseWaiverStore(await migratedClient(options.database));
}

/** What {@link createWaivers} needs. */
export interface WaiversOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
  auditor: AuditorService;
  support: RouteSupport;
  directory: TeamDirectory;
  store: WaiverStore;
  readiness: DirtyMarker;
  rescorer: Rescorer;
  settings: {
    maxDays: number;
    allowSingleChampion: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  /** Ids of the checks that can be waived (built-in, module and custom). */
  checkIds: () => readonly string[];
}

/**
 * Waivers: the service (pending until a second champion approves), the
 * `/waivers` routes and the expiry sweep (global). A change marks the entity
 * dirty and, when it takes effect at once, re-scores it through the
 * {@link Rescorer}.
 */
export async function createWaivers(options: WaiversOptions): Promise<{
  router: express.Router;
  service: WaiverService;
}> {
  const service = new WaiverService({
    logger: options.logger,
    store: options.store,
    directory: options.directory,
    auditor: options.auditor,
    maxDays: options.settings.maxDays,
    allowSingleChampion: options.settings.allowSingleChampion,
    checkIds: options.checkIds,
    onChanged: async (refs, { immediate }) => {
      await options.readiness.markDirty(refs);
      if (immediate) {
        for (const ref of refs) await options.rescorer.rescore(ref);
      }
    },
  });
  await options.scheduler.scheduleTask({
    id: WAIVER_SWEEP_TASK_ID,
    scope: 'global',
    ...options.settings.schedule,
    fn: async () => {
      await service.sweepExpired();
    },
  });
  return {
    router: createWaiverRouter({ support: options.support, service }),
    service,
  };
}
