/**
 * `scale-readiness report --review …` run as the built CLI against a local
 * HTTP server answering the plugin's review routes (list paging, per-team and
 * org export, 404 for an unknown team, 401 without token).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureBuilt, runCli } from './__testUtils__/builtCli';

beforeAll(() => ensureBuilt(), 240_000);
jest.setTimeout(120_000);

const Q3 = '0b6f4a52-1c1e-4c53-9d0a-4c3b2a1f0e01';
const Q4 = '7d1e9c0a-2b3c-4d5e-8f90-a1b2c3d4e5f6';
/** Newest first, as GET /reviews answers; 250 manual reviews push Q3 to page 2. */
const REVIEWS = [
  { id: Q4, period: '2026-Q4' },
  ...Array.from({ length: 250 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  })),
  { id: Q3, period: '2026-Q3' },
];

describe('scale-readiness report --review (built CLI)', () => {
  let server: http.Server;
  let baseUrl: string;
  const urls: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      urls.push(`${url.pathname}${url.search}`);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer t0ken') {
        json(401, { error: { name: 'AuthenticationError', message: 'no' } });
        return;
      }
      if (url.pathname === '/api/scale-readiness/reviews') {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        json(200, {
          items: REVIEWS.slice(offset, offset + limit),
          total: REVIEWS.length,
          offset,
          limit,
        });
        return;
      }
      const m =
        /^\/api\/scale-readiness\/reviews\/([^/]+)(?:\/teams\/group\/default\/([^/]+))?\/export$/.exec(
          url.pathname,
        );
      const format = url.searchParams.get('format');
      if (m && REVIEWS.some(r => r.id === m[1]) && m[2] !== 'ghost') {
        res.writeHead(200, {
          'content-type':
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'text/markdown; charset=utf-8',
          'content-disposition': `attachment; filename="review.${format}"`,
        });
        res.end(
          format === 'csv'
            ? `review,team\r\n${m[1]},${m[2] ?? '*'}\r\n`
            : `# Review ${m[1]}\n\nteam: ${m[2] ?? 'all'}\n`,
        );
        return;
      }
      json(404, {
        error: { name: 'NotFoundError', message: `nothing at ${url.pathname}` },
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  const env = { env: { SCALE_READINESS_TOKEN: 't0ken' } };

  it("exports the latest review's team page as CSV, verbatim", async () => {
    urls.length = 0;
    const { code, stdout, stderr } = await runCli(
      ['report', '--backend', baseUrl, '--review', 'latest'].concat([
        '--team',
        'payments-team',
        '--format',
        'csv',
      ]),
      env,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`review,team\r\n${Q4},payments-team\r\n`);
    expect(urls).toEqual([
      '/api/scale-readiness/reviews?offset=0&limit=200',
      `/api/scale-readiness/reviews/${Q4}/teams/group/default/payments-team/export?format=csv`,
    ]);
  });

  it('finds a review by period across list pages and exports it org-wide as Markdown', async () => {
    urls.length = 0;
    const { code, stdout } = await runCli(
      ['report', '--backend', baseUrl, '--review', '2026-Q3'],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`# Review ${Q3}\n\nteam: all\n`);
    expect(urls).toEqual([
      '/api/scale-readiness/reviews?offset=0&limit=200',
      '/api/scale-readiness/reviews?offset=200&limit=200',
      `/api/scale-readiness/reviews/${Q3}/export?format=markdown`,
    ]);
  });

  it('uses a review id as given, without listing', async () => {
    urls.length = 0;
    const { code } = await runCli(
      ['report', '--backend', baseUrl, '--review', Q3, '--team', 'x'],
      env,
    );
    expect(code).toBe(0);
    expect(urls).toHaveLength(1);
  });

  it.each([
    [['--review', '2025-Q1'], /no review with id or period '2025-Q1'/],
    [
      ['--review', 'latest', '--team', 'ghost'],
      /team group:default\/ghost in review .* not found \(404\)/,
    ],
    [['--review', 'latest', '--team', 'component:x'], /is not a group/],
    [[], /give --team <ref> .* and\/or --review/],
  ])('exits 2 with a clear message: %j', async (args, message) => {
    const { code, stderr } = await runCli(
      ['report', '--backend', baseUrl, ...(args as string[])],
      env,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when the portal requires a token', async () => {
    const { code, stderr } = await runCli(
      ['report', '--backend', baseUrl, '--review', 'latest'],
      { env: { SCALE_READINESS_TOKEN: '' } },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/requires a token \(401 Unauthorized\)/);
  });
});
