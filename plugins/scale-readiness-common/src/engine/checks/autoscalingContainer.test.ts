import {
  hpaMaxHeadroomCheck,
  hpaPresentCheck,
  hpaTargetExistsCheck,
  maxAboveMinCheck,
  minReplicasCheck,
  replicasNotPinnedCheck,
  resourceRequestsCheck,
} from './autoscalingContainer';
import {
  bare,
  container,
  notConfigured,
  ok,
  run,
  scaler,
  service,
  workload,
  workloads,
} from '../__testUtils__/builders';

const withWorkloads = (...list: Parameters<typeof workload>[0][]) =>
  service('component:default/api', {
    workloads: workloads(list.map(w => workload(w))),
  });

describe('autoscaling.hpa-present', () => {
  it('fails when a workload has no autoscaler and names it', () => {
    const outcome = run(
      hpaPresentCheck,
      withWorkloads({}, { name: 'worker', scalers: [] }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('Deployment/worker');
    expect(outcome.remediation).toContain(
      'scaleTargetRef is Deployment/worker',
    );
    expect(outcome.evidence).toHaveLength(2);
    expect(outcome.evidence?.[1]).toMatchObject({
      source: 'manifests',
      location: 'https://git.example/shop/deploy/api.yaml',
      at: '2026-11-25T10:00:00Z',
    });
  });

  it('is unknown for a service without workload source and n/a for a function', () => {
    expect(
      run(
        hpaPresentCheck,
        service('component:default/api', { workloads: undefined }),
      ).status,
    ).toBe('unknown');
    expect(
      run(
        hpaPresentCheck,
        service('component:default/api', { workloads: notConfigured() }),
      ).status,
    ).toBe('unknown');
    expect(
      run(
        hpaPresentCheck,
        service('component:default/fn', {
          type: 'function',
          workloads: undefined,
        }),
      ).status,
    ).toBe('not-applicable');
  });

  it('is unknown when the source was read but holds no workload', () => {
    const outcome = run(
      hpaPresentCheck,
      service('component:default/api', { workloads: workloads([]) }),
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.message).toContain('No Deployment or StatefulSet');
  });

  it('evaluates a website when workloads were found', () => {
    const outcome = run(
      hpaPresentCheck,
      service('component:default/site', {
        type: 'website',
        workloads: workloads([workload({ scalers: [] })]),
      }),
    );
    expect(outcome.status).toBe('fail');
  });
});

describe('autoscaling.min-replicas', () => {
  it('fails on minReplicas 1 and on an unset HPA minimum', () => {
    expect(
      run(
        minReplicasCheck,
        withWorkloads({ scalers: [scaler({ minReplicas: 1 })] }),
      ).status,
    ).toBe('fail');
    const unset = run(
      minReplicasCheck,
      withWorkloads({ scalers: [scaler({ minReplicas: undefined })] }),
    );
    expect(unset.status).toBe('fail');
    expect(unset.message).toContain('defaults to 1');
    expect(unset.remediation).toContain('≥ 2');
  });

  it('uses spec.replicas (default 1) without autoscaler', () => {
    expect(
      run(minReplicasCheck, withWorkloads({ scalers: [], replicas: 3 })).status,
    ).toBe('pass');
    const outcome = run(minReplicasCheck, withWorkloads({ scalers: [] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('Kubernetes default 1');
  });

  it('defaults a KEDA ScaledObject minimum to 0', () => {
    const outcome = run(
      minReplicasCheck,
      withWorkloads({
        scalers: [scaler({ kind: 'ScaledObject', minReplicas: undefined })],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('minReplicaCount 0');
  });
});

describe('autoscaling.max-above-min', () => {
  it('passes when max > min and fails when max equals min', () => {
    expect(run(maxAboveMinCheck, withWorkloads({})).status).toBe('pass');
    const outcome = run(
      maxAboveMinCheck,
      withWorkloads({ scalers: [scaler({ minReplicas: 3, maxReplicas: 3 })] }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('above 3');
  });

  it('is unknown without maxReplicas and n/a without autoscalers', () => {
    expect(
      run(
        maxAboveMinCheck,
        withWorkloads({ scalers: [scaler({ maxReplicas: undefined })] }),
      ).status,
    ).toBe('unknown');
    expect(run(maxAboveMinCheck, withWorkloads({ scalers: [] })).status).toBe(
      'not-applicable',
    );
  });
});

describe('autoscaling.hpa-max-headroom', () => {
  it('computes maxReplicas / peak and fails below the growth factor with a concrete target', () => {
    const outcome = run(
      hpaMaxHeadroomCheck,
      withWorkloads({
        scalers: [scaler({ maxReplicas: 10 })],
        peakReplicas: 4,
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.headroom).toBe(2.5);
    expect(outcome.remediation).toContain(
      'maxReplicas of HorizontalPodAutoscaler/api to ≥ 12 (peak 4 × 3)',
    );
  });

  it('warns within the safety margin and passes above it', () => {
    const warn = run(
      hpaMaxHeadroomCheck,
      withWorkloads({
        scalers: [scaler({ maxReplicas: 13 })],
        peakReplicas: 4,
      }),
    );
    expect(warn.status).toBe('warn');
    expect(warn.headroom).toBe(3.25);
    expect(warn.remediation).toContain('≥ 15');
    expect(
      run(
        hpaMaxHeadroomCheck,
        withWorkloads({
          scalers: [scaler({ maxReplicas: 15 })],
          peakReplicas: 4,
        }),
      ).status,
    ).toBe('pass');
  });

  it('the same facts pass at 1.5× and fail at 3×', () => {
    const facts = withWorkloads({
      scalers: [scaler({ maxReplicas: 8 })],
      peakReplicas: 4,
    });
    expect(run(hpaMaxHeadroomCheck, facts, 1.5).status).toBe('pass');
    expect(run(hpaMaxHeadroomCheck, facts, 3).status).toBe('fail');
  });

  it('is unknown when the peak is unknown, and reports the weakest workload', () => {
    const unknown = run(
      hpaMaxHeadroomCheck,
      withWorkloads({ peakReplicas: undefined }),
    );
    expect(unknown.status).toBe('unknown');
    expect(unknown.remediation).toContain('peak-replicas');
    const mixed = run(
      hpaMaxHeadroomCheck,
      withWorkloads(
        { peakReplicas: 2 },
        {
          name: 'worker',
          scalers: [scaler({ name: 'worker', maxReplicas: 6 })],
          peakReplicas: 3,
        },
      ),
    );
    expect(mixed.headroom).toBe(2);
    expect(mixed.message).toContain('Deployment/worker');
  });

  it('treats a workload without autoscaler as fixed capacity', () => {
    const outcome = run(
      hpaMaxHeadroomCheck,
      withWorkloads({ scalers: [], replicas: 3, peakReplicas: 3 }),
    );
    expect(outcome.headroom).toBe(1);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('fixed at 3');
  });
});

describe('autoscaling.hpa-target-exists', () => {
  it('fails critically on a dangling autoscaler', () => {
    const facts = service('component:default/api', {
      workloads: workloads([workload()], {
        danglingScalers: [scaler({ name: 'old', target: 'Deployment/api-v1' })],
      }),
    });
    const outcome = run(hpaTargetExistsCheck, facts);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('Deployment/api-v1');
    expect(outcome.remediation).toContain(
      'scaleTargetRef of HorizontalPodAutoscaler/old',
    );
    expect(hpaTargetExistsCheck.severity).toBe('critical');
  });

  it('fails even when only dangling autoscalers were found', () => {
    const facts = service('component:default/api', {
      workloads: workloads([], { danglingScalers: [scaler()] }),
    });
    expect(run(hpaTargetExistsCheck, facts).status).toBe('fail');
  });

  it('is n/a without autoscalers', () => {
    expect(
      run(hpaTargetExistsCheck, withWorkloads({ scalers: [] })).status,
    ).toBe('not-applicable');
  });
});

describe('autoscaling.resource-requests', () => {
  it('fails (critical) when a CPU-scaled workload lacks a CPU request', () => {
    const outcome = run(
      resourceRequestsCheck,
      withWorkloads({
        containers: [container({ requests: { memory: '1Gi' } })],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.severity).toBe('critical');
    expect(outcome.message).toContain('scales on cpu');
  });

  it('fails at default severity when a memory request is missing and nothing scales on memory', () => {
    const outcome = run(
      resourceRequestsCheck,
      withWorkloads({
        containers: [
          container(),
          container({ name: 'sidecar', requests: { cpu: '10m' } }),
        ],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.severity).toBeUndefined();
    expect(outcome.remediation).toContain('sidecar');
  });
});

describe('autoscaling.replicas-not-pinned', () => {
  it('warns when an autoscaled Deployment manifest sets spec.replicas', () => {
    const outcome = run(replicasNotPinnedCheck, withWorkloads({ replicas: 3 }));
    expect(outcome.status).toBe('warn');
    expect(outcome.remediation).toContain('Remove spec.replicas');
  });

  it('ignores live objects and workloads without autoscaler', () => {
    expect(
      run(
        replicasNotPinnedCheck,
        withWorkloads({ replicas: 3, origin: 'kubernetes' }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(replicasNotPinnedCheck, withWorkloads({ replicas: 3, scalers: [] }))
        .status,
    ).toBe('not-applicable');
  });

  it('is not applicable to a Resource', () => {
    expect(
      run(replicasNotPinnedCheck, bare('resource:default/db', 'Resource'))
        .status,
    ).toBe('not-applicable');
    expect(
      run(
        replicasNotPinnedCheck,
        bare('resource:default/db', 'Resource', {
          workloads: ok({
            workloads: [],
            danglingScalers: [],
            resourceQuotas: [],
          }),
        }),
      ).status,
    ).toBe('not-applicable');
  });
});
