import { readNodePool } from './nodePools';

describe('readNodePool', () => {
  it('reads the CPU limit and usage as cores', () => {
    expect(
      readNodePool({
        metadata: { name: 'general' },
        spec: { limits: { cpu: '1500m', memory: '100Gi' } },
        status: { resources: { cpu: '1200m' } },
      }),
    ).toEqual({ name: 'general', limitCpu: 1.5, usedCpu: 1.2 });
  });

  it('has no limit when spec.limits.cpu is unset, and 0 usage when status is missing', () => {
    expect(readNodePool({ metadata: { name: 'open' }, spec: {} })).toEqual({
      name: 'open',
      usedCpu: 0,
    });
  });

  it('rejects a limit that is not a quantity instead of reading it as unbounded', () => {
    expect(() =>
      readNodePool({
        metadata: { name: 'typo' },
        spec: { limits: { cpu: 'ten' } },
      }),
    ).toThrow('NodePool typo: spec.limits.cpu "ten" is not a quantity');
  });
  it('marks a NodePool whose disruption budget allows no node at any time (issue 16, signal 2)', () => {
    const pool = (budgets: unknown[]) =>
      readNodePool({
        metadata: { name: 'default' },
        spec: { limits: { cpu: '100' }, disruption: { budgets } },
      });
    expect(pool([{ nodes: '0' }]).scaleInBlocked).toBe(
      "disruption budget nodes: '0' at all times",
    );
    expect(pool([{ nodes: '0%' }]).scaleInBlocked).toBe(
      "disruption budget nodes: '0%' at all times",
    );
    // A scheduled freeze (business hours) or a non-zero budget still lets nodes go.
    expect(
      pool([{ nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h' }])
        .scaleInBlocked,
    ).toBeUndefined();
    expect(pool([{ nodes: '10%' }]).scaleInBlocked).toBeUndefined();
  });
});
