/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleReadinessClient } from './ScaleReadinessClient';

const TREND = {
  scope: { kind: 'team', ref: 'group:default/payments' },
  window: 30,
  from: '2026-11-06',
  to: '2026-12-05',
  growthFactor: 3,
  points: [
    {
      day: '2026-12-05',
      score: 91,
      weakestHeadroom: 1.4,
      components: 4,
      atRisk: 1,
      demo: false,
    },
  ],
  demo: false,
};

describe('ScaleReadinessClient: trends', () => {
  let server: Server;
  let client: ScaleReadinessClient;
  let urls: (string | undefined)[];
  let reply: (req: IncomingMessage) => { status: number; body: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      urls.push(req.url);
      const out = reply(req);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(out.body);
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
    urls = [];
    reply = () => ({ status: 200, body: JSON.stringify(TREND) });
  });

  it('calls the three trend routes with the window', async () => {
    await expect(
      client.getTeamTrend('group:default/payments', 30),
    ).resolves.toEqual(TREND);
    await client.getEntityTrend('component:team a/check out', 365);
    await client.getOrgTrend();
    await client.getTeamTrend('payments');
    expect(urls).toEqual([
      '/api/scale-readiness/teams/default/payments/trend?window=30',
      '/api/scale-readiness/entities/component/team%20a/check%20out/trend?window=365',
      '/api/scale-readiness/trends/org?window=90',
      '/api/scale-readiness/teams/default/payments/trend?window=90',
    ]);
  });

  it("rejects with the server's message", async () => {
    reply = () => ({
      status: 404,
      body: JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No readiness result for component:default/x',
        },
        response: { statusCode: 404 },
      }),
    });
    await expect(
      client.getEntityTrend('component:default/x'),
    ).rejects.toMatchObject({
      message: 'No readiness result for component:default/x',
      statusCode: 404,
    });
  });
});
