/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  compactTeamScorecard,
  type ScorecardRow,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { ScaleReadinessClient } from './ScaleReadinessClient';

/** A full team scorecard of two components (one without optional fields). */
function teamScorecard(): TeamScorecardResponse {
  const row = (i: number): ScorecardRow => ({
    entityRef: `component:default/service-${i}`,
    title: `Service ${i}`,
    kind: 'component',
    type: 'service',
    system: 'system:default/shop',
    owner: 'group:default/payments',
    level: i === 0 ? 'silver' : 'not-ready',
    score: 70 - i * 30,
    ownHeadroom: 2.5,
    chainHeadroom: i === 0 ? 2.5 : 1.25,
    weakestLink: {
      entityRef: 'resource:default/orders-db',
      checkId: 'quotas.database-connections',
      headroom: 1.25,
      message: 'Connections: peak 80 of max 100 survive 1.25×',
    },
    coverage: 0.75,
    dimensions: {
      autoscaling: { score: 50, worst: 'fail' },
      quotas: { score: 80, worst: 'warn' },
      docs: { score: 100, worst: 'pass' },
      ownership: { score: null, worst: null },
    },
    failing: i === 0 ? [] : ['autoscaling.hpa-present'],
    evaluatedAt: '2026-12-05T08:56:43.123Z',
  });
  const bare = row(1);
  delete bare.title;
  delete bare.type;
  delete bare.system;
  delete bare.weakestLink;
  return {
    team: {
      entityRef: 'group:default/payments',
      title: 'Payments',
      children: [],
    },
    growthFactor: 3,
    champions: ['user:default/ada'],
    groups: ['group:default/payments'],
    rollup: {
      components: 2,
      score: 55,
      levels: { 'not-ready': 1, bronze: 0, silver: 1, gold: 0 },
      dimensions: {
        autoscaling: { score: 50, failing: 2 },
        quotas: { score: 80, failing: 0 },
        docs: { score: 100, failing: 0 },
        ownership: { score: null, failing: 0 },
      },
      atRisk: 1,
      coverage: 0.75,
    },
    weakestLinks: [],
    components: [row(0), bare],
  };
}

interface Seen {
  method?: string;
  url?: string;
  body: string;
  auth?: string;
  contentType?: string;
}

type Handler = (req: IncomingMessage) => {
  status: number;
  body?: unknown;
  raw?: string;
};

