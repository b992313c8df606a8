/**
 * The access executor contract suite (from -node's testUtils) run against the
 * real GitHub executor, the real Octokit (with its retries) and the local
 * GitHub server: every scenario of each target kind with a failure at every
 * step. After each case the live state on "GitHub" equals the prior state, or
 * the grant was active as reported (and then revoked to the prior state).
 */
import { ConfigReader } from '@backstage/config';
import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';
import {
  type AccessExecutorContractSubject,
  type AccessExecutorOutcome,
  type AccessExecutorScenario,
  accessExecutorContractCases,
} from '@scale-readiness/plugin-scale-readiness-node/testUtils';
import { FakeGitHubServer } from './__testUtils__/FakeGitHubServer';
import { GithubAccessExecutor } from './GithubAccessExecutor';

const HOST = 'ghe.northwind.test';
const RETRIES = 1;

const github = new FakeGitHubServer();
let executor: GithubAccessExecutor;

/** The starting state of the organisation, rebuilt before every case. */
function populate() {
  github.repos.clear();
  github.orgMembers.clear();
  github.orgInvitations.clear();
  github.teams.clear();
  github.teamRepos.clear();
  github.teamParents.clear();
  github.runnerGroups.clear();
  github.faults.length = 0;
  const cart = github.addRepo('northwind/cart', {
    ada: 'admin',
    tom: 'triage',
  });
  cart.invitations.set(github.nextId(), { login: 'pia', role: 'read' });
  github.addRepo('northwind/search');
  github.addMembers('northwind', 'ada', 'tom', 'bob');
  github.teams.set(
    'northwind/checkout',
    new Map([['ada', { role: 'maintainer', state: 'active' }]]),
  );
  github.teamRepos.set(
    'northwind/checkout',
    new Map([['northwind/cart', 'write']]),
  );
  // membership of platform-core inherits platform's admin on search
  github.teams.set('northwind/platform', new Map());
  github.teamRepos.set(
    'northwind/platform',
    new Map([['northwind/search', 'admin']]),
  );
  github.teams.set('northwind/platform-core', new Map());
  github.teamParents.set('northwind/platform-core', 'platform');
  github.addRunnerGroup('northwind', 'linux-large', 'selected');
  github.addRunnerGroup('northwind', 'default', 'all');
}

function scenario(
  name: string,
  target: GrantTarget,
  login: string,
  writes: boolean,
): AccessExecutorScenario {
  return {
    name,
    writes,
    request: {
      grantId: `contract-${login}`,
      target,
      subject: { userEntityRef: `user:default/${login}`, githubLogin: login },
      ceiling: 'maintain',
    },
  };
}

const push = (repository = 'northwind/cart'): GrantTarget => ({
  kind: 'repository',
  via: 'collaborator',
  repository,
  permission: 'push',
});
const team = (slug: string): GrantTarget => ({
  kind: 'repository',
  via: 'team',
  team: `northwind/${slug}`,
});
const runners = (group: string): GrantTarget => ({
  kind: 'runner-group',
  runnerGroup: `northwind/${group}`,
  repository: 'northwind/cart',
});

function loginOf(s: AccessExecutorScenario) {
  return s.request.subject.githubLogin!;
}

const common = {
  async setup() {
    populate();
  },
  injectFault(step: 'before-write' | 'after-write' | 'verification') {
    github.injectStep(step, RETRIES + 1);
  },
  clearFaults() {
    github.faults.length = 0;
  },
};

const subjects: AccessExecutorContractSubject[] = [
  {
    name: 'collaborator',
    get executor() {
      return executor;
    },
    scenarios: [
      scenario('org member without direct access', push(), 'bob', true),
      scenario('outside collaborator (invitation)', push(), 'olga', true),
      scenario('pending invitation before the grant', push(), 'pia', true),
      scenario('direct triage raised to push', push(), 'tom', true),
      scenario('admin keeps admin', push(), 'ada', false),
    ],
    async snapshot(s) {
      const login = loginOf(s);
      const repo = github.repos.get('northwind/cart')!;
      return {
        direct: repo.direct.get(login) ?? null,
        invitations: [...repo.invitations]
          .filter(([, inv]) => inv.login === login)
          .map(([id, inv]) => [id, inv.role]),
        effective: github.effectiveRole('northwind/cart', login),
      };
    },
    ...common,
  },
  {
    name: 'team membership',
    get executor() {
      return executor;
    },
    scenarios: [
      scenario('org member joins the team', team('checkout'), 'bob', true),
      scenario('maintainer stays maintainer', team('checkout'), 'ada', false),
      scenario('not an org member (refused)', team('checkout'), 'olga', false),
      scenario(
        'parent team gives admin, above the ceiling (refused)',
        team('platform-core'),
        'tom',
        false,
      ),
    ],
    async snapshot(s) {
      const login = loginOf(s);
      const slug = (s.request.target as { team: string }).team;
      return {
        membership: github.teams.get(slug)!.get(login) ?? null,
        org: github.orgState('northwind', login),
      };
    },
    ...common,
  },
  {
    name: 'runner group',
    get executor() {
      return executor;
    },
    scenarios: [
      scenario(
        'repository added to a selected group',
        runners('linux-large'),
        'ada',
        true,
      ),
      scenario(
        'group open to all repositories',
        runners('default'),
        'ada',
        false,
      ),
    ],
    async snapshot(s) {
      const name = (
        s.request.target as { runnerGroup: string }
      ).runnerGroup.split('/')[1];
      const group = github.runnerGroups
        .get('northwind')!
        .find(g => g.name === name)!;
      return { repos: [...group.repos].sort(), visibility: group.visibility };
    },
    ...common,
  },
];

const outcomes: Record<string, Record<AccessExecutorOutcome, number>> = {};

describe('GitHub executors pass the access executor contract', () => {
  beforeAll(async () => {
    const apiBaseUrl = await github.start();
    executor = GithubAccessExecutor.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: HOST, apiBaseUrl, token: github.token }],
        },
      }),
      {
        host: HOST,
        policy: { retries: RETRIES, baseDelayMs: 1, timeoutMs: 2000 },
        sleep: async () => {},
      },
    )!;
  });
  afterAll(async () => {
    await github.stop();
    // executors × scenarios × faults → outcomes, for the report
    // eslint-disable-next-line no-console
    console.log(`Contract outcomes: ${JSON.stringify(outcomes, null, 1)}`);
  });

  for (const subject of subjects) {
    const cases = accessExecutorContractCases(subject);
    it.each(cases.map(c => [c.name, c] as const))('%s', async (_, c) => {
      const outcome = await c.run();
      const counts = (outcomes[subject.name] ??= {
        active: 0,
        unchanged: 0,
        'rolled-back': 0,
        refused: 0,
      });
      counts[outcome]++;
      let expected: unknown = expect.any(String);
      if (c.scenario.name.endsWith('(refused)')) expected = 'refused';
      else if (c.fault === 'none') {
        expected = c.scenario.writes ? 'active' : 'unchanged';
      }
      expect(outcome).toEqual(expected);
    });
  }
});
