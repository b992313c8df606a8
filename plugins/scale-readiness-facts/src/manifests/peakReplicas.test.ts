import type { WorkloadSetFacts } from '@scale-readiness/plugin-scale-readiness-common';
import { applyPeakReplicas, parsePeakReplicas } from './peakReplicas';

const set = (names: string[], livePeak?: number): WorkloadSetFacts => ({
  workloads: names.map(name => ({
    kind: 'Deployment',
    name,
    podLabels: {},
    containers: [],
    scalers: [],
    pdbs: [],
    origin: 'manifests',
    ...(livePeak !== undefined ? { peakReplicas: livePeak } : {}),
  })),
  danglingScalers: [],
  resourceQuotas: [],
});

describe('peak replicas', () => {
  it('parses one count or per-workload counts', () => {
    expect(parsePeakReplicas(' 4 ', 'a')).toBe(4);
    expect(parsePeakReplicas('api=4, worker = 2', 'a')).toEqual({
      api: 4,
      worker: 2,
    });
  });

  it('rejects invalid values with the annotation name', () => {
    expect(() => parsePeakReplicas('four', 'peak')).toThrow(
      "peak must be a non-negative integer, got 'four'",
    );
    expect(() => parsePeakReplicas('-1', 'peak')).toThrow(/non-negative/);
    expect(() => parsePeakReplicas('api=1=2', 'peak')).toThrow(
      "peak entry 'api=1=2' is not name=count",
    );
  });

  it('applies to workloads without a live peak', () => {
    expect(
      applyPeakReplicas(set(['api', 'worker']), 4).workloads.map(
        w => w.peakReplicas,
      ),
    ).toEqual([4, 4]);
    expect(
      applyPeakReplicas(set(['api', 'worker']), { worker: 2 }).workloads.map(
        w => w.peakReplicas,
      ),
    ).toEqual([undefined, 2]);
    expect(
      applyPeakReplicas(set(['api'], 7), 4).workloads[0].peakReplicas,
    ).toBe(7);
  });
});
