/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleReadinessClient } from './ScaleReadinessClient';

interface Seen {
  method?: string;
  url?: string;
  contentType?: string;
  body: string;
}

const PLAN = {
  id: 'p 1',
  title: 'Retail partner launch',
  date: '2026-12-19',
  growthFactor: 3,
  status: 'open',
  verdict: 'no-go',
  openItems: 4,
  teams: 2,
  createdBy: 'user:default/henry',
  createdAt: '2026-12-05T10:00:00.000Z',
  entryPoints: ['component:default/checkout'],
  factors: {},
};

describe('ScaleReadinessClient: launch plans', () => {
  let server: Server;
  let client: ScaleReadinessClient;
  let seen: Seen[];
  let reply: (req: IncomingMessage) => {
    status: number;
    body: string;
    headers?: Record<string, string>;
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', c => {
        body += c;
      });
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          contentType: req.headers['content-type'],
          body,
        });
        const out = reply(req);
        res.writeHead(out.status, {
          'content-type': 'application/json',
          ...out.headers,
        });
        res.end(out.body);
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/scale-readiness`;
    client = new ScaleReadinessClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
  });

  afterAll(() => new Promise(r => server.close(r)));

  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: '{}' });
  });

  it('lists plans and unwraps the list', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ plans: [PLAN] }) });
    await expect(client.listPlans()).resolves.toEqual([PLAN]);
    expect(seen).toEqual([
      {
        method: 'GET',
        url: '/api/scale-readiness/plans',
        contentType: undefined,
        body: '',
      },
    ]);
  });

  it('creates a plan with a JSON body and resolves to the stored plan (201)', async () => {
    reply = () => ({ status: 201, body: JSON.stringify({ plan: PLAN }) });
    const request = {
      title: 'Retail partner launch',
      occasion: 'Partner',
      date: '2026-12-19',
      growthFactor: 3,
      entryPoints: ['component:default/checkout', 'api:default/search'],
      factors: { 'api:default/search': 5 },
    };
    await expect(client.createPlan(request)).resolves.toEqual(PLAN);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/api/scale-readiness/plans');
    expect(seen[0].contentType).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual(request);
  });

  it('builds the plan paths with encoded ids and bodies', async () => {
    reply = req => {
      if (req.url?.endsWith('/assign')) {
        return { status: 200, body: JSON.stringify({ item: { id: 'i/2' } }) };
      }
      if (req.url?.endsWith('/sign-offs')) {
        return {
          status: 201,
          body: JSON.stringify({
            signOff: { team: 'group:default/a' },
            plan: PLAN,
          }),
        };
      }
      return { status: 200, body: JSON.stringify({ plan: PLAN }) };
    };
    await client.getPlan('p 1');
    await expect(
      client.updatePlan('p 1', { growthFactor: 4 }),
    ).resolves.toEqual(PLAN);
    await expect(client.archivePlan('p 1')).resolves.toEqual(PLAN);
    await expect(
      client.assignPlanItem('p 1', 'i/2', 'user:default/alice'),
    ).resolves.toEqual({ id: 'i/2' });
    await client.assignPlanItem('p 1', 'i/2', null);
    await expect(
      client.signOffPlan('p 1', { team: 'group:default/a', comment: 'ok' }),
    ).resolves.toEqual({ signOff: { team: 'group:default/a' }, plan: PLAN });
    expect(seen.map(s => [s.method, s.url, s.body])).toEqual([
      ['GET', '/api/scale-readiness/plans/p%201', ''],
      ['PATCH', '/api/scale-readiness/plans/p%201', '{"growthFactor":4}'],
      ['POST', '/api/scale-readiness/plans/p%201/archive', ''],
      [
        'POST',
        '/api/scale-readiness/plans/p%201/items/i%2F2/assign',
        '{"assignee":"user:default/alice"}',
      ],
      [
        'POST',
        '/api/scale-readiness/plans/p%201/items/i%2F2/assign',
        '{"assignee":null}',
      ],
      [
        'POST',
        '/api/scale-readiness/plans/p%201/sign-offs',
        '{"team":"group:default/a","comment":"ok"}',
      ],
    ]);
  });

  it('downloads an export with the name from Content-Disposition, or a fallback', async () => {
    reply = () => ({
      status: 200,
      body: '# Retail partner launch\n',
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': 'attachment; filename="launch-plan-retail.md"',
      },
    });
    await expect(client.exportPlan('p1', 'markdown')).resolves.toEqual({
      filename: 'launch-plan-retail.md',
      contentType: 'text/markdown; charset=utf-8',
      content: '# Retail partner launch\n',
    });
    expect(seen[0].url).toBe(
      '/api/scale-readiness/plans/p1/export?format=markdown',
    );
    reply = () => ({
      status: 200,
      body: 'a,b\r\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect((await client.exportPlan('p1', 'csv')).filename).toBe(
      'launch-plan-p1.csv',
    );
  });

  it("surfaces the server's message on refusals and conflicts", async () => {
    const error = (status: number, name: string, message: string) => () => ({
      status,
      body: JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
    });
    reply = error(400, 'InputError', 'date must be YYYY-MM-DD');
    await expect(
      client.createPlan({
        title: 't',
        date: 'tomorrow',
        growthFactor: 3,
        entryPoints: ['component:default/a'],
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      message: 'date must be YYYY-MM-DD',
      response: { status: 400 },
    });
    reply = error(409, 'ConflictError', 'The plan is frozen');
    await expect(client.updatePlan('p1', { title: 'x' })).rejects.toMatchObject(
      { message: 'The plan is frozen' },
    );
    reply = error(
      403,
      'NotAllowedError',
      'Only champions of team a may sign off',
    );
    await expect(
      client.signOffPlan('p1', { team: 'group:default/a' }),
    ).rejects.toMatchObject({
      message: 'Only champions of team a may sign off',
      response: { status: 403 },
    });
    reply = error(404, 'NotFoundError', 'No plan p1');
    await expect(client.exportPlan('p1', 'csv')).rejects.toMatchObject({
      message: 'No plan p1',
    });
  });
});
