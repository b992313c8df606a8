/**
 * Starts the real plugin in a test backend: given knex database, a mutable
 * in-memory catalog, a scheduler mock whose scoring task the test runs by hand,
 * and a permissions mock whose decision the test can switch.
 */
import {
  type BackendFeature,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { scaleReadinessPlugin } from '../plugin';
import type { PassStats } from '../service/ReadinessProcessor';
import { MutableCatalog } from './MutableCatalog';

/** The task id the plugin registers with the scheduler. */
export const PASS_TASK_ID = 'scale-readiness-pass';

/** Handle on a started plugin. */
export interface ReadinessTestBackend {
  /** The HTTP server, for supertest. */
  server: Parameters<typeof request>[0];
  catalog: MutableCatalog;
  /** Runs the scheduled scoring task once and returns the stats `/health` reports. */
  runPass(): Promise<PassStats>;
  /** Decision of every permission check from now on. */
  setPermission(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY): void;
  /** Permissions asked for so far (names). */
  permissionsAsked: string[];
  /** The task definition the plugin scheduled. */
  task: SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition;
  stop(): Promise<void>;
}

/** Starts the plugin over `knex` with `entities` and app-config `config`. */
export async function startReadinessBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
  /** More features, e.g. a test module adding checks. */
  features?: BackendFeature[];
}): Promise<ReadinessTestBackend> {
  const catalog = new MutableCatalog(options.entities);
  const scheduler = mockServices.scheduler.mock();
  let decision: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
    AuthorizeResult.ALLOW;
  const permissionsAsked: string[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => {
        permissionsAsked.push(r.permission.name);
        return { result: decision };
      }),
  });

  const backend = await startTestBackend({
    features: [
      scaleReadinessPlugin,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.database.factory({
        knex: options.knex,
        migrations: { skip: false },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      scheduler.factory,
      permissions.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog.service,
      }),
      ...(options.features ?? []),
    ],
  });

  const call = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === PASS_TASK_ID,
  );
  if (!call) throw new Error(`The plugin did not schedule ${PASS_TASK_ID}`);
  const task = call[0];

  return {
    server: backend.server,
    catalog,
    task,
    permissionsAsked,
    setPermission: result => {
      decision = result;
    },
    async runPass() {
      await task.fn(new AbortController().signal);
      const health = await request(backend.server).get(
        '/api/scale-readiness/health',
      );
      if (health.status !== 200 || !health.body.lastPass) {
        throw new Error(
          `/health has no lastPass: ${JSON.stringify(health.body)}`,
        );
      }
      return health.body.lastPass as PassStats;
    },
    stop: () => backend.stop(),
  };
}
