/**
 * The CLI evaluates `scaleReadiness.customChecks` and scoped growth from the
 * `--config` app-config file and the catalog, with the same engine as the
 * portal; an invalid condition stops it with an error naming the check.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './cli';
import type { CheckReport } from './check/report';

const FIXTURES = path.resolve(__dirname, '__fixtures__');
const NOW = ['--now', '2026-11-25'];

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('custom checks and scoped growth in the CLI', () => {
  jest.setTimeout(30_000);
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cli-custom-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const config = (name: string, condition: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(
      file,
      [
        'scaleReadiness:',
        '  customChecks:',
        '    - id: custom.three-replicas',
        '      dimension: autoscaling',
        '      severity: high',
        '      title: Services keep three replicas at least',
        '      remediation: Raise minReplicas to 3.',
        '      appliesTo: { kind: component, type: service }',
        `      condition: ${JSON.stringify(condition)}`,
      ].join('\n'),
    );
    return file;
  };

  it('evaluates a custom check from --config (pass, then fail)', async () => {
    const ready = path.join(FIXTURES, 'ready');
    const minReplicas =
      '$min(workloads.value.workloads.scalers.minReplicas) >= ';
    const pass = await cli([
      'check',
      ready,
      '--config',
      config('pass.yaml', `${minReplicas}3`),
      ...NOW,
    ]);
    expect(pass.code).toBe(0);
    const orders = (JSON.parse(pass.stdout) as CheckReport).components.find(
      c => c.entityRef === 'component:default/orders-service',
    )!;
    expect(
      orders.checks.find(c => c.id === 'custom.three-replicas'),
    ).toMatchObject({ status: 'pass', severity: 'high' });

    const fail = await cli([
      'check',
      ready,
      '--config',
      config('fail.yaml', `${minReplicas}4`),
      ...NOW,
    ]);
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.stdout) as CheckReport;
    expect(
      report.components
        .find(c => c.entityRef === 'component:default/orders-service')!
        .checks.find(c => c.id === 'custom.three-replicas'),
    ).toMatchObject({ status: 'fail', remediation: 'Raise minReplicas to 3.' });
  });

  it('refuses an invalid condition at start-up, naming the check', async () => {
    const broken = await cli([
      'check',
      path.join(FIXTURES, 'ready'),
      '--config',
      config('broken.yaml', 'workloads.value.(('),
      ...NOW,
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /customChecks 'custom.three-replicas' has an invalid condition/,
    );
  });

  it('holds a component annotated with its own growth factor to it', async () => {
    const copy = path.join(tmp, 'ready-at-7');
    fs.cpSync(path.join(FIXTURES, 'ready'), copy, { recursive: true });
    const catalog = path.join(copy, 'catalog-info.yaml');
    fs.writeFileSync(
      catalog,
      fs
        .readFileSync(catalog, 'utf8')
        .replace(
          "    scale-readiness.io/peak-replicas: '2'",
          "    scale-readiness.io/peak-replicas: '2'\n    scale-readiness.io/growth-factor: '7'",
        ),
    );
    const at3 = JSON.parse(
      (await cli(['check', path.join(FIXTURES, 'ready'), ...NOW])).stdout,
    ) as CheckReport;
    const at7 = JSON.parse(
      (await cli(['check', copy, ...NOW])).stdout,
    ) as CheckReport;
    const orders = (r: CheckReport) =>
      r.components.find(
        c => c.entityRef === 'component:default/orders-service',
      )!;
    expect(orders(at3).level).toBe('gold');
    // HPA max 12 at a peak of 2 survives 6×, not the component's own 7×
    expect(
      orders(at7).checks.find(c => c.id === 'autoscaling.hpa-max-headroom')
        ?.status,
    ).toBe('fail');
    expect(orders(at7).level).not.toBe('gold');
  });
});
