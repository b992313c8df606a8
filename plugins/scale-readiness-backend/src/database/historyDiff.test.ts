import { diffCheckStatuses, isHistoryWorthy, sameNumber } from './historyDiff';

describe('diffCheckStatuses', () => {
  it('reports changed, added and removed checks only', () => {
    expect(
      diffCheckStatuses(
        [
          { id: 'autoscaling.hpa-present', status: 'fail' },
          { id: 'docs.runbook', status: 'pass' },
          { id: 'ownership.champions', status: 'warn' },
        ],
        [
          { id: 'autoscaling.hpa-present', status: 'pass' },
          { id: 'docs.runbook', status: 'pass' },
          { id: 'quotas.lambda-concurrency', status: 'unknown' },
        ],
      ),
    ).toEqual({
      'autoscaling.hpa-present': ['fail', 'pass'],
      'ownership.champions': ['warn', null],
      'quotas.lambda-concurrency': [null, 'unknown'],
    });
  });

  it('treats a missing previous result as all new', () => {
    expect(
      diffCheckStatuses(undefined, [{ id: 'docs.runbook', status: 'fail' }]),
    ).toEqual({
      'docs.runbook': [null, 'fail'],
    });
  });
});

describe('isHistoryWorthy', () => {
  const base = { level: 'silver' as const, score: 80, chainHeadroom: 2 };
  it('detects summary and status changes', () => {
    expect(isHistoryWorthy(undefined, base, {})).toBe(true);
    expect(isHistoryWorthy(base, { ...base }, {})).toBe(false);
    expect(isHistoryWorthy(base, { ...base, score: 80 + 1e-12 }, {})).toBe(
      false,
    );
    expect(isHistoryWorthy(base, { ...base, level: 'gold' }, {})).toBe(true);
    expect(isHistoryWorthy(base, { ...base, score: null }, {})).toBe(true);
    expect(isHistoryWorthy(base, { ...base, chainHeadroom: 2.5 }, {})).toBe(
      true,
    );
    expect(
      isHistoryWorthy(base, base, { 'docs.runbook': ['pass', 'warn'] }),
    ).toBe(true);
  });

  it('compares numbers with null as a value', () => {
    expect(sameNumber(null, null)).toBe(true);
    expect(sameNumber(0, null)).toBe(false);
    expect(sameNumber(1.5, 1.5)).toBe(true);
  });
});
