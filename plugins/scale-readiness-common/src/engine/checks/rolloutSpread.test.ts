import { rolloutSafetyCheck, zoneSpreadCheck } from './rolloutSpread';
import {
  run,
  scaler,
  service,
  workload,
  workloads,
} from '../__testUtils__/builders';
import type { WorkloadFacts } from '../../facts';

const one = (w: Partial<WorkloadFacts>) =>
  service('component:default/api', { workloads: workloads([workload(w)]) });

describe('autoscaling.rollout-safety', () => {
  it('passes maxUnavailable 0, and up to 25 % of the lowest replica count', () => {
    expect(run(rolloutSafetyCheck, one({})).status).toBe('pass');
    const quarter = run(
      rolloutSafetyCheck,
      one({
        strategy: {
          type: 'RollingUpdate',
          maxUnavailable: '25%',
          maxSurge: '25%',
        },
        scalers: [scaler({ minReplicas: 4 })],
      }),
    );
    expect(quarter.status).toBe('pass');
    expect(quarter.message).toContain('1 of 4 pods out at most');
  });

  it('fails Recreate and a maxUnavailable that stops every pod, warns above 25 %', () => {
    const recreate = run(
      rolloutSafetyCheck,
      one({ strategy: { type: 'Recreate' } }),
    );
    expect(recreate.status).toBe('fail');
    expect(recreate.message).toContain('strategy Recreate stops all 2 pods');
    expect(recreate.remediation).toContain('maxUnavailable 0');
    const all = run(
      rolloutSafetyCheck,
      one({
        strategy: {
          type: 'RollingUpdate',
          maxUnavailable: '100%',
          maxSurge: 0,
        },
        scalers: [scaler({ minReplicas: 3 })],
      }),
    );
    expect(all.status).toBe('fail');
    expect(all.message).toContain('stop all 3 pods at once');
    const half = run(
      rolloutSafetyCheck,
      one({
        strategy: { type: 'RollingUpdate', maxUnavailable: 2, maxSurge: 0 },
        scalers: [scaler({ minReplicas: 4 })],
      }),
    );
    expect(half.status).toBe('warn');
    expect(half.message).toContain('takes 2 of 4 pods (50 %)');
    expect(half.remediation).toContain('at most 1 of 4 pods');
  });

  it('passes an Argo Rollouts canary with steps and a Flagger canary, warns on a canary without steps', () => {
    const rollout = (steps: number) =>
      run(
        rolloutSafetyCheck,
        one({ kind: 'Rollout', strategy: { type: 'canary', steps } }),
      );
    expect(rollout(4)).toMatchObject({ status: 'pass' });
    expect(rollout(4).message).toContain('canary in 4 steps');
    expect(rollout(0).status).toBe('warn');
    expect(
      run(
        rolloutSafetyCheck,
        one({
          strategy: { type: 'flagger', steps: 5, definedBy: 'Canary/api' },
        }),
      ).message,
    ).toContain('Flagger canary (Canary/api) in 5 steps');
  });

  it('is unknown when the strategy was not collected', () => {
    expect(run(rolloutSafetyCheck, one({ strategy: undefined })).status).toBe(
      'unknown',
    );
  });
});

describe('autoscaling.zone-spread', () => {
  it('passes zone spread, warns on hostname-only or none, n/a at one replica', () => {
    expect(run(zoneSpreadCheck, one({})).status).toBe('pass');
    const host = run(
      zoneSpreadCheck,
      one({ spreadKeys: ['kubernetes.io/hostname'] }),
    );
    expect(host.status).toBe('warn');
    expect(host.message).toContain('spread over kubernetes.io/hostname only');
    const none = run(zoneSpreadCheck, one({ spreadKeys: undefined }));
    expect(none.status).toBe('warn');
    expect(none.message).toContain('up to 20 replicas with no topology spread');
    expect(none.remediation).toContain('topology.kubernetes.io/zone');
    expect(
      run(
        zoneSpreadCheck,
        one({ spreadKeys: undefined, scalers: [], replicas: 1 }),
      ).status,
    ).toBe('not-applicable');
  });
});
