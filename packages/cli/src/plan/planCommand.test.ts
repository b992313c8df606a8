/**
 * `scale-readiness plan` against a local HTTP server answering the plugin's
 * plan routes the way the backend does (`GET /plans`, `GET /plans/:id/export`
 * as a text/markdown or text/csv attachment, JSON errors).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../cli';

const PLAN = '5eed0000-0000-4000-8000-000000000001';
const OTHER = '0b6f4a52-1c1e-4c53-9d0a-4c3b2a1f0e01';
const PLANS = [
  { id: PLAN, title: 'Retail partner launch' },
  { id: OTHER, title: 'Black Friday' },
  { id: '7d1e9c0a-2b3c-4d5e-8f90-a1b2c3d4e5f6', title: 'Black Friday' },
];

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('scale-readiness plan', () => {
  let server: http.Server;
  let backend: string;
  const seen: Array<{ url: string; auth?: string; accept?: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      seen.push({
        url: `${url.pathname}${url.search}`,
        auth: req.headers.authorization,
        accept: req.headers.accept,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer t0ken') {
        json(401, { error: { name: 'AuthenticationError', message: 'no' } });
        return;
      }
      if (url.pathname === '/api/scale-readiness/plans') {
        json(200, { plans: PLANS });
        return;
      }
      const m = /^\/api\/scale-readiness\/plans\/([^/]+)\/export$/.exec(
        url.pathname,
      );
      if (m && m[1] === OTHER) {
        json(403, {
          error: {
            name: 'NotAllowedError',
            message: 'scale-readiness.plan.read',
          },
        });
        return;
      }
      if (m && PLANS.some(p => p.id === m[1])) {
        const csv = url.searchParams.get('format') === 'csv';
        res.writeHead(200, {
          'content-type': csv ? 'text/csv; charset=utf-8' : 'text/markdown',
          'content-disposition': `attachment; filename="plan.${
            csv ? 'csv' : 'md'
          }"`,
        });
        res.end(
          csv
            ? `plan,date,team\r\n"Retail partner launch, EU",2026-12-19,group:default/payments\r\n`
            : `# Launch plan: Retail partner launch\n\n**Verdict: NO-GO**\n`,
        );
        return;
      }
      json(404, { error: { name: 'NotFoundError', message: `No plan` } });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    backend = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  it('writes the Markdown export of a plan given by id, with --token', async () => {
    const { code, stdout, stderr } = await cli([
      'plan',
      '--backend',
      backend,
      '--plan',
      PLAN,
      '--token',
      't0ken',
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      '# Launch plan: Retail partner launch\n\n**Verdict: NO-GO**\n',
    );
    expect(seen).toEqual([
      {
        url: `/api/scale-readiness/plans/${PLAN}/export?format=markdown`,
        auth: 'Bearer t0ken',
        accept: 'text/markdown',
      },
    ]);
  });

  it('finds a plan by title and writes its CSV verbatim, token from the environment', async () => {
    const { code, stdout } = await cli(
      [
        'plan',
        '--backend',
        `${backend}/api/scale-readiness`,
        '--plan',
        'retail partner launch',
        '--format',
        'csv',
      ],
      { SCALE_READINESS_TOKEN: 't0ken' },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      'plan,date,team\r\n"Retail partner launch, EU",2026-12-19,group:default/payments\r\n',
    );
    expect(seen.map(s => s.url)).toEqual([
      '/api/scale-readiness/plans',
      `/api/scale-readiness/plans/${PLAN}/export?format=csv`,
    ]);
  });

  it.each([
    [['--plan', 'Black Friday'], /2 plans are titled 'Black Friday'/],
    [['--plan', 'Nope'], /no launch plan with id or title 'Nope'/],
    [
      ['--plan', '00000000-0000-4000-8000-000000000000'],
      /launch plan 00000000-0000-4000-8000-000000000000 not found \(404\)/,
    ],
    [['--plan', OTHER], /403 Forbidden/],
    [['--plan', PLAN, '--format', 'pdf'], /Allowed choices are markdown, csv/],
  ])('exits 2 with a clear message: %j', async (args, message) => {
    const { code, stderr } = await cli(
      ['plan', '--backend', backend, ...(args as string[])],
      { SCALE_READINESS_TOKEN: 't0ken' },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when the portal requires a token', async () => {
    const { code, stderr } = await cli([
      'plan',
      '--backend',
      backend,
      '--plan',
      PLAN,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/requires a token \(401 Unauthorized\)/);
  });
});
