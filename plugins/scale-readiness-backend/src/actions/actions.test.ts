/**
 * The Scale Readiness actions through the real actions registry and actions
 * service (backend-defaults), and through the real MCP server
 * (`@backstage/plugin-mcp-actions-backend`) with JSON-RPC `tools/list` and
 * `tools/call`, on SQLite and PostgreSQL. The write (`request-access`) goes
 * through the access-request service: same rows, same audit trail, same
 * refusals as the API.
 */
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  actionsServiceRef,
  type ActionsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { RecordingExecutor } from '../grants/__testUtils__/RecordingExecutor';
import {
  type AccessTestBackend,
  AR_REFS,
  startAccessBackend,
} from '../accessRequests/__testUtils__/startAccessBackend';
import { PASS_TASK_ID } from '../__testUtils__/startReadinessBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const MCP = '/api/mcp-actions/v1';
const CONFIG = {
  backend: { actions: { pluginSources: ['scale-readiness'] } },
  scaleReadiness: {
    grants: { permissions: ['pull', 'triage', 'push'] },
  },
};
const requestBody = (overrides: object = {}) => ({
  team: AR_REFS.checkout,
  target: {
    kind: 'repository',
    via: 'collaborator',
    repository: 'northwind/cart',
    permission: 'push',
  },
  grantee: AR_REFS.nina,
  durationHours: 8,
  justification: 'Onboarding: first week on the cart service',
  ...overrides,
});

/** A plugin that hands the test the real actions service. */
let actions!: ActionsService;
const probe = createBackendPlugin({
  pluginId: 'agent-probe',
  register(env) {
    env.registerInit({
      deps: { actionsService: actionsServiceRef },
      async init({ actionsService }) {
        actions = actionsService;
      },
    });
  },
});

/** Status and message of a failed action call (a ResponseError). */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: any) => e,
  );
  if (!error) throw new Error('The action call succeeded');
  return {
    status: error.statusCode ?? error.response?.status,
    message: String(error.body?.error?.message ?? error.message),
  };
}

/** Parses a Streamable HTTP answer: JSON, or SSE `data:` lines. */
function jsonRpcResult(res: request.Response): any {
  const text = res.text;
  const data = res.headers['content-type']?.includes('text/event-stream')
    ? text
        .split('\n')
        .filter(l => l.startsWith('data: '))
        .map(l => l.slice(6))
        .join('')
    : text;
  const message = JSON.parse(data);
  if (message.error) throw new Error(JSON.stringify(message.error));
  return message.result;
}

