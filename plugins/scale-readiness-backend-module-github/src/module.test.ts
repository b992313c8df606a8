/**
 * The GitHub module in a real backend with the Scale Readiness plugin, the
 * real Octokit and a local GitHub: a champion grants and revokes over HTTP,
 * and expiry under injected 5xx / 429 / timeouts ends every grant expired or
 * revoke-failed, none active.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaleReadinessPlugin from '@scale-readiness/plugin-scale-readiness-backend';
import request from 'supertest';
import { FakeGitHubServer } from './__testUtils__/FakeGitHubServer';
import { scaleReadinessModuleGithub } from './module';

jest.setTimeout(120_000);

const HOST = 'ghe.northwind.test';
const API = '/api/scale-readiness';
const ALICE = mockCredentials.user.header('user:default/alice');
const MEMBERS = ['alice', 'ada', 'tom', 'bob', 'olga', 'yan', 'zoe'];

function entities(): Entity[] {
  const user = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'github.com/user-login': name },
    },
    spec: { memberOf: ['checkout-team'] },
  });
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'checkout-team',
        namespace: 'default',
        annotations: {
          'scale-readiness.io/champions': 'alice',
          'github.com/team-slug': 'northwind/checkout',
          'scale-readiness.io/runner-groups': 'northwind/linux-large',
        },
      },
      spec: { type: 'team', children: [] },
      relations: MEMBERS.map(m => ({
        type: 'hasMember',
        targetRef: `user:default/${m}`,
      })),
    },
    ...MEMBERS.map(user),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'cart',
        namespace: 'default',
        annotations: { 'github.com/project-slug': 'northwind/cart' },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'checkout-team',
      },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
      ],
    },
  ];
}

describe('scale-readiness GitHub module', () => {
  let github: FakeGitHubServer;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let sweep: () => Promise<void>;

  beforeAll(async () => {
    github = new FakeGitHubServer();
    const apiBaseUrl = await github.start();
    github.addRepo('northwind/cart', { ada: 'admin', tom: 'triage' });
    github.addMembers('northwind', 'alice', 'ada', 'tom', 'bob', 'yan', 'zoe');
    github.teams.set('northwind/checkout', new Map());
    github.addRunnerGroup('northwind', 'linux-large');
    const scheduler = mockServices.scheduler.mock();
    backend = await startTestBackend({
      features: [
        scaleReadinessPlugin,
        scaleReadinessModuleGithub,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: HOST, apiBaseUrl, token: github.token }],
            },
            scaleReadiness: {
              github: {
                host: HOST,
                retries: 1,
                timeoutMs: 300,
                maxRetryAfterSeconds: 1,
              },
              grants: {
                retry: {
                  maxAttempts: 3,
                  initialDelaySeconds: 0.001,
                  maxDelaySeconds: 0.001,
                },
              },
            },
          },
        }),
        mockServices.rootLogger.factory({ level: 'error' }),
        scheduler.factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: entities() }),
        }),
      ],
    });
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'scale-readiness-grant-sweep',
    )![0];
    sweep = () => task.fn(new AbortController().signal) as Promise<void>;
  });
  afterAll(async () => {
    await backend?.stop();
    await github?.stop();
  });

  const post = (path: string, body: object) =>
    request(backend.server)
      .post(`${API}${path}`)
      .set('authorization', ALICE)
      .send(body);
  const grantPush = (login: string, durationHours = 8) =>
    post('/grants', {
      team: 'group:default/checkout-team',
      grantee: `user:default/${login}`,
      target: {
        kind: 'repository',
        via: 'collaborator',
        repository: 'northwind/cart',
        permission: 'push',
      },
      durationHours,
      justification: `Access for ${login} during the incident`,
    });

  it('a champion grants and revokes on GitHub; an admin granted push keeps admin', async () => {
    const view = await request(backend.server)
      .get(`${API}/champions/default/checkout-team`)
      .set('authorization', ALICE);
    expect(view.body.executor).toEqual({
      id: 'github',
      dryRun: false,
      label: `GitHub (${HOST})`,
    });

    const bob = await grantPush('bob');
    expect(bob.status).toBe(201);
    expect(bob.body.grant).toMatchObject({
      state: 'active',
      executor: 'github',
      dryRun: false,
    });
    expect(github.effectiveRole('northwind/cart', 'bob')).toBe('write');
    const revoked = await post(`/grants/${bob.body.grant.id}/revoke`, {});
    expect(revoked.body.grant.state).toBe('revoked');
    expect(github.repos.get('northwind/cart')!.direct.has('bob')).toBe(false);

    const ada = await grantPush('ada');
    expect(ada.body.grant.summary).toMatch(/already has admin/);
    await post(`/grants/${ada.body.grant.id}/revoke`, {});
    expect(github.repos.get('northwind/cart')!.direct.get('ada')).toBe('admin');
  });

  it('a write that lands but cannot be verified, or whose answer is lost, is rolled back on GitHub', async () => {
    for (const step of ['verification', 'after-write'] as const) {
      // the PUT really gives bob write; then the verifying reads (or the
      // PUT's own answers) fail with 502 for every retry
      github.injectStep(step, 2);
      const res = await grantPush('bob');
      expect(res.status).toBe(201);
      expect(res.body.grant).toMatchObject({
        state: 'failed',
        revokeReason: 'rollback',
      });
      expect(github.faults).toEqual([]);
      expect(github.repos.get('northwind/cart')!.direct.has('bob')).toBe(false);
      expect(github.effectiveRole('northwind/cart', 'bob')).toBe('read');
      const audit = await request(backend.server)
        .get(`${API}/grants/${res.body.grant.id}/audit`)
        .set('authorization', ALICE);
      expect(
        audit.body.items.map((a: { action: string }) => a.action).reverse(),
      ).toEqual([
        'created',
        'prior-recorded',
        'rollback-requested',
        'rolled-back',
      ]);
    }
  });

  it('10 parallel identical requests make one GitHub write', async () => {
    github.log.length = 0;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => grantPush('yan')),
    );
    expect(responses.filter(r => r.status === 201)).toHaveLength(1);
    expect(responses.filter(r => r.status === 200)).toHaveLength(9);
    expect(github.writes).toEqual([
      {
        method: 'PUT',
        path: '/api/v3/repos/northwind/cart/collaborators/yan',
        body: { permission: 'push' },
      },
    ]);
    await post(`/grants/${responses[0].body.grant.id}/revoke`, {});
  });

  it('expiry with injected 5xx, 429 and timeouts ends revoked or revoke-failed, none active', async () => {
    const ids: string[] = [];
    for (const login of ['tom', 'zoe', 'olga']) {
      const res = await grantPush(login, 0.0003); // about 1 s
      expect(res.body.grant.state).toBe('active');
      ids.push(res.body.grant.id);
    }
    await new Promise(r => setTimeout(r, 1200));
    // every write fails for a while: 5xx, 429 with Retry-After, timeouts
    // (a timed-out DELETE still takes effect on the server, as it can on GitHub)
    github.faults.push(
      { method: 'DELETE', path: /invitations/, status: 503, times: 100 },
      { method: 'PUT', status: 502, times: 3 },
      {
        method: 'DELETE',
        status: 429,
        headers: { 'retry-after': '0' },
        times: 3,
      },
      { method: 'DELETE', delayMs: 800, times: 2 },
    );
    for (let i = 0; i < 8; i++) await sweep();
    const states: string[] = [];
    for (const id of ids) {
      const res = await request(backend.server)
        .get(`${API}/grants/${id}`)
        .set('authorization', ALICE);
      states.push(res.body.grant.state);
    }
    expect(states).not.toContain('active');
    expect(states.every(s => s === 'expired' || s === 'revoke-failed')).toBe(
      true,
    );
    // olga's invitation can never be deleted: she is revoke-failed, the others expired
    expect(states).toEqual(['expired', 'expired', 'revoke-failed']);
    expect(github.repos.get('northwind/cart')!.direct.get('tom')).toBe(
      'triage',
    );
    expect(github.repos.get('northwind/cart')!.direct.has('zoe')).toBe(false);

    // GitHub recovers: the next sweep finishes the revoke
    github.faults.length = 0;
    await sweep();
    const olga = await request(backend.server)
      .get(`${API}/grants/${ids[2]}`)
      .set('authorization', ALICE);
    expect(olga.body.grant.state).toBe('expired');
    expect(github.repos.get('northwind/cart')!.invitations.size).toBe(0);
  });
});
