/**
 * End to end: the real Scale Readiness backend with this module, the real
 * SDK clients against the fake AWS endpoint, verified through the REST API.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaleReadinessPlugin from '@scale-readiness/plugin-scale-readiness-backend';
import type { FakeAws } from './__testUtils__/FakeAws';
import {
  AWS_INTEGRATION,
  PROD,
  REGION,
  startFakeAws,
} from './__testUtils__/scenario';
import { ALL, seed } from './__testUtils__/seedScenario';
import scaleReadinessModuleAws from './index';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('scale-readiness backend with the AWS module', () => {
  let fake: FakeAws;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeAws();
    seed(fake, new Date());
    const scheduler = mockServices.scheduler.mock();
    backend = await startTestBackend({
      features: [
        scaleReadinessPlugin,
        scaleReadinessModuleAws,
        mockServices.rootConfig.factory({
          data: {
            aws: AWS_INTEGRATION,
            scaleReadiness: {
              growthFactor: 3,
              aws: {
                endpoint: fake.endpoint,
                maxAttempts: 3,
                retryMode: 'standard',
                requestTimeoutSeconds: 5,
              },
            },
          },
        }),
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
          migrations: { skip: false },
        }),
        scheduler.factory,
        catalogServiceMock.factory({ entities: ALL }),
      ],
    });
    const address = backend.server.address();
    base = `http://127.0.0.1:${
      typeof address === 'object' && address ? address.port : 0
    }/api/scale-readiness`;
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'scale-readiness-pass',
    )?.[0];
    if (!task) throw new Error('scale-readiness did not schedule its pass');
    await task.fn(new AbortController().signal);
  });

  afterAll(async () => {
    await backend?.stop();
    await fake?.stop();
  });

  async function get(path: string) {
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('scores the Lambda component from AWS facts: headroom 2.22 fails at 3', async () => {
    const body = await get('/entities/component/default/checkout-fn');
    const checks = body.result.checks as Array<Record<string, any>>;
    expect(
      checks.find(c => c.id === 'autoscaling.serverless-concurrency'),
    ).toMatchObject({ status: 'fail', headroom: 2.22 });
    const quota = checks.find(c => c.id === 'quotas.headroom');
    expect(quota).toMatchObject({ status: 'fail', headroom: 2.22 });
    expect(quota?.evidence[0]).toMatchObject({
      source: 'aws',
      location: `aws ${PROD}/${REGION}`,
    });
  });

  it('simulates the DynamoDB Resource at 2×: passes with headroom 2.66', async () => {
    const response = await fetch(`${base}/simulate`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        growthFactor: 2,
        entityRefs: ['resource:default/orders-table'],
      }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(
      body.results[0].checks.find((c: any) => c.id === 'quotas.headroom'),
    ).toMatchObject({ status: 'pass', headroom: 2.66 });
  });
});
