/**
 * @jest-environment node
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleReadinessClient } from './ScaleReadinessClient';

interface Seen {
  method?: string;
  url?: string;
  body: string;
}

describe('ScaleReadinessClient: reviews and waivers', () => {
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
        seen.push({ method: req.method, url: req.url, body });
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

  it('builds the review paths with encoded team refs', async () => {
    await client.listReviews({ offset: 20, limit: 10 });
    await client.startReview({ title: 'Q4' });
    await client.getReview('r 1');
    await client.getReviewTeam('r1', 'payments');
    await client.signOffReview('r1', 'group:eu/payments', { comment: 'ok' });
    expect(seen.map(s => [s.method, s.url, s.body])).toEqual([
      ['GET', '/api/scale-readiness/reviews?offset=20&limit=10', ''],
      ['POST', '/api/scale-readiness/reviews', '{"title":"Q4"}'],
      ['GET', '/api/scale-readiness/reviews/r%201', ''],
      [
        'GET',
        '/api/scale-readiness/reviews/r1/teams/group/default/payments',
        '',
      ],
      [
        'POST',
        '/api/scale-readiness/reviews/r1/teams/group/eu/payments/sign-offs',
        '{"comment":"ok"}',
      ],
    ]);
  });

  it('downloads an export with the file name from Content-Disposition', async () => {
    reply = () => ({
      status: 200,
      body: 'a,b\r\n1,2\r\n',
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition':
          'attachment; filename="readiness-review-2026-12-31-payments.csv"',
      },
    });
    const file = await client.exportReview(
      'r1',
      'csv',
      'group:default/payments',
    );
    expect(seen[0].url).toBe(
      '/api/scale-readiness/reviews/r1/teams/group/default/payments/export?format=csv',
    );
    expect(file).toEqual({
      filename: 'readiness-review-2026-12-31-payments.csv',
      contentType: 'text/csv; charset=utf-8',
      content: 'a,b\r\n1,2\r\n',
    });
  });

  it('calls the waiver routes and surfaces refusals', async () => {
    await client.listWaivers({
      entityRef: 'component:default/checkout',
      status: 'active',
    });
    await client.createWaiver({
      entityRef: 'component:default/checkout',
      checkId: 'docs.runbook',
      reason: 'wiki',
    });
    await client.revokeWaiver('w1');
    expect(seen.map(s => [s.method, s.url])).toEqual([
      [
        'GET',
        '/api/scale-readiness/waivers?entityRef=component%3Adefault%2Fcheckout&status=active',
      ],
      ['POST', '/api/scale-readiness/waivers'],
      ['DELETE', '/api/scale-readiness/waivers/w1'],
    ]);
    reply = () => ({
      status: 403,
      body: JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Only a champion may approve',
        },
        response: { statusCode: 403 },
      }),
    });
    await expect(
      client.createWaiver({ entityRef: 'x', checkId: 'y', reason: 'zzz' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 403 },
    });
  });
});
