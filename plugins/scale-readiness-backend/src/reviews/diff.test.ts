import { computeRollup } from '../database/rollup';
import { compareComponent, diffTeam } from './diff';
import { snapshot } from './__testUtils__/reviewFixtures';

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const D = 'component:default/d';

describe('compareComponent', () => {
  it('decides by level first, then by score', () => {
    const before = snapshot(A, { level: 'silver', score: 80 });
    expect(
      compareComponent(before, snapshot(A, { level: 'gold', score: 79 }))
        .change,
    ).toBe('improved');
    expect(
      compareComponent(before, snapshot(A, { level: 'bronze', score: 95 }))
        .change,
    ).toBe('regressed');
    expect(
      compareComponent(before, snapshot(A, { level: 'silver', score: 79.5 }))
        .change,
    ).toBe('regressed');
    expect(
      compareComponent(before, snapshot(A, { level: 'silver', score: 80.004 }))
        .change,
    ).toBe('unchanged');
  });

  it('lists changed dimensions and checks', () => {
    const before = snapshot(A);
    const after = snapshot(A, {
      score: 90,
      dimensions: {
        ...before.dimensions,
        docs: { score: 100, worst: 'pass' },
        quotas: { score: null, worst: null },
      },
      checks: {
        'docs.runbook': 'pass',
        'autoscaling.hpa-present': 'pass',
        'quotas.new': 'unknown',
      },
    });
    const change = compareComponent(before, after);
    expect(change).toMatchObject({
      change: 'improved',
      levelBefore: 'silver',
      levelAfter: 'silver',
      scoreBefore: 80,
      scoreAfter: 90,
    });
    expect(change.dimensions).toEqual([
      { dimension: 'quotas', before: 100, after: null, change: 'unchanged' },
      { dimension: 'docs', before: 60, after: 100, change: 'improved' },
    ]);
    expect(change.checks).toEqual({
      'docs.runbook': ['fail', 'pass'],
      'quotas.new': [null, 'unknown'],
    });
  });

  it('reports new and removed components with their one side', () => {
    expect(compareComponent(undefined, snapshot(A))).toMatchObject({
      change: 'new',
      levelAfter: 'silver',
      scoreAfter: 80,
    });
    const removed = compareComponent(snapshot(A, { level: 'gold' }), undefined);
    expect(removed).toMatchObject({ change: 'removed', levelBefore: 'gold' });
    expect(removed.levelAfter).toBeUndefined();
  });
});

describe('diffTeam', () => {
  it('counts nothing without a previous review', () => {
    const current = [snapshot(A)];
    const changes = diffTeam(undefined, current, computeRollup(current, 3));
    expect(changes.previousReviewId).toBeUndefined();
    expect(changes.counts).toEqual({
      improved: 0,
      regressed: 0,
      new: 0,
      removed: 0,
      unchanged: 0,
    });
    expect(changes.components).toEqual([]);
  });

  it('classifies every component and lists exactly the ones that changed', () => {
    const previous = [
      snapshot(A, { level: 'silver', score: 80 }),
      snapshot(B, { level: 'gold', score: 95 }),
      snapshot(C),
    ];
    const current = [
      snapshot(A, {
        level: 'gold',
        score: 92,
        dimensions: {
          ...snapshot(A).dimensions,
          docs: { score: 100, worst: 'pass' },
        },
      }),
      snapshot(B, {
        level: 'bronze',
        score: 55,
        dimensions: {
          ...snapshot(B).dimensions,
          autoscaling: { score: 10, worst: 'fail' },
        },
      }),
      snapshot(D),
    ];
    const changes = diffTeam(
      {
        reviewId: 'r1',
        components: previous,
        rollup: computeRollup(previous, 3),
      },
      current,
      computeRollup(current, 3),
    );
    expect(changes.previousReviewId).toBe('r1');
    expect(changes.counts).toEqual({
      improved: 1,
      regressed: 1,
      new: 1,
      removed: 1,
      unchanged: 0,
    });
    expect(changes.components.map(c => [c.entityRef, c.change])).toEqual([
      [A, 'improved'],
      [B, 'regressed'],
      [C, 'removed'],
      [D, 'new'],
    ]);
    expect(changes.dimensions.docs).toMatchObject({
      improved: 1,
      regressed: 0,
    });
    expect(changes.dimensions.autoscaling).toMatchObject({
      improved: 0,
      regressed: 1,
    });
    expect(changes.scoreBefore).toBeCloseTo((80 + 95 + 80) / 3, 1);
  });

  it('counts identical components as unchanged and does not list them', () => {
    const same = [snapshot(A), snapshot(B)];
    const changes = diffTeam(
      { reviewId: 'r1', components: same, rollup: computeRollup(same, 3) },
      same.map(s => ({ ...s })),
      computeRollup(same, 3),
    );
    expect(changes.counts.unchanged).toBe(2);
    expect(changes.components).toEqual([]);
  });
});
