/**
 * Starts the real Scale Readiness plugin for access-request tests: a given
 * database, an in-memory catalog (the champion-action catalog plus a
 * newcomer), a permissions mock whose decisions the test sets, a scheduler
 * mock that captures tasks, a notifications recorder and an access executor
 * added through the extension point.
 */
import {
  type BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  type AccessExecutor,
  scaleReadinessAccessExecutorsExtensionPoint,
} from '@scale-readiness/plugin-scale-readiness-node';
import type { Knex } from 'knex';
import type request from 'supertest';
import { MutableCatalog } from '../../__testUtils__/MutableCatalog';
import { REFS, teamCatalog } from '../../grants/__testUtils__/teamCatalog';
import { scaleReadinessPlugin } from '../../plugin';

/** Refs of the access-request tests (see the grants' team catalog). */
export const AR_REFS = {
  ...REFS,
  /** New engineer, member of checkout, not a champion. */
  nina: 'user:default/nina',
} as const;

/** The champion-action catalog with a newcomer in checkout. */
export function accessCatalog(): Entity[] {
  const entities = teamCatalog().map(e => {
    if (e.kind === 'Group' && e.metadata.name === 'checkout-team') {
      return {
        ...e,
        relations: [
          ...(e.relations ?? []),
          { type: 'hasMember', targetRef: AR_REFS.nina },
        ],
      };
    }
    return e;
  });
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'nina',
      namespace: 'default',
      annotations: { 'github.com/user-login': 'nina-gh' },
    },
    spec: { profile: { displayName: 'Nina' }, memberOf: ['checkout-team'] },
    relations: [{ type: 'memberOf', targetRef: AR_REFS.checkout }],
  });
  return entities;
}

/** Decides a permission request by name. */
export type TestPolicy = (permission: string) => PolicyDecision;

/** Handle on the started backend. */
export interface AccessTestBackend {
  server: Parameters<typeof request>[0];
  catalog: MutableCatalog;
  setPolicy(policy: TestPolicy): void;
  /** Notifications sent so far. */
  notifications: NotificationSendOptions[];
  /** Runs a scheduled task by id. */
  runTask(id: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the plugin with `executor` added through the extension point. */
export async function startAccessBackend(options: {
  knex: Knex;
  executor: AccessExecutor;
  config?: JsonObject;
  entities?: Entity[];
  /** More features (real actions services, the MCP plugin…). */
  features?: BackendFeature[];
  /** Leave Backstage's notification service (with a real notifications backend in `features`) instead of recording. */
  realNotifications?: boolean;
  /** Own databases of other plugins (by plugin id); each plugin migrates its own. */
  pluginDatabases?: Record<string, Knex>;
}): Promise<AccessTestBackend> {
  const catalog = new MutableCatalog(options.entities ?? accessCatalog());
  // task runners of other plugins register like scheduleTask (never run)
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: schedule => ({
      run: async task => scheduler.scheduleTask({ ...schedule, ...task }),
    }),
  });
  let policy: TestPolicy = () => ({ result: AuthorizeResult.ALLOW });
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => policy(r.permission.name));
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      decide(requests).map(d =>
        d.result === AuthorizeResult.CONDITIONAL
          ? { result: AuthorizeResult.DENY }
          : d,
      ) as any,
    authorizeConditional: async requests => decide(requests) as any,
  });
  const notifications: NotificationSendOptions[] = [];
  const executor = options.executor;
  const backend = await startTestBackend({
    features: [
      scaleReadinessPlugin,
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => ({
          getClient: async () =>
            options.pluginDatabases?.[plugin.getId()] ?? options.knex,
          migrations: { skip: false },
        }),
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      scheduler.factory,
      permissions.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog.service,
      }),
      ...(options.realNotifications
        ? []
        : [
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({
                send: async (o: NotificationSendOptions) => {
                  notifications.push(o);
                },
              }),
            }),
          ]),
      createBackendModule({
        pluginId: 'scale-readiness',
        moduleId: 'test-executor',
        register(env) {
          env.registerInit({
            deps: { executors: scaleReadinessAccessExecutorsExtensionPoint },
            async init({ executors }) {
              executors.addAccessExecutor(executor);
            },
          });
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return {
    server: backend.server,
    catalog,
    notifications,
    setPolicy: p => {
      policy = p;
    },
    runTask: async id => {
      const call = scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id);
      if (!call) throw new Error(`The plugin did not schedule ${id}`);
      await call[0].fn(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}
