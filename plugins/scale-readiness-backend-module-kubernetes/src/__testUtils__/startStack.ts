/**
 * Starts the whole stack in one test backend: the real Backstage Kubernetes
 * backend (pointed at fake clusters), the real Scale Readiness backend plugin
 * and this module, over a given knex database and an in-memory catalog. The
 * scheduler is mocked so the test runs the scoring pass by hand.
 */
import {
  mockServices,
  startTestBackend,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import NodeModule from 'node:module';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import scaleReadinessPlugin from '@scale-readiness/plugin-scale-readiness-backend';
import request from 'supertest';
import scaleReadinessModuleKubernetes from '../index';

/** The knex client of a test database. */
type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * The real `@backstage/plugin-kubernetes-backend`, loaded by Node itself
 * rather than through Jest's module registry: it imports the ESM-only
 * `@kubernetes/client-node` with a dynamic `import()`, which Jest's VM cannot
 * run without `--experimental-vm-modules`. Features and services are matched
 * by id, so a natively loaded plugin works in the test backend unchanged.
 */
function loadKubernetesPlugin() {
  // Jest replaces `createRequire`, but the loader it inherits is Node's own.
  const load = (
    NodeModule as unknown as {
      _load(request: string, parent: null, isMain: boolean): any;
    }
  )._load;
  const entry = require.resolve('@backstage/plugin-kubernetes-backend');
  return load(entry, null, false).default;
}

/** Handle on the started stack. */
export interface Stack {
  server: Parameters<typeof request>[0];
  /** Port of the test backend (for direct client calls). */
  port: number;
  /** Runs the Scale Readiness pass once and returns `/health`'s `lastPass`. */
  runPass(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts the stack; `config` is the whole app-config. */
export async function startStack(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
}): Promise<Stack> {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      loadKubernetesPlugin(),
      scaleReadinessPlugin,
      scaleReadinessModuleKubernetes,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.database.factory({
        knex: options.knex,
        migrations: { skip: false },
      }),
      mockServices.rootLogger.factory({
        level: (process.env.SR_TEST_LOG_LEVEL as any) ?? 'none',
      }),
      scheduler.factory,
      // The real HTTP auth service (over the mock auth service): like in
      // production it remembers a request's caller, which the Kubernetes
      // proxy relies on after it swapped the Authorization header for the
      // cluster's token.
      httpAuthServiceFactory,
      catalogServiceMock.factory({ entities: options.entities }),
    ],
  });
  const call = scheduler.scheduleTask.mock.calls.find(
    ([task]) => task.id === 'scale-readiness-pass',
  );
  if (!call) throw new Error('scale-readiness did not schedule its pass');
  const task = call[0];
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server: backend.server,
    port,
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
      return health.body.lastPass;
    },
    stop: () => backend.stop(),
  };
}
