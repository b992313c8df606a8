import type { ScorecardRow } from '@scale-readiness/plugin-scale-readiness-common';
import {
  addToRollup,
  computeRollup,
  createRollupAccumulator,
  finishRollup,
} from './rollup';

function row(partial: Partial<ScorecardRow>): ScorecardRow {
  return {
    entityRef: 'component:default/x',
    kind: 'Component',
    level: 'bronze',
    score: 50,
    ownHeadroom: null,
    chainHeadroom: null,
    coverage: 1,
    dimensions: {
      autoscaling: { score: 100, worst: 'pass' },
      quotas: { score: 0, worst: 'fail' },
      docs: { score: null, worst: 'not-applicable' },
      ownership: { score: 50, worst: 'warn' },
    },
    failing: ['quotas.lambda-concurrency'],
    evaluatedAt: '2026-11-25T12:00:00.000Z',
    ...partial,
  };
}

describe('computeRollup', () => {
  it('is all zeros and nulls for no components, never NaN', () => {
    const rollup = computeRollup([], 3);
    expect(rollup).toEqual({
      components: 0,
      score: null,
      levels: { 'not-ready': 0, bronze: 0, silver: 0, gold: 0 },
      dimensions: {
        autoscaling: { score: null, failing: 0 },
        quotas: { score: null, failing: 0 },
        docs: { score: null, failing: 0 },
        ownership: { score: null, failing: 0 },
      },
      atRisk: 0,
      coverage: 0,
    });
    expect(JSON.stringify(rollup)).not.toContain('NaN');
  });

  it('averages scores over scored components and counts levels and risk', () => {
    const rollup = computeRollup(
      [
        row({ level: 'gold', score: 90, chainHeadroom: 10, coverage: 1 }),
        row({ level: 'bronze', score: 40, chainHeadroom: 2.99, coverage: 0.5 }),
        row({
          level: 'not-ready',
          score: null,
          chainHeadroom: 3,
          coverage: 0.25,
        }),
        row({
          level: 'silver',
          score: 71,
          chainHeadroom: null,
          coverage: 0.75,
          dimensions: {
            autoscaling: { score: 0, worst: 'fail' },
            quotas: { score: 100, worst: 'pass' },
            docs: { score: 100, worst: 'pass' },
            ownership: { score: null, worst: null },
          },
        }),
      ],
      3,
    );
    expect(rollup.components).toBe(4);
    expect(rollup.score).toBe(67); // (90 + 40 + 71) / 3
    expect(rollup.levels).toEqual({
      'not-ready': 1,
      bronze: 1,
      silver: 1,
      gold: 1,
    });
    expect(rollup.atRisk).toBe(1); // only 2.99 < 3; exactly 3 survives, null is unbounded
    expect(rollup.coverage).toBe(0.625);
    expect(rollup.dimensions).toEqual({
      autoscaling: { score: 75, failing: 1 },
      quotas: { score: 25, failing: 3 },
      docs: { score: 100, failing: 0 },
      ownership: { score: 50, failing: 0 },
    });
  });

  it('counts a component at risk against its own (scoped) growth factor, not the global one', () => {
    const rollup = computeRollup(
      [
        // a System growing 1.5x: a chain headroom of 2 is enough
        row({ chainHeadroom: 2, growthFactor: 1.5 }),
        // a component declared at 5x: 4 is not enough although 4 >= 3
        row({ chainHeadroom: 4, growthFactor: 5 }),
        row({ chainHeadroom: 4.5, growthFactor: 5 }),
        // no scoped factor: the global 3x
        row({ chainHeadroom: 2.5 }),
      ],
      3,
    );
    // at the global 3x only the first and the last would be
    expect(rollup.atRisk).toBe(3);
  });

  it('gives the same result whatever the order and when streamed', () => {
    const rows = [10.1, 20.2, 30.3, 40.4, 55.55, 66.66, 0.07].map((score, i) =>
      row({ score, coverage: i / 7, chainHeadroom: i }),
    );
    const forward = computeRollup(rows, 2);
    const backward = computeRollup([...rows].reverse(), 2);
    expect(backward).toEqual(forward);
    const acc = createRollupAccumulator(2);
    rows.forEach(r => addToRollup(acc, r));
    expect(finishRollup(acc)).toEqual(forward);
    expect(forward.atRisk).toBe(2); // headroom 0 and 1
  });
});
