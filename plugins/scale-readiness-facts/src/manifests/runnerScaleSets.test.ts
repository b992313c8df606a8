import { parseRunnerScaleSets } from './runnerScaleSets';

const SET = `
apiVersion: actions.github.com/v1alpha1
kind: AutoscalingRunnerSet
metadata:
  name: arc-checkout
  namespace: arc-runners
spec:
  githubConfigUrl: https://github.com/northwind
  runnerScaleSetName: checkout-linux
  runnerGroup: checkout
  minRunners: 2
  maxRunners: 20
status:
  currentRunners: 5
  runningEphemeralRunners: 4
  pendingEphemeralRunners: 1
`;

describe('parseRunnerScaleSets', () => {
  it('reads spec and status of AutoscalingRunnerSets and ignores other objects', () => {
    const parsed = parseRunnerScaleSets([
      {
        path: 'runners/arc.yaml',
        content: `${SET}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
---
apiVersion: v1
kind: List
items:
  - apiVersion: actions.github.com/v1alpha1
    kind: AutoscalingRunnerSet
    metadata: { name: arc-gpu }
    spec: { githubConfigUrl: https://github.com/northwind }
`,
      },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.scaleSets).toEqual([
      {
        name: 'arc-checkout',
        namespace: 'arc-runners',
        scaleSetName: 'checkout-linux',
        runnerGroup: 'checkout',
        githubConfigUrl: 'https://github.com/northwind',
        minRunners: 2,
        maxRunners: 20,
        currentRunners: 5,
        runningRunners: 4,
        pendingRunners: 1,
        location: 'runners/arc.yaml',
      },
      {
        name: 'arc-gpu',
        scaleSetName: 'arc-gpu',
        githubConfigUrl: 'https://github.com/northwind',
        location: 'runners/arc.yaml',
      },
    ]);
  });

  it('reports bad YAML and wrong field types per file and keeps the rest', () => {
    const parsed = parseRunnerScaleSets([
      { path: 'b.yaml', content: 'kind: [unclosed' },
      {
        path: 'a.yaml',
        content: `${SET.replace('maxRunners: 20', 'maxRunners: "twenty"')}---
apiVersion: actions.github.com/v1alpha1
kind: AutoscalingRunnerSet
metadata: { name: inverted }
spec: { minRunners: 5, maxRunners: 2 }
`,
      },
      { path: 'c.yaml', content: SET },
    ]);
    expect(parsed.scaleSets.map(s => [s.name, s.maxRunners])).toEqual([
      ['arc-checkout', 20],
    ]);
    expect(parsed.errors.map(e => e.path)).toEqual([
      'a.yaml',
      'a.yaml',
      'b.yaml',
    ]);
    expect(parsed.errors[0].message).toContain(
      'spec.maxRunners must be a non-negative integer, got "twenty" (document 1)',
    );
    expect(parsed.errors[1].message).toContain('is above spec.maxRunners (2)');
  });

  it('keeps the first of two objects with the same namespace and name', () => {
    const parsed = parseRunnerScaleSets([
      {
        path: 'z.yaml',
        content: SET.replace('maxRunners: 20', 'maxRunners: 99'),
      },
      { path: 'a.yaml', content: SET },
    ]);
    expect(parsed.scaleSets).toHaveLength(1);
    expect(parsed.scaleSets[0]).toMatchObject({
      maxRunners: 20,
      location: 'a.yaml',
    });
  });
});
