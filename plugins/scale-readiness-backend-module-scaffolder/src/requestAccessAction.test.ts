/**
 * The template action with the scaffolder's test utilities
 * (createMockActionContext) against a local HTTP server that answers like the
 * Scale Readiness backend's actions endpoint
 * (`POST /.backstage/actions/v1/actions/:id/invoke`, Backstage error bodies).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestAccessAction } from './requestAccessAction';

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  body: any;
}

const NEWCOMER = 'user:default/nina';
const RUNNER = 'user:default/bob';
const INPUT = {
  team: 'group:default/checkout-team',
  grantee: NEWCOMER,
  target: {
    kind: 'repository' as const,
    via: 'collaborator' as const,
    repository: 'northwind/cart',
    permission: 'push',
  },
  durationHours: 72,
  justification: 'Onboarding week on the cart service',
};

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

describe('scale-readiness:request-access', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  /** What the fake backend answers next. */
  let answer: { status: number; body: object } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      received.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: await readBody(req),
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/scale-readiness`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    received.length = 0;
  });

  const action = () =>
    createRequestAccessAction({
      discovery: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('scale-readiness');
          return baseUrl;
        },
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });

  it('invokes the backend action on behalf of the user who ran the template', async () => {
    answer = {
      status: 200,
      body: {
        output: {
          created: true,
          request: { id: 'req-1', state: 'pending', team: INPUT.team },
        },
      },
    };
    const ctx = {
      ...createMockActionContext({ input: INPUT }),
      getInitiatorCredentials: async () => mockCredentials.user(RUNNER),
    };
    await action().handler(ctx as any);

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/api/scale-readiness/.backstage/actions/v1/actions/scale-readiness%3Arequest-access/invoke',
      body: INPUT,
    });
    // a plugin token for scale-readiness carrying the user
    expect(received[0].authorization).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.user(RUNNER),
        targetPluginId: 'scale-readiness',
      })}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'req-1');
    expect(ctx.output).toHaveBeenCalledWith('state', 'pending');
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it("fails the step with the backend's reason when the request is refused", async () => {
    answer = {
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Only members of group:default/checkout-team may request access in its scope',
        },
        request: { method: 'POST', url: '/' },
        response: { statusCode: 403 },
      },
    };
    const ctx = createMockActionContext({ input: INPUT });
    await expect(action().handler(ctx as any)).rejects.toThrow(
      /Only members of group:default\/checkout-team/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('a dry run calls nothing', async () => {
    const ctx = {
      ...createMockActionContext({ input: INPUT }),
      isDryRun: true,
    };
    await action().handler(ctx as any);
    expect(received).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'dry-run');
  });
});