describe('ScaleReadinessClient against a real HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          body,
          auth: req.headers.authorization,
          contentType: req.headers['content-type'],
        });
        const out = handler(req);
        if (out.raw !== undefined) {
          res.writeHead(out.status, { 'content-type': 'application/json' });
          res.end(out.raw);
        } else if (out.body === undefined) {
          res.writeHead(out.status);
          res.end();
        } else {
          res.writeHead(out.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out.body));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/scale-readiness`;
  });

  afterAll(async () => {
    await new Promise<void>(resolve => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen = [];
    handler = () => ({ status: 200, body: {} });
  });

  function client() {
    const discoveryApi = {
      getBaseUrl: jest.fn(async (id: string) => {
        expect(id).toBe('scale-readiness');
        return baseUrl;
      }),
    };
    // fetchApi is where the app adds the user's token
    const fetchApi = {
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            authorization: 'Bearer test-token',
          },
        }),
    };
    return new ScaleReadinessClient({ discoveryApi, fetchApi });
  }

  it('gets an entity with kind/namespace/name path segments, encoded', async () => {
    handler = () => ({
      status: 200,
      body: { result: { entityRef: 'x' }, evaluatedAt: 'now', facts: [] },
    });
    const res = await client().getEntity('component:my-ns/orders api#1');
    expect(res.evaluatedAt).toBe('now');
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/scale-readiness/entities/component/my-ns/orders%20api%231',
      auth: 'Bearer test-token',
    });
  });

  it('defaults the namespace and encodes slashes-free names', async () => {
    handler = () => ({
      status: 200,
      body: { result: {}, evaluatedAt: 't', facts: [] },
    });
    await client().getEntity('resource:orders-db');
    expect(seen[0].url).toBe(
      '/api/scale-readiness/entities/resource/default/orders-db',
    );
  });

  it('gets history with a limit and unwraps items', async () => {
    handler = () => ({
      status: 200,
      body: { items: [{ at: 't1', level: 'gold' }] },
    });
    const items = await client().getEntityHistory('component:default/a', 7);
    expect(items).toEqual([{ at: 't1', level: 'gold' }]);
    expect(seen[0].url).toBe(
      '/api/scale-readiness/entities/component/default/a/history?limit=7',
    );
  });

  it('posts a refresh and accepts 202 without a body', async () => {
    handler = () => ({ status: 202 });
    await expect(
      client().refreshEntity('component:default/a'),
    ).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/scale-readiness/entities/component/default/a/refresh',
    });
  });

  it('gets a team by namespace and name', async () => {
    handler = () => ({
      status: 200,
      body: { team: { entityRef: 'group:x/y' } },
    });
    await client().getTeam('group:team ns/pay&ments');
    expect(seen[0].url).toBe(
      '/api/scale-readiness/teams/team%20ns/pay%26ments?format=compact',
    );
    await client().getTeam('payments');
    expect(seen[1].url).toBe(
      '/api/scale-readiness/teams/default/payments?format=compact',
    );
  });

  it('requests the compact team scorecard and expands it', async () => {
    const full = teamScorecard();
    const compact = compactTeamScorecard(full);
    expect(compact.format).toBe('compact-v1');
    handler = () => ({ status: 200, body: compact });
    await expect(client().getTeam('group:default/payments')).resolves.toEqual(
      full,
    );
    expect(seen[0].url).toBe(
      '/api/scale-readiness/teams/default/payments?format=compact',
    );
    // A server without the compact format answers the full scorecard.
    handler = () => ({ status: 200, body: full });
    await expect(client().getTeam('group:default/payments')).resolves.toEqual(
      full,
    );
  });

  it('builds the overview query string and omits empty values', async () => {
    handler = () => ({ status: 200, body: { total: 0, teams: [] } });
    await client().getOverview({
      sort: 'atRisk',
      order: 'desc',
      offset: 50,
      limit: 25,
      q: 'pay & co',
    });
    const url = new URL(seen[0].url!, 'http://x');
    expect(url.pathname).toBe('/api/scale-readiness/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      sort: 'atRisk',
      order: 'desc',
      offset: '50',
      limit: '25',
      q: 'pay & co',
    });
    await client().getOverview({ q: '' });
    expect(seen[1].url).toBe('/api/scale-readiness/overview');
  });

  it('asks for the unowned objects, org-wide or of one entity', async () => {
    handler = () => ({
      status: 200,
      body: { objects: [], entitiesScanned: 2 },
    });
    expect(await client().getUnownedObjects()).toEqual({
      objects: [],
      entitiesScanned: 2,
    });
    await client().getUnownedObjects({
      entityRef: 'component:default/cart',
    });
    expect(seen.map(s => s.url)).toEqual([
      '/api/scale-readiness/unowned-objects',
      '/api/scale-readiness/unowned-objects?entityRef=component%3Adefault%2Fcart',
    ]);
  });

  it('posts a simulation as JSON', async () => {
    handler = () => ({ status: 200, body: { growthFactor: 5, results: [] } });
    const res = await client().simulate({
      team: 'group:default/payments',
      growthFactor: 5,
    });
    expect(res.growthFactor).toBe(5);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/scale-readiness/simulate',
    });
    expect(seen[0].contentType).toMatch(/^application\/json/);
    expect(JSON.parse(seen[0].body)).toEqual({
      team: 'group:default/payments',
      growthFactor: 5,
    });
  });

  it('gets health', async () => {
    handler = () => ({ status: 200, body: { status: 'ok', entities: 12 } });
    await expect(client().getHealth()).resolves.toEqual({
      status: 'ok',
      entities: 12,
    });
    expect(seen[0].url).toBe('/api/scale-readiness/health');
  });

  it('turns a 404 into a ResponseError with the status and the server message', async () => {
    handler = () => ({
      status: 404,
      body: {
        error: {
          name: 'NotFoundError',
          message: 'no result for component:default/a',
        },
        response: { statusCode: 404 },
      },
    });
    const error = await client()
      .getEntity('component:default/a')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.response.status).toBe(404);
    expect(error.cause.name).toBe('NotFoundError');
    expect(error.cause.message).toBe('no result for component:default/a');
    // The message people see is the server's, not "Request failed with 404".
    expect(error.message).toBe('no result for component:default/a');
  });

  it('shows the server message of a 403, keeping the status for callers', async () => {
    handler = () => ({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Only champions of group:default/checkout-team may waive findings',
        },
        response: { statusCode: 403 },
      },
    });
    const error = await client()
      .getOverview()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe(
      'Only champions of group:default/checkout-team may waive findings',
    );
    expect(String(error)).not.toContain('Request failed');
  });

  it('turns a 503 with a non-JSON body into a ResponseError', async () => {
    handler = () => ({ status: 503, raw: 'not json at all' });
    const error = await client()
      .getOverview()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
    // No server message: the status line is all there is.
    expect(error.message).toMatch(/503/);
  });
});
