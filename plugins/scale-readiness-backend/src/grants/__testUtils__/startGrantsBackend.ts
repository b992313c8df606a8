/**
 * Starts the real Scale Readiness plugin (with its champion actions) in a test
 * backend: a given database, an in-memory catalog, a permissions mock whose
 * decisions the test sets, a scheduler mock that captures the sweep task, and
 * optionally an access executor added through the extension point.
 */
import {
  createBackendModule,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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
import request from 'supertest';
import { MutableCatalog } from '../../__testUtils__/MutableCatalog';
import { scaleReadinessPlugin } from '../../plugin';
import { GRANT_SWEEP_TASK_ID } from '../index';

/** The caller as a test policy sees it. */
export interface TestPolicyCaller {
  type: string;
  /** Set for users (also when a service acts on their behalf). */
  userEntityRef?: string;
}

/** Decides a permission request (name, and the caller's principal). */
export type TestPolicy = (
  permission: string,
  caller?: TestPolicyCaller,
) => PolicyDecision;

/** Handle on the started backend. */
export interface GrantsTestBackend {
  server: Parameters<typeof request>[0];
  catalog: MutableCatalog;
  /** Sets the policy; the default allows everything (like allow-all). */
  setPolicy(policy: TestPolicy): void;
  /** Permission names asked so far. */
  permissionsAsked: string[];
  /** The scheduled sweep task. */
  sweep: SchedulerServiceTaskScheduleDefinition &
    SchedulerServiceTaskInvocationDefinition;
  /** Runs the scheduled scoring pass once (components get results). */
  runPass(): Promise<void>;
  stop(): Promise<void>;
}

const allowAll: TestPolicy = () => ({ result: AuthorizeResult.ALLOW });

/** Starts the plugin; `executor` (if given) is added through the extension point. */
export async function startGrantsBackend(options: {
  knex: Knex;
  entities: Entity[];
  config?: JsonObject;
  executor?: AccessExecutor;
}): Promise<GrantsTestBackend> {
  const catalog = new MutableCatalog(options.entities);
  const scheduler = mockServices.scheduler.mock();
  let policy = allowAll;
  const permissionsAsked: string[] = [];
  const decide = (
    requests: Array<{ permission: { name: string } }>,
    asked?: { credentials?: { principal?: unknown } },
  ) =>
    requests.map(r => {
      permissionsAsked.push(r.permission.name);
      return policy(
        r.permission.name,
        asked?.credentials?.principal as TestPolicyCaller | undefined,
      );
    });
  const permissions = mockServices.permissions.mock({
    authorize: async (queries, asked) =>
      decide(queries, asked).map(d =>
        d.result === AuthorizeResult.CONDITIONAL
          ? { result: AuthorizeResult.DENY }
          : d,
      ) as any,
    authorizeConditional: async (queries, asked) =>
      decide(queries, asked) as any,
  });

  const features: any[] = [
    scaleReadinessPlugin,
    mockServices.rootConfig.factory({ data: options.config ?? {} }),
    mockServices.database.factory({
      knex: options.knex,
      migrations: { skip: false },
    }),
    mockServices.rootLogger.factory({ level: 'error' }),
    scheduler.factory,
    permissions.factory,
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog.service,
    }),
  ];
  if (options.executor) {
    const executor = options.executor;
    features.push(
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
    );
  }
  const backend = await startTestBackend({ features });
  const call = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === GRANT_SWEEP_TASK_ID,
  );
  if (!call)
    throw new Error(`The plugin did not schedule ${GRANT_SWEEP_TASK_ID}`);

  return {
    server: backend.server,
    catalog,
    permissionsAsked,
    setPolicy: p => {
      policy = p;
    },
    sweep: call[0],
    runPass: async () => {
      const pass = scheduler.scheduleTask.mock.calls.find(
        ([t]) => t.id === 'scale-readiness-pass',
      );
      if (!pass) throw new Error('The plugin did not schedule its pass');
      await pass[0].fn(new AbortController().signal);
    },
    stop: () => backend.stop(),
  };
}
