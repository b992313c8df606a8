import { parseNodeCapacity } from './declaredValues';

const ANNOTATION = 'scale-readiness.io/node-capacity';

describe('parseNodeCapacity', () => {
  it('reads nodeAutoscaler: none as a cluster that cannot add nodes', () => {
    expect(
      parseNodeCapacity('nodeAutoscaler: none\n', ANNOTATION, 'onprem'),
    ).toEqual({
      name: 'onprem',
      nodeGroups: [],
      nodePools: [],
      noNodeAutoscaler: true,
    });
  });

  it('refuses an empty object and any other nodeAutoscaler value', () => {
    expect(() => parseNodeCapacity('{}', ANNOTATION, 'c')).toThrow(
      'expected nodeGroups, nodePools or nodeAutoscaler: none',
    );
    expect(() =>
      parseNodeCapacity('nodeAutoscaler: karpenter', ANNOTATION, 'c'),
    ).toThrow(/nodeAutoscaler/);
  });
});
