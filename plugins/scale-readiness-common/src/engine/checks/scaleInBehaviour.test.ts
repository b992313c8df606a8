import {
  drainTimeCheck,
  nodeScaleInCheck,
  scaleDownBehaviourCheck,
} from './scaleInBehaviour';
import {
  nodeCapacity,
  run,
  scaler,
  service,
  workload,
  workloads,
} from '../__testUtils__/builders';
import type { WorkloadFacts } from '../../facts';

const one = (w: Partial<WorkloadFacts>) =>
  service('component:default/api', { workloads: workloads([workload(w)]) });

describe('scale-in.scale-down-behaviour', () => {
  it('passes the Kubernetes defaults (300 s window)', () => {
    const outcome = run(scaleDownBehaviourCheck, one({}));
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toContain('stabilisation 300 s (default)');
  });

  it('fails a short window that may remove half the pods, warns a short window with a gentle policy', () => {
    const fast = run(
      scaleDownBehaviourCheck,
      one({
        scalers: [
          scaler({
            scaleDown: {
              stabilizationWindowSeconds: 0,
              policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
            },
          }),
        ],
      }),
    );
    expect(fast.status).toBe('fail');
    expect(fast.message).toContain('stabilisation 0 s, up to 100 % of pods');
    expect(fast.remediation).toContain('stabilizationWindowSeconds ≥ 300');
    const gentle = run(
      scaleDownBehaviourCheck,
      one({
        scalers: [
          scaler({
            scaleDown: {
              stabilizationWindowSeconds: 30,
              policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
            },
          }),
        ],
      }),
    );
    expect(gentle.status).toBe('warn');
  });

  it('is not applicable without an HPA', () => {
    expect(
      run(scaleDownBehaviourCheck, one({ scalers: [], replicas: 3 })).status,
    ).toBe('not-applicable');
  });
});

describe('scale-in.node-scale-in', () => {
  it('warns when pods keep their nodes from scaling in', () => {
    expect(run(nodeScaleInCheck, one({})).status).toBe('pass');
    const blocked = run(
      nodeScaleInCheck,
      one({
        evictionBlockers: [
          'cluster-autoscaler.kubernetes.io/safe-to-evict=false',
        ],
      }),
    );
    expect(blocked.status).toBe('warn');
    expect(blocked.message).toContain('safe-to-evict=false');
    expect(blocked.remediation).toContain('PodDisruptionBudget');
  });
});

describe('scale-in.node-scale-in on Karpenter NodePools', () => {
  it('warns when a NodePool disruption budget allows no node at any time', () => {
    const outcome = run(
      nodeScaleInCheck,
      service('component:default/api', {
        workloads: workloads([workload()]),
        nodeCapacity: nodeCapacity([
          {
            name: 'prod',
            nodeGroups: [],
            nodePools: [
              {
                name: 'default',
                limitCpu: 100,
                usedCpu: 10,
                scaleInBlocked: "disruption budget nodes: '0' at all times",
              },
            ],
          },
        ]),
      }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain(
      "NodePool default in cluster 'prod': disruption budget nodes: '0' at all times",
    );
    expect(outcome.remediation).toContain("non-zero nodes value (e.g. '10%')");
  });
});

describe('scale-in.drain-time', () => {
  const worker = scaler({
    kind: 'ScaledObject',
    metrics: ['External/aws-sqs-queue'],
  });
  it('fails when the drain takes longer than the grace period, passes when it fits', () => {
    const slow = run(
      drainTimeCheck,
      one({ drainSeconds: 120, terminationGracePeriodSeconds: 30 }),
    );
    expect(slow.status).toBe('fail');
    expect(slow.message).toContain(
      'drains in 120 s but is killed after terminationGracePeriodSeconds 30 s',
    );
    expect(slow.remediation).toContain('≥ 130');
    expect(run(drainTimeCheck, one({ drainSeconds: 20 })).status).toBe('pass');
  });

  it('is unknown for a queue worker without a declared drain time, n/a for others', () => {
    const unknown = run(drainTimeCheck, one({ scalers: [worker] }));
    expect(unknown.status).toBe('unknown');
    expect(unknown.remediation).toContain('scale-readiness.io/drain-seconds');
    expect(run(drainTimeCheck, one({})).status).toBe('not-applicable');
  });
});
