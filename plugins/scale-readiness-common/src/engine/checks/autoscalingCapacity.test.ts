import {
  nodeHeadroomCheck,
  serverlessConcurrencyCheck,
} from './autoscalingCapacity';
import {
  bare,
  nodeCapacity,
  ok,
  run,
  service,
} from '../__testUtils__/builders';

describe('autoscaling.node-headroom', () => {
  it('uses Σ maxSize / Σ currentSize of node groups and the minimum over clusters', () => {
    const facts = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        {
          name: 'eu',
          nodeGroups: [
            { name: 'a', maxSize: 30, currentSize: 5 },
            { name: 'b', maxSize: 10, currentSize: 5 },
          ],
          nodePools: [],
        },
        {
          name: 'us',
          nodeGroups: [{ name: 'c', maxSize: 12, currentSize: 6 }],
          nodePools: [],
        },
      ]),
    });
    const outcome = run(nodeHeadroomCheck, facts);
    expect(outcome.status).toBe('fail');
    expect(outcome.headroom).toBe(2);
    expect(outcome.message).toContain("cluster 'us'");
    expect(outcome.remediation).toContain('total ≥ 18 nodes (current 6 × 3)');
    expect(outcome.evidence).toHaveLength(2);
  });

  it('fails a cluster without node autoscaler (neither cluster-autoscaler nor Karpenter): it cannot add nodes, 1× (issue 16, item 4)', () => {
    const facts = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        {
          name: 'onprem',
          nodeGroups: [],
          nodePools: [],
          noNodeAutoscaler: true,
        },
      ]),
    });
    const outcome = run(nodeHeadroomCheck, facts);
    expect(outcome.status).toBe('fail');
    expect(outcome.headroom).toBe(1);
    expect(outcome.message).toContain(
      "cluster 'onprem', no node autoscaler (neither cluster-autoscaler nor Karpenter found)",
    );
    expect(outcome.remediation).toContain(
      'Install cluster-autoscaler or Karpenter',
    );
    // Without that knowledge a cluster with no group and no pool stays unknown.
    const unknown = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        { name: 'onprem', nodeGroups: [], nodePools: [] },
      ]),
    });
    expect(run(nodeHeadroomCheck, unknown).status).toBe('unknown');
  });

  it('uses Karpenter NodePool CPU limits, unbounded without a limit', () => {
    const limited = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        {
          name: 'k',
          nodeGroups: [],
          nodePools: [{ name: 'default', limitCpu: 1000, usedCpu: 200 }],
        },
      ]),
    });
    expect(run(nodeHeadroomCheck, limited)).toMatchObject({
      status: 'pass',
      headroom: 5,
    });
    const tight = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        {
          name: 'k',
          nodeGroups: [],
          nodePools: [{ name: 'default', limitCpu: 100, usedCpu: 80 }],
        },
      ]),
    });
    const fail = run(nodeHeadroomCheck, tight);
    expect(fail).toMatchObject({ status: 'fail', headroom: 1.25 });
    expect(fail.remediation).toContain('spec.limits.cpu');
    const unbounded = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        {
          name: 'k',
          nodeGroups: [],
          nodePools: [{ name: 'default', usedCpu: 80 }],
        },
      ]),
    });
    expect(run(nodeHeadroomCheck, unbounded)).toMatchObject({
      status: 'pass',
      headroom: null,
    });
  });

  it('is unknown when a cluster has no node data, or no cluster is known for a service', () => {
    const empty = service('component:default/api', {
      nodeCapacity: nodeCapacity([
        { name: 'x', nodeGroups: [], nodePools: [] },
      ]),
    });
    expect(run(nodeHeadroomCheck, empty).status).toBe('unknown');
    expect(
      run(
        nodeHeadroomCheck,
        service('component:default/api', { nodeCapacity: nodeCapacity([]) }),
      ).status,
    ).toBe('unknown');
    expect(
      run(
        nodeHeadroomCheck,
        service('component:default/api', { nodeCapacity: undefined }),
      ).status,
    ).toBe('unknown');
  });

  it('a failing cluster wins over an unknown one; an unknown one stops a pass', () => {
    const failing = nodeCapacity([
      {
        name: 'a',
        nodeGroups: [{ name: 'g', maxSize: 2, currentSize: 2 }],
        nodePools: [],
      },
      { name: 'b', nodeGroups: [], nodePools: [] },
    ]);
    expect(
      run(
        nodeHeadroomCheck,
        service('component:default/api', { nodeCapacity: failing }),
      ).status,
    ).toBe('fail');
    const passing = nodeCapacity([
      {
        name: 'a',
        nodeGroups: [{ name: 'g', maxSize: 20, currentSize: 2 }],
        nodePools: [],
      },
      { name: 'b', nodeGroups: [], nodePools: [] },
    ]);
    const outcome = run(
      nodeHeadroomCheck,
      service('component:default/api', { nodeCapacity: passing }),
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.headroom).toBe(10);
  });

  it('is n/a for a function and applies to a cluster Resource with capacity facts', () => {
    expect(
      run(
        nodeHeadroomCheck,
        service('component:default/fn', {
          type: 'function',
          workloads: undefined,
          nodeCapacity: undefined,
        }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(
        nodeHeadroomCheck,
        bare('resource:default/prod-eu', 'Resource', {
          nodeCapacity: nodeCapacity(),
        }),
      ).status,
    ).toBe('pass');
  });
});

describe('autoscaling.serverless-concurrency', () => {
  const fn = (f: Record<string, unknown>, type = 'function') =>
    service('component:default/fn', {
      type,
      workloads: undefined,
      nodeCapacity: undefined,
      serverless: ok({ functions: [f as never] }, { source: 'aws' }),
    });

  it('uses reserved concurrency before account concurrency', () => {
    const outcome = run(
      serverlessConcurrencyCheck,
      fn({
        functionName: 'checkout',
        reservedConcurrency: 100,
        accountConcurrency: 1000,
        peakConcurrency: 50,
      }),
    );
    expect(outcome).toMatchObject({ status: 'fail', headroom: 2 });
    expect(outcome.remediation).toContain(
      "reserved concurrency of 'checkout' to ≥ 150",
    );
  });

  it('passes on account concurrency with enough headroom, fails with the quota to raise', () => {
    expect(
      run(
        serverlessConcurrencyCheck,
        fn({
          functionName: 'a',
          accountConcurrency: 1000,
          peakConcurrency: 200,
        }),
      ).status,
    ).toBe('pass');
    const outcome = run(
      serverlessConcurrencyCheck,
      fn({ functionName: 'a', accountConcurrency: 1000, peakConcurrency: 400 }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('L-B99A9384');
  });

  it('is unknown without any limit, and for a function without facts', () => {
    expect(
      run(
        serverlessConcurrencyCheck,
        fn({ functionName: 'a', peakConcurrency: 4 }),
      ).status,
    ).toBe('unknown');
    expect(
      run(
        serverlessConcurrencyCheck,
        service('component:default/fn', { type: 'lambda' }),
      ).status,
    ).toBe('unknown');
  });

  it('is n/a for a container service without serverless facts', () => {
    expect(run(serverlessConcurrencyCheck, service()).status).toBe(
      'not-applicable',
    );
  });
});
