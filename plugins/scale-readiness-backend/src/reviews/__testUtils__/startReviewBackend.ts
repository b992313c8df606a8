/**
 * Starts the real plugin in a test backend like `startReadinessBackend`, but
 * exposes every scheduled task by id (scoring pass, review calendar, waiver
 * sweep, notifications) and lets the test switch permission decisions per
 * permission name.
 */
import {
  type BackendFeature,
  coreServices,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  type NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { scaleReadinessPlugin } from '../../plugin';
import { MutableCatalog } from '../../__testUtils__/MutableCatalog';

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/** Handle on a started plugin. */
export interface ReviewTestBackend {
  server: any;
  catalog: MutableCatalog;
  /** Runs a scheduled task by id. */
  runTask(id: string): Promise<void>;
  /** Ids of the scheduled tasks. */
  taskIds(): string[];
  /** Denies the named permissions from now on (empty: allow all). */
  deny(...names: string[]): void;
  /** Notifications sent (when `notifications: 'capture'`). */
  sent: NotificationSendOptions[];
  stop(): Promise<void>;
}

/**
 * Starts the plugin over `knex`. `notifications`: `capture` records what is
 * sent, `failing` throws like an uninstalled notifications backend, `default`
 * leaves Backstage's own service (which fails without the backend).
 */
export async function startReviewBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
  notifications?: 'capture' | 'failing' | 'default';
  /** More features (e.g. the real notifications backend and a processor). */
  features?: BackendFeature[];
  /** Own databases of other plugins (by plugin id); each plugin migrates its own. */
  pluginDatabases?: Record<string, Knex>;
}): Promise<ReviewTestBackend> {
  const catalog = new MutableCatalog(options.entities);
  // task runners (used by other plugins, e.g. notifications) register their
  // task like scheduleTask: captured, run by the test or never
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: schedule => ({
      run: async task => scheduler.scheduleTask({ ...schedule, ...task }),
    }),
  });
  let denied = new Set<string>();
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  });
  const sent: NotificationSendOptions[] = [];
  const mode = options.notifications ?? 'capture';
  const notificationFeatures =
    mode === 'default'
      ? []
      : [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (n: NotificationSendOptions) => {
                if (mode === 'failing') {
                  throw new Error('Failed to send notifications: 404');
                }
                sent.push(n);
              },
            }),
          }),
        ];

  const backend = await startTestBackend({
    features: [
      scaleReadinessPlugin,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({ data: options.config }),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => ({
          getClient: async () =>
            options.pluginDatabases?.[plugin.getId()] ?? options.knex,
          migrations: { skip: false },
        }),
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      scheduler.factory,
      permissions.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog.service,
      }),
      ...notificationFeatures,
    ],
  });

  const tasks = () =>
    new Map<string, Task>(
      scheduler.scheduleTask.mock.calls.map(([t]) => [t.id, t as Task]),
    );

  return {
    server: backend.server,
    catalog,
    sent,
    taskIds: () => [...tasks().keys()],
    async runTask(id) {
      const task = tasks().get(id);
      if (!task) throw new Error(`No scheduled task ${id}`);
      await task.fn(new AbortController().signal);
    },
    deny: (...names) => {
      denied = new Set(names);
    },
    stop: () => backend.stop(),
  };
}