describe.each(databases.eachSupportedId())('actions, %p', databaseId => {
  let backend: AccessTestBackend;
  let knex: Knex;
  let rpcId = 0;
  const rpc = (auth: string, method: string, params: object = {}) =>
    request(backend.server)
      .post(MCP)
      .set('authorization', auth)
      .set('accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: ++rpcId, method, params });

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    backend = await startAccessBackend({
      knex,
      executor: new RecordingExecutor(),
      config: CONFIG,
      features: [
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        mcpActionsPlugin,
        probe,
      ],
    });
    await backend.runTask(PASS_TASK_ID);
  });
  afterAll(() => backend?.stop());
  beforeEach(() => {
    backend.setPolicy(() => ({ result: AuthorizeResult.ALLOW }));
  });

  it('lists the five actions through the actions service', async () => {
    const { actions: list } = await actions.list({
      credentials: mockCredentials.user(AR_REFS.nina),
    });
    const ids = list.map(a => a.id).sort();
    expect(ids).toEqual([
      'scale-readiness:get-entity-readiness',
      'scale-readiness:get-team-scorecard',
      'scale-readiness:list-weakest-links',
      'scale-readiness:request-access',
      'scale-readiness:simulate-growth',
    ]);
    const write = list.find(a => a.name === 'request-access')!;
    expect(write.attributes.readOnly).toBe(false);
    expect(write.schema.input).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['team', 'target', 'justification']),
    });
  });

  it('reads readiness, a team scorecard, weakest links and a simulation', async () => {
    const credentials = mockCredentials.user(AR_REFS.nina);
    const entity = await actions.invoke({
      id: 'scale-readiness:get-entity-readiness',
      input: { entityRef: 'cart' },
      credentials,
    });
    expect(entity.output).toMatchObject({
      entity: {
        entityRef: 'component:default/cart',
        level: expect.any(String),
        growthFactor: expect.any(Number),
      },
    });
    const team = await actions.invoke({
      id: 'scale-readiness:get-team-scorecard',
      input: { team: 'checkout-team' },
      credentials,
    });
    expect(team.output).toMatchObject({
      team: AR_REFS.checkout,
      rollup: { components: expect.any(Number) },
    });
    expect(
      (team.output as any).components.map((c: any) => c.entityRef),
    ).toContain('component:default/cart');
    const links = await actions.invoke({
      id: 'scale-readiness:list-weakest-links',
      input: { team: 'checkout-team' },
      credentials,
    });
    expect(links.output).toMatchObject({
      team: AR_REFS.checkout,
      items: expect.any(Array),
    });
    const sim = await actions.invoke({
      id: 'scale-readiness:simulate-growth',
      input: { growthFactor: 10, entityRefs: ['component:default/cart'] },
      credentials,
    });
    expect(sim.output).toMatchObject({ growthFactor: 10 });
    expect((sim.output as any).results).toHaveLength(1);
    expect((sim.output as any).survive + (sim.output as any).break).toBe(1);
  });

  it('refuses a caller whom the policy denies (read and write), writing nothing', async () => {
    backend.setPolicy(() => ({ result: AuthorizeResult.DENY }));
    const credentials = mockCredentials.user(AR_REFS.nina);
    expect(
      await failure(
        actions.invoke({
          id: 'scale-readiness:get-team-scorecard',
          input: { team: 'checkout-team' },
          credentials,
        }),
      ),
    ).toEqual({
      status: 403,
      message: 'Not allowed: scale-readiness.results.read',
    });
    expect(
      await failure(
        actions.invoke({
          id: 'scale-readiness:request-access',
          input: requestBody({ justification: 'Denied callers write nothing' }),
          credentials,
        }),
      ),
    ).toMatchObject({
      status: 403,
      message: expect.stringMatching(/^Not allowed/),
    });
    const rows = await knex('access_requests').where({
      justification: 'Denied callers write nothing',
    });
    expect(rows).toHaveLength(0);
  });

  it('request-access: a member asks for a newcomer; asking twice gives one request; non-members and services are refused', async () => {
    const credentials = mockCredentials.user(AR_REFS.bob);
    const input = requestBody();
    const [first, second] = await Promise.all([
      actions.invoke({
        id: 'scale-readiness:request-access',
        input,
        credentials,
      }),
      actions.invoke({
        id: 'scale-readiness:request-access',
        input,
        credentials,
      }),
    ]);
    const a = first.output as any;
    const b = second.output as any;
    expect(a.request.id).toBe(b.request.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.request).toMatchObject({
      team: AR_REFS.checkout,
      grantee: AR_REFS.nina,
      requestedBy: AR_REFS.bob,
      state: 'pending',
    });
    // the same rows and audit trail as the API
    const audit = await request(backend.server)
      .get(`/api/scale-readiness/access-requests/${a.request.id}/audit`)
      .set('authorization', mockCredentials.user.header(AR_REFS.alice));
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['created']);
    // a champion is told
    expect(
      backend.notifications.some(n =>
        JSON.stringify(n.recipients).includes(AR_REFS.alice),
      ),
    ).toBe(true);

    expect(
      await failure(
        actions.invoke({
          id: 'scale-readiness:request-access',
          input: requestBody({ grantee: undefined }),
          credentials: mockCredentials.user(AR_REFS.mallory),
        }),
      ),
    ).toEqual({
      status: 403,
      message: `Only members of ${AR_REFS.checkout} may request access in its scope`,
    });
    expect(
      await failure(
        actions.invoke({
          id: 'scale-readiness:request-access',
          input: requestBody(),
          credentials: mockCredentials.service('plugin:catalog'),
        }),
      ),
    ).toEqual({
      status: 403,
      message: 'Access can only be requested by a user',
    });
  });

  it('serves the actions as MCP tools: tools/list and tools/call', async () => {
    const nina = mockCredentials.user.header(AR_REFS.nina);
    const listed = await rpc(nina, 'tools/list');
    expect(listed.status).toBe(200);
    const tools = jsonRpcResult(listed).tools as any[];
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    const names = Object.keys(byName).sort();
    expect(names).toHaveLength(5);
    const scorecard = names.find(n => n.endsWith('get-team-scorecard'))!;
    const requestAccess = names.find(n => n.endsWith('request-access'))!;
    expect(byName[scorecard].annotations).toMatchObject({ readOnlyHint: true });
    expect(byName[requestAccess].annotations).toMatchObject({
      readOnlyHint: false,
    });

    const called = jsonRpcResult(
      await rpc(nina, 'tools/call', {
        name: scorecard,
        arguments: { team: 'group:default/checkout-team' },
      }),
    );
    expect(called.isError).toBeFalsy();
    expect(JSON.stringify(called.content)).toContain('component:default/cart');

    const asked = jsonRpcResult(
      await rpc(nina, 'tools/call', {
        name: requestAccess,
        arguments: requestBody({
          grantee: undefined,
          target: {
            kind: 'runner-group',
            runnerGroup: 'northwind/linux-large',
            repository: 'northwind/cart',
          },
          justification: 'Asked through the MCP server by Nina',
        }),
      }),
    );
    expect(asked.isError ? asked.content : 'ok').toBe('ok');
    expect(asked.structuredContent).toMatchObject({
      created: true,
      request: { requestedBy: AR_REFS.nina, state: 'pending' },
    });
    const rows = await knex('access_requests').where({
      justification: 'Asked through the MCP server by Nina',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      requested_by: AR_REFS.nina,
      state: 'pending',
    });
  });

  it('MCP: a caller without permission gets a tool error and writes nothing', async () => {
    backend.setPolicy(() => ({ result: AuthorizeResult.DENY }));
    const nina = mockCredentials.user.header(AR_REFS.nina);
    const tools = jsonRpcResult(await rpc(nina, 'tools/list')).tools as any[];
    const name = (suffix: string) =>
      tools.find(t => t.name.endsWith(suffix)).name;
    const read = jsonRpcResult(
      await rpc(nina, 'tools/call', {
        name: name('get-team-scorecard'),
        arguments: { team: 'checkout-team' },
      }),
    );
    expect(read.isError).toBe(true);
    expect(JSON.stringify(read.content)).toMatch(/Not allowed/);
    const write = jsonRpcResult(
      await rpc(nina, 'tools/call', {
        name: name('request-access'),
        arguments: requestBody({
          grantee: undefined,
          justification: 'Denied through the MCP server',
        }),
      }),
    );
    expect(write.isError).toBe(true);
    expect(
      await knex('access_requests').where({
        justification: 'Denied through the MCP server',
      }),
    ).toHaveLength(0);
  });

  it('MCP: a caller with an invalid token is refused', async () => {
    const res = await request(backend.server)
      .post(MCP)
      .set('authorization', mockCredentials.user.invalidHeader())
      .set('accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    expect(res.status).toBe(401);
  });
});
