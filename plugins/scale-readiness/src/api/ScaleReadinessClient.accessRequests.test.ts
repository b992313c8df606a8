/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleReadinessClient } from './ScaleReadinessClient';

describe('ScaleReadinessClient access requests against a real HTTP server', () => {
  let server: Server;
  let client: ScaleReadinessClient;
  const seen: Array<{ method?: string; url?: string; body: string }> = [];
  let replies: Array<{ status: number; body: unknown }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body });
        const reply = replies.shift() ?? { status: 500, body: {} };
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/scale-readiness`;
    client = new ScaleReadinessClient({
      discoveryApi: { getBaseUrl: async () => base },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    seen.length = 0;
    replies = [];
  });

  it('calls every access-request route with encoded paths, query and bodies', async () => {
    const request = {
      team: 'group:default/a b',
      target: {
        kind: 'repository' as const,
        via: 'collaborator' as const,
        repository: 'org/a',
        permission: 'push' as const,
      },
      durationHours: 8,
      justification: 'First week on the team',
    };
    replies = [
      { status: 200, body: { items: [{ id: 'r0' }], caller: {} } },
      { status: 201, body: { request: { id: 'r1', state: 'pending' } } },
      { status: 200, body: { request: { id: 'r1', state: 'pending' } } },
      { status: 200, body: { request: { id: 'r/1' } } },
      { status: 200, body: { items: [{ id: 1, action: 'created' }] } },
      { status: 200, body: { request: { id: 'r1', state: 'approved' } } },
      { status: 200, body: { request: { id: 'r2', state: 'denied' } } },
      { status: 200, body: { request: { id: 'r3', state: 'cancelled' } } },
      { status: 200, body: { items: [] } },
    ];
    expect(
      await client.listAccessRequests('a b', {
        states: ['pending', 'approved'],
        limit: 20,
      }),
    ).toEqual({ items: [{ id: 'r0' }], caller: {} });
    expect(await client.createAccessRequest(request)).toEqual({
      created: true,
      request: { id: 'r1', state: 'pending' },
    });
    // 200: the same pending request already existed
    expect((await client.createAccessRequest(request)).created).toBe(false);
    expect(await client.getAccessRequest('r/1')).toEqual({ id: 'r/1' });
    expect(await client.getAccessRequestAuditLog('r1', 7)).toEqual([
      { id: 1, action: 'created' },
    ]);
    expect((await client.approveAccessRequest('r1')).state).toBe('approved');
    expect(
      (await client.denyAccessRequest('r2', '  not in scope  ')).state,
    ).toBe('denied');
    expect((await client.cancelAccessRequest('r3', 'no longer')).state).toBe(
      'cancelled',
    );
    expect(await client.getTimeToAccessOverview()).toEqual({ items: [] });

    expect(seen.map(s => [s.method, s.url])).toEqual([
      [
        'GET',
        '/api/scale-readiness/access-requests?team=group%3Adefault%2Fa+b&state=pending&state=approved&limit=20',
      ],
      ['POST', '/api/scale-readiness/access-requests'],
      ['POST', '/api/scale-readiness/access-requests'],
      ['GET', '/api/scale-readiness/access-requests/r%2F1'],
      ['GET', '/api/scale-readiness/access-requests/r1/audit?limit=7'],
      ['POST', '/api/scale-readiness/access-requests/r1/approve'],
      ['POST', '/api/scale-readiness/access-requests/r2/deny'],
      ['POST', '/api/scale-readiness/access-requests/r3/cancel'],
      ['GET', '/api/scale-readiness/access-requests/time-to-access'],
    ]);
    expect(JSON.parse(seen[1].body)).toEqual(request);
    expect(JSON.parse(seen[5].body)).toEqual({});
    expect(JSON.parse(seen[6].body)).toEqual({ comment: 'not in scope' });
    expect(JSON.parse(seen[7].body)).toEqual({ comment: 'no longer' });
  });

  it('throws ResponseError with the backend message on a refused decision', async () => {
    replies = [
      {
        status: 403,
        body: {
          error: {
            name: 'NotAllowedError',
            message:
              'Self-approval is turned off: another champion of the team must approve it',
          },
          request: { method: 'POST', url: '/x' },
          response: { statusCode: 403 },
        },
      },
      {
        status: 409,
        body: {
          error: { name: 'ConflictError', message: 'Request r1 is denied' },
          request: { method: 'POST', url: '/x' },
          response: { statusCode: 409 },
        },
      },
    ];
    const refused = await client.approveAccessRequest('r1').catch(e => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect(refused.message).toMatch(/Self-approval is turned off/);
    expect(refused.statusCode).toBe(403);
    const conflict = await client
      .createAccessRequest({
        team: 'group:default/a',
        target: { kind: 'repository', via: 'team', team: 'org/a' },
        durationHours: 1,
        justification: 'x'.repeat(12),
      })
      .catch(e => e);
    expect(conflict).toBeInstanceOf(ResponseError);
    expect(conflict.message).toBe('Request r1 is denied');
    expect(conflict.statusCode).toBe(409);
  });
});
