import {
  allowedDisruptions,
  gracePeriodCheck,
  pdbAllowsDisruptionCheck,
  pdbPresentCheck,
  pdbVsMinReplicasCheck,
  preStopHookCheck,
  readinessProbeCheck,
} from './scaleIn';
import {
  container,
  pdb,
  run,
  scaler,
  service,
  workload,
  workloads,
} from '../__testUtils__/builders';

const withWorkload = (w: Parameters<typeof workload>[0]) =>
  service('component:default/api', { workloads: workloads([workload(w)]) });

describe('scale-in.pdb-present', () => {
  it('fails without a PDB and suggests one selecting the pod labels', () => {
    const outcome = run(pdbPresentCheck, withWorkload({ pdbs: [] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('maxUnavailable: 1');
    expect(outcome.remediation).toContain('app: api');
  });

  it('warns about a PDB that matches no pod, even when every workload has one', () => {
    const facts = service('component:default/api', {
      workloads: workloads([workload()], {
        orphanPdbs: [{ name: 'api-old', namespace: 'shop', maxUnavailable: 1 }],
      }),
    });
    const outcome = run(pdbPresentCheck, facts);
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain('PodDisruptionBudget/api-old');
    expect(outcome.message).toContain('matches no pod');
    expect(outcome.remediation).toContain('PodDisruptionBudget/api-old');
    const failing = run(
      pdbPresentCheck,
      service('component:default/api', {
        workloads: workloads([workload({ pdbs: [] })], {
          orphanPdbs: [{ name: 'api-old', maxUnavailable: 1 }],
        }),
      }),
    );
    expect(failing.status).toBe('fail');
    expect(failing.message).toContain('PodDisruptionBudget/api-old');
  });
});

describe('allowedDisruptions', () => {
  it('follows the Kubernetes rules (percentages round up)', () => {
    expect(allowedDisruptions({ name: 'p', maxUnavailable: 0 }, 3)).toBe(0);
    expect(allowedDisruptions({ name: 'p', maxUnavailable: '0%' }, 3)).toBe(0);
    expect(allowedDisruptions({ name: 'p', maxUnavailable: '10%' }, 3)).toBe(1);
    expect(allowedDisruptions({ name: 'p', minAvailable: 2 }, 2)).toBe(0);
    expect(allowedDisruptions({ name: 'p', minAvailable: '100%' }, 5)).toBe(0);
    expect(allowedDisruptions({ name: 'p', minAvailable: '50%' }, 1)).toBe(0);
    expect(allowedDisruptions({ name: 'p', minAvailable: '50%' }, 4)).toBe(2);
    expect(allowedDisruptions({ name: 'p', minAvailable: '1' }, 3)).toBe(2);
    expect(allowedDisruptions({ name: 'p' }, 3)).toBeUndefined();
  });
});

describe('scale-in.pdb-allows-disruption', () => {
  it.each([
    [{ maxUnavailable: 0 }],
    [{ maxUnavailable: undefined, minAvailable: '100%' }],
    [{ maxUnavailable: undefined, minAvailable: 2 }],
  ])('fails when the PDB %j blocks drains at minReplicas 2', spec => {
    const outcome = run(
      pdbAllowsDisruptionCheck,
      withWorkload({ pdbs: [pdb(spec)] }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('blocked');
    expect(outcome.remediation).toContain('maxUnavailable: 1');
  });

  it('uses spec.replicas when there is no autoscaler', () => {
    expect(
      run(
        pdbAllowsDisruptionCheck,
        withWorkload({
          scalers: [],
          replicas: 3,
          pdbs: [pdb({ maxUnavailable: undefined, minAvailable: 2 })],
        }),
      ).status,
    ).toBe('pass');
    expect(
      run(
        pdbAllowsDisruptionCheck,
        withWorkload({
          scalers: [],
          pdbs: [pdb({ maxUnavailable: undefined, minAvailable: 1 })],
        }),
      ).status,
    ).toBe('fail');
  });

  it('is unknown for a PDB without budget and n/a without PDBs', () => {
    expect(
      run(pdbAllowsDisruptionCheck, withWorkload({ pdbs: [{ name: 'empty' }] }))
        .status,
    ).toBe('unknown');
    expect(
      run(pdbAllowsDisruptionCheck, withWorkload({ pdbs: [] })).status,
    ).toBe('not-applicable');
  });
});

describe('scale-in.pdb-vs-min-replicas', () => {
  it('fails when integer minAvailable ≥ HPA minReplicas', () => {
    const outcome = run(
      pdbVsMinReplicasCheck,
      withWorkload({
        scalers: [scaler({ minReplicas: 3 })],
        pdbs: [pdb({ maxUnavailable: undefined, minAvailable: 3 })],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('≤ 2');
  });

  it('passes when minAvailable is below minReplicas', () => {
    expect(
      run(
        pdbVsMinReplicasCheck,
        withWorkload({
          scalers: [scaler({ minReplicas: 3 })],
          pdbs: [pdb({ maxUnavailable: undefined, minAvailable: 2 })],
        }),
      ).status,
    ).toBe('pass');
  });

  it('is n/a without autoscalers, or with percentage / maxUnavailable budgets', () => {
    expect(
      run(
        pdbVsMinReplicasCheck,
        withWorkload({
          scalers: [],
          pdbs: [pdb({ maxUnavailable: undefined, minAvailable: 5 })],
        }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(
        pdbVsMinReplicasCheck,
        withWorkload({
          pdbs: [pdb({ maxUnavailable: undefined, minAvailable: '50%' })],
        }),
      ).status,
    ).toBe('not-applicable');
  });
});

describe('scale-in.grace-period', () => {
  it('states the Kubernetes default when unset', () => {
    const outcome = run(
      gracePeriodCheck,
      withWorkload({ terminationGracePeriodSeconds: undefined }),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toContain('Kubernetes default 30 s');
  });

  it('fails below the threshold', () => {
    const outcome = run(
      gracePeriodCheck,
      withWorkload({ terminationGracePeriodSeconds: 10 }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('terminationGracePeriodSeconds ≥ 30');
  });

  it('fails an unset period when the threshold is raised', () => {
    const facts = withWorkload({ terminationGracePeriodSeconds: undefined });
    const outcome = gracePeriodCheck.evaluate(facts, {
      growthFactor: 3,
      now: new Date(),
      thresholds: {
        minReplicas: 2,
        minGracePeriodSeconds: 60,
        docsMaxAgeDays: 180,
        loadTestMaxAgeDays: 180,
        minChampions: 2,
        ciJobFactor: 10,
        headroomWarnMargin: 1.2,
      },
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('unset: Kubernetes default 30 s');
  });
});

describe('scale-in.prestop-hook', () => {
  it('warns when only some containers have a preStop hook, fails when none do', () => {
    expect(
      run(
        preStopHookCheck,
        withWorkload({
          containers: [
            container(),
            container({ name: 'proxy', hasPreStopHook: false }),
          ],
        }),
      ).status,
    ).toBe('warn');
    const outcome = run(
      preStopHookCheck,
      withWorkload({ containers: [container({ hasPreStopHook: false })] }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('lifecycle.preStop');
  });
});

describe('scale-in.readiness-probe', () => {
  it('fails when a container has no readiness probe', () => {
    const outcome = run(
      readinessProbeCheck,
      withWorkload({
        containers: [
          container(),
          container({ name: 'worker', hasReadinessProbe: false }),
        ],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('worker');
  });

  it('is unknown when pod templates list no containers', () => {
    expect(
      run(readinessProbeCheck, withWorkload({ containers: [] })).status,
    ).toBe('unknown');
  });
});
