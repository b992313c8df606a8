import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CliIO, run } from './cli';
import type { CheckReport } from './check/report';

const FIXTURES = path.resolve(__dirname, '__fixtures__');
const REPO = path.resolve(__dirname, '../../..');

async function cli(args: string[], options: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: REPO,
    ...options,
  });
  return { code, stdout, stderr };
}

const ready = path.join(FIXTURES, 'ready');
const NOW = ['--now', '2026-11-25'];

describe('run (in process)', () => {
  jest.setTimeout(30_000);

  it('prints a table on a terminal and JSON otherwise', async () => {
    const tty = await cli(['check', ready, ...NOW], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(
      /^Scale readiness at 3× growth: 2 entities scored, 0 input problems\n/,
    );
    expect(tty.stdout).toMatch(
      /component:default\/orders-service\s+gold\s+100\.0\s+5×/,
    );
    expect(tty.stdout).toMatch(/Gate passed \(--fail-on fail\)\n$/);
    expect(tty.stdout).toMatch(
      /Why each level:\n {2}component:default\/orders-service: Gold: score 100/,
    );
    const piped = await cli(['check', ready, ...NOW]);
    expect((JSON.parse(piped.stdout) as CheckReport).components).toHaveLength(
      2,
    );
  });

  it('writes Markdown for pull request comments', async () => {
    const json = await cli(['check', path.join(FIXTURES, 'no-hpa'), ...NOW]);
    const billing = (JSON.parse(json.stdout) as CheckReport).components[0];
    const { code, stdout } = await cli([
      'check',
      path.join(FIXTURES, 'no-hpa'),
      '--format',
      'markdown',
      ...NOW,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^## ❌ Scale readiness at 3× growth/);
    expect(stdout).toContain(
      '- component:default/billing-service: autoscaling.hpa-present, autoscaling.hpa-max-headroom',
    );
    expect(stdout).toContain(
      `| \`component:default/billing-service\` | ${
        billing.level
      } | ${billing.score?.toFixed(1)} | 1× |`,
    );
    expect(stdout).toContain(
      '- ❌ `autoscaling.hpa-present` (high): No HorizontalPodAutoscaler',
    );
    expect(stdout).toMatch(
      /- `component:default\/billing-service`: (Not ready|Bronze|Silver) because /,
    );
  });

  it('reports only --only entities (default kind component) but chains over all', async () => {
    const { code, stdout } = await cli([
      'check',
      ready,
      '--only',
      'orders-service',
      ...NOW,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CheckReport;
    expect(report.components.map(c => c.entityRef)).toEqual([
      'component:default/orders-service',
    ]);
    // Its chain still reaches the cluster Resource, which is not reported.
    expect(report.components[0].weakestLink?.checkId).toBe(
      'autoscaling.node-headroom',
    );
  });

  it('gates on --min-headroom and --fail-on levels', async () => {
    const headroom = await cli(['check', ready, '--min-headroom', '6', ...NOW]);
    expect(headroom.code).toBe(1);
    expect(headroom.stderr).toContain(
      'chain headroom 5× is below --min-headroom 6×',
    );
    expect(
      (await cli(['check', ready, '--min-headroom', '5', ...NOW])).code,
    ).toBe(0);
    // The ready service is gold: a level gate fails only at gold.
    expect(
      (await cli(['check', ready, '--fail-on', 'silver', ...NOW])).code,
    ).toBe(0);
    const gold = await cli(['check', ready, '--fail-on', 'gold', ...NOW]);
    expect(gold.code).toBe(1);
    expect(JSON.parse(gold.stdout).gate.failures).toContainEqual({
      entityRef: 'component:default/orders-service',
      reason: 'level gold (--fail-on gold)',
    });
  });

  it('exits 2 on configuration errors', async () => {
    const missing = await cli(['check', ready, '--config', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--config: cannot read nope.yaml/);
    const invalid = await cli([
      'check',
      ready,
      '--config',
      path.join(FIXTURES, 'configs/invalid.yaml'),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(
      /thresholds.minReplicas must be an integer, got 1.5/,
    );
    const empty = await cli(['check', path.join(FIXTURES, 'configs')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no Component or Resource entities found/);
  });

  it('handles help, version and a missing command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: scale-readiness/);
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await cli([])).code).toBe(2);
  });
});

describe('report (in process)', () => {
  it('exits 2 when the portal fails or cannot be reached', async () => {
    const server = http.createServer((_req, res) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          error: { name: 'Error', message: 'database is down' },
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/scale-readiness/`;
    const failing = await cli([
      'report',
      '--backend',
      url,
      '--team',
      'group:ops/sre',
    ]);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain(
      `${url}teams/ops/sre?format=compact answered 500: database is down`,
    );
    await new Promise(resolve => server.close(resolve));

    const down = await cli(['report', '--backend', url, '--team', 'sre']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(
      /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/scale-readiness\/teams\/default\/sre/,
    );
    const notGroup = await cli([
      'report',
      '--backend',
      url,
      '--team',
      'user:default/ada',
    ]);
    expect(notGroup.stderr).toMatch(
      /--team: 'user:default\/ada' is not a group/,
    );
    const badUrl = await cli([
      'report',
      '--backend',
      'ftp://x',
      '--team',
      'sre',
    ]);
    expect(badUrl.stderr).toMatch(/must be an http\(s\) URL/);
  });
});
