/**
 * The demo organisation carries one passing and one failing example of each
 * rollout, spread and scale-in check (issue 16, signals 1–3): the CLI over
 * examples/ must say so.
 */
import path from 'node:path';
import { run } from './cli';
import type { CheckReport } from './check/report';

const REPO = path.resolve(__dirname, '../../..');

async function demo(): Promise<CheckReport> {
  let stdout = '';
  await run(['check', 'examples', '--now', '2026-11-25', '--fail-on', 'none'], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => undefined },
    isTTY: false,
    env: {},
    cwd: REPO,
  });
  return JSON.parse(stdout) as CheckReport;
}

describe('demo examples of the rollout, spread and scale-in checks', () => {
  jest.setTimeout(60_000);
  let report: CheckReport;
  beforeAll(async () => {
    report = await demo();
  });

  const check = (component: string, id: string) => {
    const c = report.components.find(
      r => r.entityRef === `component:default/${component}`,
    );
    const found = c?.checks.find(k => k.id === id);
    if (!found) throw new Error(`${component} has no ${id}`);
    return found;
  };

  it.each([
    [
      'autoscaling.rollout-safety',
      'checkout-service',
      'pass',
      'maxUnavailable 0',
    ],
    [
      'autoscaling.rollout-safety',
      'promotions-service',
      'fail',
      'strategy Recreate stops all 2 pods',
    ],
    [
      'autoscaling.zone-spread',
      'search-service',
      'pass',
      'spread over topology.kubernetes.io/zone',
    ],
    [
      'autoscaling.zone-spread',
      'mobile-bff',
      'warn',
      'no topology spread or anti-affinity',
    ],
    [
      'scale-in.scale-down-behaviour',
      'search-service',
      'pass',
      'stabilisation 300 s, up to 10 % of pods',
    ],
    [
      'scale-in.scale-down-behaviour',
      'mobile-bff',
      'fail',
      'stabilisation 0 s, up to 100 % of pods',
    ],
    [
      'scale-in.node-scale-in',
      'search-service',
      'pass',
      'can be moved off a node',
    ],
    ['scale-in.node-scale-in', 'fraud-scoring', 'warn', 'safe-to-evict=false'],
    [
      'scale-in.drain-time',
      'order-history-service',
      'pass',
      'drains in 45 s within terminationGracePeriodSeconds 60 s',
    ],
    [
      'scale-in.drain-time',
      'fraud-scoring',
      'fail',
      'drains in 20 s but is killed after terminationGracePeriodSeconds 5 s',
    ],
  ])('%s on %s is %s', (id, component, status, text) => {
    const result = check(component, id);
    expect(result.status).toBe(status);
    expect(result.message).toContain(text);
    expect(Boolean(result.remediation)).toBe(status !== 'pass');
  });
});
