/**
 * Runs the built CLI (bin/scale-readiness → dist/index.cjs.js) as a
 * subprocess on the fixture folders, like a CI job would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  compactTeamScorecard,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { CheckReport } from './check/report';
import { ensureBuilt, FIXTURES, runCli } from './__testUtils__/builtCli';

const NOW = ['--now', '2026-11-25'];
const fixture = (name: string) => path.join(FIXTURES, name);

function parse(stdout: string): CheckReport {
  return JSON.parse(stdout) as CheckReport;
}

beforeAll(() => ensureBuilt(), 240_000);
jest.setTimeout(120_000);

describe('scale-readiness check (built CLI)', () => {
  it('exits 0 for a ready service and prints JSON when stdout is not a terminal', async () => {
    const { code, stdout, stderr } = await runCli([
      'check',
      fixture('ready'),
      ...NOW,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.growthFactor).toBe(3);
    expect(report.problems).toEqual([]);
    expect(report.gate).toEqual({
      passed: true,
      failOn: ['fail'],
      minHeadroom: null,
      failures: [],
    });
    const orders = report.components.find(
      c => c.entityRef === 'component:default/orders-service',
    );
    // Linked through the backstage.io/kubernetes-id label: the HPA and PDB count.
    expect(orders).toMatchObject({
      kind: 'component',
      owner: 'group:default/orders-team',
      level: 'gold',
    });
    expect(
      orders!.checks.find(c => c.id === 'autoscaling.hpa-present')?.status,
    ).toBe('pass');
    expect(
      orders!.checks.find(c => c.id === 'scale-in.pdb-present')?.status,
    ).toBe('pass');
    expect(orders!.checks.filter(c => c.status === 'fail')).toEqual([]);
    expect(orders!.headroom).toBe(5);
    expect(orders!.weakestLink).toMatchObject({
      entityRef: 'component:default/orders-service',
      checkId: 'autoscaling.node-headroom',
    });
  });

  it('exits 1 for a service without an autoscaler at factor 3 and names the check', async () => {
    const { code, stdout, stderr } = await runCli([
      'check',
      fixture('no-hpa'),
      ...NOW,
    ]);
    expect(code).toBe(1);
    const report = parse(stdout);
    const billing = report.components.find(
      c => c.entityRef === 'component:default/billing-service',
    )!;
    expect(
      billing.checks.find(c => c.id === 'autoscaling.hpa-present'),
    ).toMatchObject({ status: 'fail', severity: 'high' });
    expect(report.gate.passed).toBe(false);
    expect(report.gate.failures.map(f => f.checkId)).toContain(
      'autoscaling.hpa-present',
    );
    expect(stderr).toContain('autoscaling.hpa-present');
    expect(stderr).toContain('component:default/billing-service');
  });

  it("passes the same fixed-replica service at 1× (it survives today's load, nothing more) once the HPA check is disabled", async () => {
    const config = path.join(
      fixture('no-hpa'),
      '..',
      'configs',
      'no-autoscaler-checks.yaml',
    );
    const { code, stdout } = await runCli([
      'check',
      fixture('no-hpa'),
      '--config',
      config,
      '--growth',
      '1',
      ...NOW,
    ]);
    const report = parse(stdout);
    expect(report.growthFactor).toBe(1);
    const billing = report.components.find(
      c => c.entityRef === 'component:default/billing-service',
    )!;
    expect(billing.checks.map(c => c.id)).not.toContain(
      'autoscaling.hpa-present',
    );
    expect(code).toBe(0);
  });

  it('reports unusable input with file and line and still scores the rest', async () => {
    const readme = path.join(fixture('broken'), 'README.md');
    const { code, stdout } = await runCli([
      'check',
      fixture('broken'),
      readme,
      '--format',
      'json',
      ...NOW,
    ]);
    expect(code).toBe(0);
    const report = parse(stdout);
    const problems = report.problems.map(p => `${p.file}:${p.line}`);
    const base = 'packages/cli/src/__fixtures__/broken';
    expect(problems).toEqual([
      `${base}/README.md:4`,
      `${base}/catalog-info.yaml:24`,
      `${base}/k8s/broken.yaml:13`,
      `${base}/notes.yaml:2`,
    ]);
    expect(report.problems[1].message).toMatch(/unknown catalog kind 'Widget'/);
    expect(report.problems[2].message).toMatch(/^not valid YAML: /);
    expect(report.components.map(c => c.entityRef)).toEqual([
      'component:default/search-service',
      'resource:default/k8s-prod',
    ]);
    expect(report.components[0].level).toBe('gold');
    // --fail-on problems turns the same input into a failed gate.
    const strict = await runCli([
      'check',
      fixture('broken'),
      '--fail-on',
      'fail,problems',
      ...NOW,
    ]);
    expect(strict.code).toBe(1);
    expect(parse(strict.stdout).gate.failures).toEqual([
      { entityRef: '(input)', reason: '3 input problems reported' },
    ]);
  });

  it('parses on worker threads with the same result', async () => {
    const args = ['check', 'examples', '--fail-on', 'none', ...NOW];
    const [threaded, single] = await Promise.all([
      runCli(args, {
        env: { SCALE_READINESS_THREADS: '3', SCALE_READINESS_TIMINGS: '1' },
      }),
      runCli(args, { env: { SCALE_READINESS_THREADS: '1' } }),
    ]);
    expect(threaded.code).toBe(0);
    expect(threaded.stderr).toMatch(/read and parse YAML: \d+ ms/);
    expect(parse(threaded.stdout).components.length).toBeGreaterThan(40);
    expect(threaded.stdout).toBe(single.stdout);
  });

  it.each([
    [['check', '--growth', 'abc'], /--growth.*must be a number greater than 0/],
    [['check', '--format', 'xml'], /--format.*xml.*Allowed choices/s],
    [['check', '--bogus'], /unknown option '--bogus'/],
    [
      ['check', '--fail-on', 'sometimes'],
      /--fail-on: 'sometimes' is not a level/,
    ],
    [
      ['check', 'does/not/exist'],
      /no such file or directory: does\/not\/exist/,
    ],
    [
      [
        'check',
        '--only',
        'component:default/nope',
        path.join(FIXTURES, 'ready'),
      ],
      /--only: no scored entity component:default\/nope/,
    ],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, stderr } = await runCli(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('scale-readiness report (built CLI)', () => {
  let server: http.Server;
  let baseUrl: string;
  const requests: Array<{ url?: string; auth?: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Bearer s3cret') {
        res.statusCode = 401;
        res.end(
          JSON.stringify({
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
          }),
        );
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/api/scale-readiness/teams/default/payments-team') {
        res.statusCode = 404;
        res.end(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message:
                'No group group:default/nope is known to Scale Readiness',
            },
          }),
        );
        return;
      }
      const full = {
        team: {
          entityRef: 'group:default/payments-team',
          title: 'Payments',
          children: [],
        },
        growthFactor: 3,
        champions: ['user:default/ada'],
        groups: ['group:default/payments-team'],
        rollup: {
          components: 1,
          score: 72.5,
          levels: { gold: 0, silver: 0, bronze: 1, 'not-ready': 0 },
          dimensions: {},
          atRisk: 1,
          coverage: 0.9,
        },
        weakestLinks: [],
        components: [
          {
            entityRef: 'component:default/ledger',
            kind: 'component',
            level: 'bronze',
            score: 72.5,
            ownHeadroom: 1.5,
            chainHeadroom: 1.5,
            coverage: 0.9,
            dimensions: {},
            failing: ['autoscaling.hpa-present'],
            evaluatedAt: '2026-11-25T10:00:00.000Z',
          },
        ],
      } as unknown as TeamScorecardResponse;
      // The CLI asks for the compact scorecard and expands it.
      res.end(
        JSON.stringify(
          url.searchParams.get('format') === 'compact'
            ? compactTeamScorecard(full)
            : full,
        ),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('exports a team scorecard as CSV with the token from SCALE_READINESS_TOKEN', async () => {
    const { code, stdout } = await runCli(
      [
        'report',
        '--backend',
        baseUrl,
        '--team',
        'payments-team',
        '--format',
        'csv',
      ],
      { env: { SCALE_READINESS_TOKEN: 's3cret' } },
    );
    expect(code).toBe(0);
    expect(requests.at(-1)).toEqual({
      url: '/api/scale-readiness/teams/default/payments-team?format=compact',
      auth: 'Bearer s3cret',
    });
    const [header, row] = stdout.trim().split('\r\n');
    expect(header.split(',')[0]).toBe('entityRef');
    expect(row).toBe(
      'component:default/ledger,,,,Bronze,73,1.5,1.5,,,0.9,,,,,autoscaling.hpa-present,2026-11-25T10:00:00.000Z',
    );
  });

  it('exits 2 with a clear message on 401 and 404', async () => {
    const noToken = await runCli(
      ['report', '--backend', baseUrl, '--team', 'group:default/payments-team'],
      {
        env: { SCALE_READINESS_TOKEN: '' },
      },
    );
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(
      /requires a token \(401 Unauthorized\): set SCALE_READINESS_TOKEN/,
    );
    const missing = await runCli(
      ['report', '--backend', baseUrl, '--team', 'nope'],
      {
        env: { SCALE_READINESS_TOKEN: 's3cret' },
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /team group:default\/nope not found \(404\): No group group:default\/nope/,
    );
  });
});
