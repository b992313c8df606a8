import path from 'node:path';
import { run } from './cli';
import type { CheckReport } from './check/report';

const REPO = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, '__fixtures__', 'rollouts');
const FILE = 'packages/cli/src/__fixtures__/rollouts/k8s/rollout.yaml';

describe('Argo Rollouts as scale targets (issue 16, signal 1)', () => {
  jest.setTimeout(30_000);

  it('scores the Rollout its HPA points at, and reports the HPA naming a missing Rollout with file and line', async () => {
    let stdout = '';
    await run(['check', FIXTURE, '--now', '2026-11-25', '--fail-on', 'none'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => undefined },
      isTTY: false,
      env: {},
      cwd: REPO,
    });
    const report = JSON.parse(stdout) as CheckReport;
    const web = report.components.find(
      c => c.entityRef === 'component:default/web',
    )!;
    const status = (id: string) => web.checks.find(c => c.id === id);
    expect(status('autoscaling.hpa-present')?.status).toBe('pass');
    expect(status('autoscaling.hpa-max-headroom')).toMatchObject({
      status: 'pass',
      headroom: 6,
    });
    expect(status('autoscaling.rollout-safety')).toMatchObject({
      status: 'pass',
    });
    expect(status('autoscaling.rollout-safety')?.message).toContain(
      'Rollout/web (namespace shop): Argo Rollouts canary in 4 steps',
    );
    expect(
      report.unownedObjects.map(o => [o.type, `${o.file}:${o.line}`, o.name]),
    ).toEqual([['dangling-autoscaler', `${FILE}:42`, 'web-preview']]);
  });
});
