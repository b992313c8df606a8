/**
 * The GitHub module's CI capacity provider in a real backend with the Scale
 * Readiness plugin, the real Octokit and the local GitHub: one scoring pass,
 * then the `ownership.ci-capacity` results read over the REST API.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaleReadinessPlugin from '@scale-readiness/plugin-scale-readiness-backend';
import { promises as fs } from 'node:fs';
import request from 'supertest';
import {
  populateGitHub,
  scenarioEntities,
  writeScenarioManifests,
} from './__testUtils__/ciScenario';
import { FakeGitHubServer } from './__testUtils__/FakeGitHubServer';
import { scaleReadinessModuleGithub } from './module';

jest.setTimeout(120_000);

const HOST = 'ghe.northwind.test';

type Check = {
  id: string;
  status: string;
  headroom?: number | null;
  message: string;
  evidence: Array<{ source: string; location?: string; observed?: any }>;
};

async function start(github: FakeGitHubServer, root: string, enabled = true) {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      scaleReadinessPlugin,
      scaleReadinessModuleGithub,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: HOST,
                apiBaseUrl: `${github.origin}/api/v3`,
                token: github.token,
              },
            ],
          },
          scaleReadiness: {
            manifests: { allowedLocalRoots: [root] },
            github: {
              host: HOST,
              retries: 1,
              timeoutMs: 2000,
              // fixed scenario dates stay inside the window whatever the clock says
              ciCapacity: { enabled, windowDays: 3650 },
            },
          },
        },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      scheduler.factory,
      catalogServiceMock.factory({ entities: scenarioEntities(root) }),
    ],
  });
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'scale-readiness-pass',
  )![0];
  await task.fn(new AbortController().signal);
  return backend;
}

describe('GitHub CI capacity in the backend', () => {
  let github: FakeGitHubServer;
  let root: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  beforeEach(async () => {
    github = new FakeGitHubServer();
    await github.start();
    const actions = populateGitHub(github);
    // the window here is relative to the real clock: leave out the run that
    // the provider tests keep outside their fixed 14-day window
    for (const [repo, runs] of actions.runs) {
      actions.runs.set(
        repo,
        runs.filter(r => r.created_at >= '2026-11-11'),
      );
    }
    root = await writeScenarioManifests();
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await github.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function ciCheck(name: string): Promise<Check> {
    const res = await request(backend!.server)
      .get(`/api/scale-readiness/entities/component/default/${name}`)
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.result.checks.find(
      (c: Check) => c.id === 'ownership.ci-capacity',
    );
  }

  it('scores CI capacity from GitHub: below 10×, passing, and unknown when GitHub fails', async () => {
    github.faults.push({
      path: /flaky-svc\/actions\/runs$/,
      status: 500,
      times: 1000,
    });
    backend = await start(github, root);

    const cart = await ciCheck('cart');
    expect(cart).toMatchObject({ status: 'fail', headroom: 3.33 });
    expect(cart.evidence[0].source).toBe('github');
    expect(cart.evidence[0].location).toContain(
      'arc-checkout (max 20); peak 6 concurrent jobs',
    );
    expect(await ciCheck('web')).toMatchObject({
      status: 'fail',
      headroom: 3.33,
    });
    expect(await ciCheck('gateway')).toMatchObject({
      status: 'pass',
      headroom: 12,
    });
    const flaky = await ciCheck('flaky-svc');
    expect(flaky.status).toBe('unknown');
    expect(flaky.message).toContain("from 'github'");

    // cart and web share the team: its runs were listed once in the pass
    const cartRuns = github.log.filter(l =>
      l.path.startsWith('/api/v3/repos/northwind/cart/actions/runs?'),
    );
    expect(cartRuns).toHaveLength(1);
  });

  it('with ciCapacity disabled the declared value applies', async () => {
    backend = await start(github, root, false);
    const cart = await ciCheck('cart');
    expect(cart).toMatchObject({ status: 'pass', headroom: 12 });
    expect(cart.evidence[0].source).toBe('declared');
    expect(github.log.filter(l => l.path.includes('/actions/'))).toEqual([]);
  });
});
