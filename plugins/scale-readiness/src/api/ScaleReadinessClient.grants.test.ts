/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScaleReadinessClient } from './ScaleReadinessClient';

describe('ScaleReadinessClient champion actions against a real HTTP server', () => {
  let server: Server;
  let client: ScaleReadinessClient;
  const seen: Array<{
    method?: string;
    url?: string;
    body: string;
    key?: string;
  }> = [];
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          body,
          key: req.headers['idempotency-key'] as string | undefined,
        });
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
  });

  it('calls the champion routes with encoded paths, query and idempotency key', async () => {
    reply = { status: 200, body: { team: { entityRef: 'group:default/a b' } } };
    await client.getTeamChampions('group:default/a b');
    reply = { status: 200, body: { items: [{ id: 'g1' }] } };
    expect(await client.listGrants('a b', ['active', 'revoke-failed'])).toEqual(
      [{ id: 'g1' }],
    );
    reply = { status: 201, body: { created: true, grant: { id: 'g2' } } };
    const request = {
      team: 'group:default/a b',
      target: {
        kind: 'repository' as const,
        via: 'team' as const,
        team: 'org/a',
      },
      durationHours: 2,
      justification: 'Because of the incident',
    };
    expect(await client.createGrant(request, 'key-1234567890')).toEqual({
      created: true,
      grant: { id: 'g2' },
    });
    reply = { status: 200, body: { grant: { id: 'g/3', state: 'revoked' } } };
    expect(await client.revokeGrant('g/3', 'done')).toEqual({
      id: 'g/3',
      state: 'revoked',
    });
    reply = { status: 200, body: { items: [] } };
    await client.getGrantAuditLog('group:ns/team', 5);

    expect(seen.map(s => [s.method, s.url])).toEqual([
      ['GET', '/api/scale-readiness/champions/default/a%20b'],
      [
        'GET',
        '/api/scale-readiness/grants?team=group%3Adefault%2Fa+b&state=active&state=revoke-failed',
      ],
      ['POST', '/api/scale-readiness/grants'],
      ['POST', '/api/scale-readiness/grants/g%2F3/revoke'],
      ['GET', '/api/scale-readiness/champions/ns/team/audit?limit=5'],
    ]);
    expect(JSON.parse(seen[2].body)).toEqual(request);
    expect(seen[2].key).toBe('key-1234567890');
    expect(JSON.parse(seen[3].body)).toEqual({ reason: 'done' });
  });

  it('throws ResponseError with the backend message', async () => {
    reply = {
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'Only champions of group:default/a may do this',
        },
        request: {
          method: 'POST',
          url: '/api/scale-readiness/grants/g1/revoke',
        },
        response: { statusCode: 403 },
      },
    };
    const error = await client.revokeGrant('g1').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toMatch(/Only champions/);
  });
});
