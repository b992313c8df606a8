import type {
  EntityResult,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import { toComponentSnapshot } from './snapshot';

function row(partial: Partial<ScorecardRow>): ScorecardRow {
  return {
    entityRef: 'component:default/batch-report',
    kind: 'component',
    level: 'silver',
    score: 80,
    ownHeadroom: 2,
    chainHeadroom: 2,
    coverage: 1,
    dimensions: {
      autoscaling: { score: 100, worst: 'pass' },
      quotas: { score: null, worst: null },
      docs: { score: 100, worst: 'pass' },
      ownership: { score: 100, worst: 'pass' },
    },
    failing: [],
    evaluatedAt: '2026-11-25T12:00:00.000Z',
    ...partial,
  };
}

const result = { checks: [] } as unknown as EntityResult;

describe('toComponentSnapshot', () => {
  it('freezes "at risk" against the component’s scoped growth factor', () => {
    // a System growing 1.5×: 2× of chain headroom is enough
    expect(
      toComponentSnapshot(row({ growthFactor: 1.5 }), result, 3).atRisk,
    ).toBe(false);
    // declared at 5×: 4× is not, although it survives the global 3×
    expect(
      toComponentSnapshot(row({ chainHeadroom: 4, growthFactor: 5 }), result, 3)
        .atRisk,
    ).toBe(true);
    expect(toComponentSnapshot(row({}), result, 3).atRisk).toBe(true);
    expect(
      toComponentSnapshot(row({ chainHeadroom: null }), result, 3).atRisk,
    ).toBe(false);
  });
});
