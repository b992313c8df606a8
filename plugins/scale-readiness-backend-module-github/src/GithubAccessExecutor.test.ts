import { ConfigReader } from '@backstage/config';
import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type { AccessState } from '@scale-readiness/plugin-scale-readiness-node';
import { FakeGitHubServer } from './__testUtils__/FakeGitHubServer';
import { GithubAccessExecutor } from './GithubAccessExecutor';
import { REDIRECT_REFUSED } from './octokit';

const HOST = 'ghe.northwind.test';

describe('GithubAccessExecutor against a local GitHub', () => {
  let github: FakeGitHubServer;
  let executor: GithubAccessExecutor;
  let sleeps: number[];
  let apiBaseUrl: string;

  const make = (overrides: object = {}) =>
    GithubAccessExecutor.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: HOST, apiBaseUrl, token: github.token, ...overrides },
          ],
        },
      }),
      {
        host: HOST,
        policy: {
          baseDelayMs: 1,
          timeoutMs: 400,
          maxRetryAfterMs: 5_000,
          retries: 3,
        },
        sleep: async ms => {
          sleeps.push(ms);
        },
      },
    )!;

  beforeEach(async () => {
    github = new FakeGitHubServer();
    apiBaseUrl = await github.start();
    github.addRepo('northwind/cart', { ada: 'admin', tom: 'triage' });
    github.addMembers('northwind', 'ada', 'tom', 'bob');
    github.teams.set(
      'northwind/checkout',
      new Map([['ada', { role: 'maintainer', state: 'active' }]]),
    );
    sleeps = [];
    executor = make();
  });
  afterEach(() => github.stop());

  /** grant then revoke, returning what each step saw. */
  async function grantAndRevoke(target: GrantTarget, login: string) {
    const request = {
      grantId: 'g1',
      target,
      subject: { userEntityRef: `user:default/${login}`, githubLogin: login },
    };
    let prior: AccessState | undefined;
    const granted = await executor.grant(request, {
      recordPrior: async p => void (prior = p),
    });
    const during = github.effectiveRole('northwind/cart', login);
    const writesAfterGrant = github.writes.length;
    const revoked = await executor.revoke({
      ...request,
      prior: prior!,
      applied: granted.applied,
    });
    return { granted, revoked, prior: prior!, during, writesAfterGrant };
  }

  const push: GrantTarget = {
    kind: 'repository',
    via: 'collaborator',
    repository: 'northwind/cart',
    permission: 'push',
  };

  it('an admin granted push keeps admin after revoke (nothing is written)', async () => {
    const r = await grantAndRevoke(push, 'ada');
    expect(r.granted).toMatchObject({
      changed: false,
      applied: { wrote: false },
    });
    expect(r.prior).toMatchObject({ effective: 'admin', direct: 'admin' });
    expect(github.writes).toEqual([]);
    expect(github.effectiveRole('northwind/cart', 'ada')).toBe('admin');
    expect(github.repos.get('northwind/cart')!.direct.get('ada')).toBe('admin');
  });

  it('restores a lower direct permission with a PUT, and removes a new collaborator with a DELETE', async () => {
    const tom = await grantAndRevoke(push, 'tom');
    expect(tom.during).toBe('write');
    expect(github.repos.get('northwind/cart')!.direct.get('tom')).toBe(
      'triage',
    );
    expect(
      github.writes.map(w => [w.method, w.path, w.body?.permission]),
    ).toEqual([
      ['PUT', '/api/v3/repos/northwind/cart/collaborators/tom', 'push'],
      ['PUT', '/api/v3/repos/northwind/cart/collaborators/tom', 'triage'],
    ]);

    github.log.length = 0;
    // Bob reads through the org base permission and is no direct collaborator
    const bob = await grantAndRevoke(push, 'bob');
    expect(bob.prior).toMatchObject({ effective: 'pull', direct: null });
    expect(bob.during).toBe('write');
    expect(github.writes.map(w => w.method)).toEqual(['PUT', 'DELETE']);
    expect(github.repos.get('northwind/cart')!.direct.has('bob')).toBe(false);
    expect(github.effectiveRole('northwind/cart', 'bob')).toBe('read');
  });

  it('invites an outside collaborator and deletes the pending invitation on revoke', async () => {
    const r = await grantAndRevoke(push, 'olga');
    expect(r.granted).toMatchObject({ changed: true, pendingInvitation: true });
    expect(r.granted.applied.invitationId).toEqual(expect.any(Number));
    const repo = github.repos.get('northwind/cart')!;
    expect(repo.invitations.size).toBe(0);
    expect(github.writes.map(w => [w.method, w.path])).toEqual([
      ['PUT', '/api/v3/repos/northwind/cart/collaborators/olga'],
      [
        'DELETE',
        `/api/v3/repos/northwind/cart/invitations/${r.granted.applied.invitationId}`,
      ],
    ]);
    expect(r.revoked.drift).toBeUndefined();
  });

  it('removes an accepted invitation, and leaves access changed by hand alone', async () => {
    const request = {
      grantId: 'g2',
      target: push,
      subject: { userEntityRef: 'user:default/olga', githubLogin: 'olga' },
    };
    let prior: AccessState = {};
    const granted = await executor.grant(request, {
      recordPrior: async p => void (prior = p),
    });
    const repo = github.repos.get('northwind/cart')!;
    // olga accepts
    repo.invitations.clear();
    repo.direct.set('olga', 'write');
    expect(
      await executor.inspect({ ...request, prior, applied: granted.applied }),
    ).toMatchObject({ status: 'as-granted' });
    await executor.revoke({ ...request, prior, applied: granted.applied });
    expect(repo.direct.has('olga')).toBe(false);

    // tom is promoted to admin by hand while the grant runs
    const tomRequest = {
      grantId: 'g3',
      target: push,
      subject: { userEntityRef: 'user:default/tom', githubLogin: 'tom' },
    };
    const tomGrant = await executor.grant(tomRequest, {
      recordPrior: async p => void (prior = p),
    });
    repo.direct.set('tom', 'admin');
    expect(
      await executor.inspect({
        ...tomRequest,
        prior,
        applied: tomGrant.applied,
      }),
    ).toMatchObject({ status: 'changed' });
    const revoked = await executor.revoke({
      ...tomRequest,
      prior,
      applied: tomGrant.applied,
    });
    expect(revoked.drift).toMatch(/changed by hand/);
    expect(repo.direct.get('tom')).toBe('admin');
  });

  it('verifies the effective permission after writing', async () => {
    github.faults.push({
      method: 'PUT',
      path: /collaborators\/bob$/,
      status: 204,
    }); // accepted but not applied
    const error = await executor
      .grant(
        {
          grantId: 'g4',
          target: push,
          subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
        },
        { recordPrior: async () => {} },
      )
      .catch(e => e);
    expect(String(error)).toMatch(
      /After the write @bob has pull on northwind\/cart, not push/,
    );
  });

  it('adds and removes GitHub team members; existing members are left alone', async () => {
    const team: GrantTarget = {
      kind: 'repository',
      via: 'team',
      team: 'northwind/checkout',
    };
    const bob = await grantAndRevoke(team, 'bob');
    expect(bob.granted).toMatchObject({ changed: true });
    expect(bob.granted.pendingInvitation).toBeUndefined();
    expect(github.teams.get('northwind/checkout')!.has('bob')).toBe(false);
    // olga is not in the organisation: adding her would invite her to it
    github.log.length = 0;
    await expect(grantAndRevoke(team, 'olga')).rejects.toThrow(
      /not a member of the northwind organisation/,
    );
    expect(github.writes).toEqual([]);
    expect(github.orgState('northwind', 'olga')).toBeNull();
    github.log.length = 0;
    const ada = await grantAndRevoke(team, 'ada');
    expect(ada.granted.changed).toBe(false);
    expect(github.writes).toEqual([]);
    expect(github.teams.get('northwind/checkout')!.get('ada')).toEqual({
      role: 'maintainer',
      state: 'active',
    });
  });

  it('opens and closes a runner group for a repository, across pages', async () => {
    github.maxPageSize = 1;
    const other = github.addRepo('northwind/search');
    github.addRunnerGroup('northwind', 'default', 'all');
    const large = github.addRunnerGroup(
      'northwind',
      'linux-large',
      'selected',
      [other.id],
    );
    const target: GrantTarget = {
      kind: 'runner-group',
      runnerGroup: 'northwind/linux-large',
      repository: 'northwind/cart',
    };
    const cart = github.repos.get('northwind/cart')!;
    const r = await grantAndRevoke(target, 'ada');
    expect(r.granted).toMatchObject({
      changed: true,
      applied: { wrote: true, groupId: large.id, repositoryId: cart.id },
    });
    expect(large.repos.has(cart.id)).toBe(false);
    expect(large.repos.has(other.id)).toBe(true);
    expect(github.log.some(l => l.path.includes('page=2'))).toBe(true);

    github.log.length = 0;
    const all = await grantAndRevoke(
      { ...target, runnerGroup: 'northwind/default' },
      'ada',
    );
    expect(all.granted.changed).toBe(false);
    expect(github.writes).toEqual([]);
  });

  it('retries 5xx, secondary rate limits (Retry-After) and 429s, then succeeds', async () => {
    github.faults.push(
      { method: 'PUT', status: 502, body: { message: 'Server Error' } },
      {
        method: 'PUT',
        status: 403,
        headers: { 'retry-after': '2' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
      },
      {
        method: 'PUT',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'Too Many Requests' },
      },
    );
    const result = await executor.grant(
      {
        grantId: 'g5',
        target: push,
        subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
      },
      { recordPrior: async () => {} },
    );
    expect(result.changed).toBe(true);
    expect(github.log.filter(l => l.method === 'PUT')).toHaveLength(4);
    expect(sleeps.slice(1)).toEqual([2000, 1000]);
    expect(sleeps[0]).toBeGreaterThan(0);
  });

  it('retries a timed-out request', async () => {
    github.faults.push({ method: 'GET', path: /permission$/, delayMs: 1500 });
    const result = await executor.grant(
      {
        grantId: 'g6',
        target: push,
        subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
      },
      { recordPrior: async () => {} },
    );
    expect(result.changed).toBe(true);
    expect(sleeps.length).toBeGreaterThanOrEqual(1);
  });

  it('gives up on long Retry-After, permission errors and exhausted retries', async () => {
    const call = () =>
      executor
        .grant(
          {
            grantId: 'g7',
            target: push,
            subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
          },
          { recordPrior: async () => {} },
        )
        .catch(e => e);
    github.faults.push({
      method: 'PUT',
      status: 403,
      headers: { 'retry-after': '3600' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    expect((await call()).status).toBe(403);
    expect(sleeps).toEqual([]);
    github.faults.push({
      method: 'PUT',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    expect((await call()).status).toBe(403);
    expect(sleeps).toEqual([]);
    github.faults.push({ method: 'PUT', status: 503, times: 4 });
    expect((await call()).status).toBe(503);
    expect(sleeps).toHaveLength(3);
  });

  it('follows redirects on the API host only', async () => {
    github.redirects.set(
      '/api/v3/repos/northwind/old-cart/',
      `${apiBaseUrl}/repos/northwind/cart/`,
    );
    const renamed: GrantTarget = {
      ...push,
      repository: 'northwind/old-cart',
    } as GrantTarget;
    await expect(
      executor.grant(
        {
          grantId: 'g8',
          target: renamed,
          subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
        },
        { recordPrior: async () => {} },
      ),
    ).resolves.toMatchObject({ changed: true });

    const evil = new FakeGitHubServer(github.token);
    const evilBase = await evil.start();
    try {
      github.redirects.set(
        '/api/v3/repos/northwind/moved/',
        `${evilBase}/repos/northwind/cart/`,
      );
      const moved: GrantTarget = {
        ...push,
        repository: 'northwind/moved',
      } as GrantTarget;
      const error = await executor
        .grant(
          {
            grantId: 'g9',
            target: moved,
            subject: { userEntityRef: 'user:default/bob', githubLogin: 'bob' },
          },
          { recordPrior: async () => {} },
        )
        .catch(e => e);
      expect(String(error.message)).toContain(REDIRECT_REFUSED);
      expect(evil.log).toEqual([]); // the token never reached the other host
      expect(sleeps).toEqual([]); // and it was not retried
    } finally {
      await evil.stop();
    }
  });

  it('needs credentials and a GitHub login', async () => {
    expect(
      GithubAccessExecutor.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: HOST, apiBaseUrl }] },
        }),
        { host: HOST },
      ),
    ).toBeUndefined();
    expect(
      GithubAccessExecutor.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
    let recorded = false;
    await expect(
      executor.grant(
        {
          grantId: 'g10',
          target: push,
          subject: { userEntityRef: 'user:default/nologin' },
        },
        { recordPrior: async () => void (recorded = true) },
      ),
    ).rejects.toThrow(/no github.com\/user-login/);
    expect(recorded).toBe(false);
    const wrong = make({ token: 'ghp_wrong' });
    expect(
      (
        await wrong
          .grant(
            {
              grantId: 'g11',
              target: push,
              subject: {
                userEntityRef: 'user:default/bob',
                githubLogin: 'bob',
              },
            },
            { recordPrior: async () => {} },
          )
          .catch(e => e)
      ).status,
    ).toBe(401);
    expect(sleeps).toEqual([]);
  });
});
