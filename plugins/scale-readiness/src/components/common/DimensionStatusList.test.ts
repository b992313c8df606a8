import type {
  CheckResult,
  DimensionScore,
} from '@scale-readiness/plugin-scale-readiness-common';
import { dimensionStatus } from './DimensionStatusList';

const score: DimensionScore = {
  dimension: 'docs',
  score: 100,
  counts: { pass: 2, warn: 0, fail: 1, unknown: 0, 'not-applicable': 0 },
};
const check = (id: string, over: Partial<CheckResult> = {}): CheckResult => ({
  id,
  dimension: 'docs',
  title: id,
  status: 'pass',
  severity: 'medium',
  message: '',
  evidence: [],
  ...over,
});

describe('dimensionStatus', () => {
  it('says Pass (1 waived) when the only failure is waived, matching the 100 score', () => {
    const checks = [
      check('docs.a'),
      check('docs.b'),
      check('docs.c', {
        status: 'fail',
        waived: { reason: 'r', approvedBy: 'user:default/a', expiresAt: 'x' },
      }),
    ];
    expect(dimensionStatus(score, checks)).toEqual({
      status: 'pass',
      waived: 1,
      label: 'Pass (1 waived)',
    });
  });

  it('keeps an open failure as Fail and ignores other dimensions', () => {
    const checks = [
      check('docs.a', { status: 'fail' }),
      check('quotas.x', { dimension: 'quotas', status: 'unknown' }),
    ];
    expect(dimensionStatus(score, checks).label).toBe('Fail');
  });

  it('falls back to the counts without checks', () => {
    expect(dimensionStatus(score).label).toBe('Fail');
  });
});
