/**
 * The CI capacity provider with the real Octokit against the local fake
 * GitHub (runner groups, runners, workflow runs and jobs, pagination,
 * throttling, failures), the real catalog provider for the declared fallback,
 * and the engine of -common on the merged facts.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  type CheckResult,
  evaluateEntity,
  type FactContribution,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { type FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import {
  buildBaseFacts,
  CatalogFactProvider,
} from '@scale-readiness/plugin-scale-readiness-facts';
import { promises as fs } from 'node:fs';
import {
  populateGitHub,
  SCENARIO_NOW,
  scenarioEntities,
  writeScenarioManifests,
} from '../__testUtils__/ciScenario';
import type { FakeGitHubActions } from '../__testUtils__/FakeGitHubActions';
import { FakeGitHubServer } from '../__testUtils__/FakeGitHubServer';
import { OctokitFactory } from '../octokit';
import type { CiCapacitySettings } from './config';
import { GithubCiCapacityProvider } from './GithubCiCapacityProvider';
import { entityRefOf } from './teams';

const HOST = 'ghe.northwind.test';
const noReader = {} as UrlReaderService; // the scenario reads local files only

describe('GithubCiCapacityProvider against a local GitHub', () => {
  let github: FakeGitHubServer;
  let actions: FakeGitHubActions;
  let root: string;
  let entities: Entity[];
  let sleeps: number[];
  let clock: number;

  const byName = (name: string) =>
    entities.find(e => e.metadata.name === name)!;
  const ctx = (): FactProviderContext => ({
    logger: mockServices.logger.mock(),
    catalog: {
      async getEntitiesByRefs(refs) {
        return refs.map(ref => entities.find(e => entityRefOf(e) === ref));
      },
    },
    now: new Date(clock),
  });

  function provider(settings: Partial<CiCapacitySettings> = {}) {
    const apiBaseUrl = `${github.origin}/api/v3`;
    const octokits = OctokitFactory.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: HOST, apiBaseUrl, token: github.token }],
        },
      }),
      {
        host: HOST,
        policy: {
          baseDelayMs: 1,
          retries: 3,
          timeoutMs: 2_000,
          maxRetryAfterMs: 5_000,
        },
        sleep: async ms => void sleeps.push(ms),
      },
    )!;
    return new GithubCiCapacityProvider({
      octokit: owner => octokits.forOwner(owner),
      reader: noReader,
      settings: { allowedLocalRoots: [root], ...settings },
      now: () => clock,
    });
  }

  /** Collects with the GitHub and catalog providers, merges, evaluates; the CI check. */
  async function ciCheck(name: string, p = provider()) {
    const entity = byName(name);
    const ref = entityRefOf(entity);
    const live = await p.collect([entity], ctx());
    const declared = await new CatalogFactProvider().collect([entity], ctx());
    const contributions = [
      {
        providerId: 'github',
        facts: live.get(ref) ?? ({} as FactContribution),
      },
      { providerId: 'catalog', facts: declared.get(ref)! },
    ];
    const facts = mergeFacts(buildBaseFacts(entity), contributions);
    const result = evaluateEntity(facts, undefined, { now: new Date(clock) });
    const check = result.checks.find(
      c => c.id === 'ownership.ci-capacity',
    ) as CheckResult;
    return { check, facts, live: live.get(ref)?.ciCapacity };
  }

  beforeEach(async () => {
    github = new FakeGitHubServer();
    await github.start();
    actions = populateGitHub(github);
    root = await writeScenarioManifests();
    entities = scenarioEntities(root);
    sleeps = [];
    clock = SCENARIO_NOW;
  });
  afterEach(async () => {
    await github.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('20 runners for a peak of 6 concurrent jobs is below 10× and shows the numbers; the live answer beats the declared one', async () => {
    const { check, facts, live } = await ciCheck('cart');
    expect(facts.ciCapacity?.source).toBe('github');
    expect(live?.value).toMatchObject({
      maxRunners: 20,
      peakConcurrentJobs: 6,
      sources: [
        {
          kind: 'runner-scale-set',
          name: 'arc-runners/arc-checkout',
          maxRunners: 20,
          minRunners: 1,
          runnerGroup: 'checkout',
        },
      ],
      peakWindow: {
        days: 14,
        since: '2026-11-11',
        repositories: ['northwind/cart', 'northwind/web'],
        runs: 4,
        jobs: 9,
        countedJobs: 8,
        peakAt: '2026-11-20T10:18:00.000Z',
        truncated: [],
      },
    });
    expect(check).toMatchObject({ status: 'fail', headroom: 3.33 });
    expect(check.message).toContain(
      '20 runners for a peak of 6 concurrent jobs',
    );
    expect(check.remediation).toContain('≥ 60');
    expect(check.evidence[0]).toMatchObject({
      source: 'github',
      observed: { maxRunners: 20, peakConcurrentJobs: 6, headroom: 3.33 },
    });
    expect(check.evidence[0].location).toContain(
      'runner scale set arc-runners/arc-checkout (max 20); peak 6 concurrent jobs at 2026-11-20T10:18:00.000Z over 14 days since 2026-11-11 in northwind/cart, northwind/web',
    );
    // runs were read with the window filter
    expect(github.log.map(l => l.path)).toContain(
      '/api/v3/repos/northwind/cart/actions/runs?created=%3E%3D2026-11-11&per_page=100',
    );
  });

  it('passes with 60 runners (runner group + scale set, scale-set runners not counted twice) for a peak of 5', async () => {
    const { check, live } = await ciCheck('gateway');
    expect(live?.value?.sources).toEqual([
      expect.objectContaining({
        kind: 'runner-scale-set',
        name: 'arc-runners/platform-arc',
        maxRunners: 48,
      }),
      expect.objectContaining({
        kind: 'runner-group',
        name: 'northwind/linux-large',
        maxRunners: 12,
        currentRunners: 14,
        note: '2 scale-set runners counted by their scale set; 2 offline',
      }),
    ]);
    expect(check).toMatchObject({ status: 'pass', headroom: 12 });
    expect(check.message).toContain(
      '60 runners for a peak of 5 concurrent jobs',
    );
  });

  it('is unknown with the error when GitHub keeps failing, after retries, without throwing', async () => {
    github.faults.push({
      path: /flaky-svc\/actions\/runs$/,
      status: 503,
      times: 1000,
    });
    const { check, live } = await ciCheck('flaky-svc');
    expect(live).toMatchObject({ status: 'error', source: 'github' });
    expect(live?.error).toMatch(/^workflow-run history: .*fault/);
    expect(check.status).toBe('unknown');
    expect(check.message).toContain("could not be collected from 'github'");
    const runRequests = github.log.filter(l =>
      l.path.includes('flaky-svc/actions/runs'),
    );
    expect(runRequests).toHaveLength(4); // first attempt + 3 retries
    expect(sleeps).toHaveLength(3);
  });

  it('follows Link pagination for runner groups, runners, runs and jobs, and bounds the runs read', async () => {
    github.maxPageSize = 2;
    for (let i = 0; i < 3; i++)
      github.addRunnerGroup('northwind', `decoy-${i}`);
    const decoysFirst = (g: { name: string }) =>
      g.name.startsWith('decoy') ? 0 : 1;
    github.runnerGroups
      .get('northwind')!
      .sort((a, b) => decoysFirst(a) - decoysFirst(b));
    // 5 newer runs of 3 overlapping jobs each (their jobs span two pages)
    for (let i = 0; i < 5; i++) {
      actions.addRun(
        'northwind/gateway',
        [0, 1, 2].map(j => ({
          start: `2026-11-25T0${i}:0${j}:00Z`,
          end: `2026-11-25T0${i}:30:00Z`,
          group: 'linux-large',
          runner: `large-${j + 1}`,
          labels: ['linux-large'],
        })),
      );
    }
    const p = provider({ maxRunsPerRepository: 3 });
    const { live, check } = await ciCheck('gateway', p);
    const paths = github.log.map(l => l.path);
    expect(paths).toContain(
      '/api/v3/orgs/northwind/actions/runner-groups?per_page=100&page=2',
    );
    expect(
      paths.filter(l => /runner-groups\/\d+\/runners/.test(l)),
    ).toHaveLength(7); // 14 runners
    expect(paths.filter(l => l.includes('gateway/actions/runs?'))).toHaveLength(
      2,
    ); // 3 runs
    expect(paths.some(l => /runs\/\d+\/jobs\?.*page=2/.test(l))).toBe(true);
    expect(live?.value).toMatchObject({
      maxRunners: 60,
      peakConcurrentJobs: 3, // the 5-job run is older than the newest 3 runs
      peakWindow: { runs: 3, countedJobs: 9, truncated: ['northwind/gateway'] },
    });
    expect(live?.location).toContain(
      'lower bound: newest 3 runs per repository, at most 20 repositories, truncated northwind/gateway',
    );
    // 60 runners for a peak of at least 3 would pass: on a truncated history
    // the peak is only a lower bound, so the check cannot pass (issue 16, item 3).
    expect(check.status).toBe('unknown');
    expect(check.message).toContain('truncated');
    expect(check.message).toContain('northwind/gateway');
  });

  it('is unknown, not pass, when GitHub cuts the run list short of its total_count (issue 16, item 3)', async () => {
    // GitHub answers at most 1,000 results of a filtered run list; the fake
    // cuts at 4 while total_count says how many exist.
    github.maxPageSize = 2;
    github.maxListResults = 4;
    for (let i = 0; i < 5; i++) {
      actions.addRun('northwind/gateway', [
        {
          start: `2026-11-25T0${i}:00:00Z`,
          end: `2026-11-25T0${i}:30:00Z`,
          group: 'linux-large',
          runner: 'large-1',
          labels: ['linux-large'],
        },
      ]);
    }
    const { live, check } = await ciCheck('gateway');
    expect(live?.value?.peakWindow?.truncated).toEqual(['northwind/gateway']);
    expect(live?.value?.peakWindow?.runs).toBeLessThan(6);
    expect(check.status).toBe('unknown');
    expect(check.message).toContain('northwind/gateway');
  });

  it('waits out a secondary rate limit (403 + Retry-After) and recovers from 5xx', async () => {
    github.faults.push(
      {
        path: /cart\/actions\/runs$/,
        status: 403,
        headers: { 'retry-after': '2' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
      },
      { path: /\/jobs$/, status: 502, times: 2 },
    );
    const { live } = await ciCheck('cart');
    expect(live?.status).toBe('ok');
    expect(live?.value?.peakConcurrentJobs).toBe(6);
    expect(sleeps).toContain(2000);
    expect(sleeps).toHaveLength(3);
  });

  it('an exhausted primary rate limit beyond the wait budget, or a missing repository, is an error naming the source (unknown, the declared value is not used)', async () => {
    github.faults.push({
      path: /runner-groups$/,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: { message: 'API rate limit exceeded' },
    });
    const limited = await ciCheck('gateway');
    expect(limited.live?.error).toMatch(
      /^runner groups: API rate limit exceeded/,
    );
    expect(sleeps).toEqual([]);

    github.repos.delete('northwind/web');
    const missing = await ciCheck('cart');
    expect(missing.live?.error).toMatch(/workflow-run history: Not Found/);
    // a failed live source is unknown with its error: the team's declared
    // value does not pass in its place (issue 16, item 3)
    expect(missing.facts.ciCapacity).toMatchObject({
      status: 'error',
      source: 'github',
    });
    expect(missing.check.status).toBe('unknown');
    expect(missing.check.message).toMatch(/workflow-run history: Not Found/);
  });

  it('collects a team once for all its components, and re-reads only unfinished runs after the cache expires', async () => {
    const p = provider();
    const first = await p.collect([byName('cart'), byName('no-ci')], ctx());
    const requests = github.log.length;
    const second = await p.collect([byName('web')], ctx());
    expect(github.log.length).toBe(requests);
    expect(second.get('component:default/web')).toEqual(
      first.get('component:default/cart'),
    );
    expect(first.has('component:default/no-ci')).toBe(false);

    clock += 11 * 60_000; // past the 10-minute cache
    github.log.length = 0;
    const third = await p.collect([byName('cart')], ctx());
    const jobReads = github.log.filter(l => l.path.includes('/jobs'));
    expect(jobReads).toHaveLength(1); // only the run still in progress
    expect(
      third.get('component:default/cart')?.ciCapacity?.value
        ?.peakConcurrentJobs,
    ).toBe(6);
  });

  it('stops a source at its timeout and reports it', async () => {
    github.faults.push({ path: /cart\/actions\/runs$/, delayMs: 1500 });
    const { live } = await ciCheck('cart', provider({ sourceTimeoutMs: 300 }));
    expect(live?.error).toBe('workflow-run history: timed out after 0.3 s');
  });
});
