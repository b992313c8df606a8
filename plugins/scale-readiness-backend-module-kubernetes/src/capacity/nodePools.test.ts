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
});
