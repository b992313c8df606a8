import {
  percentile,
  summariseTimeToAccess,
  timeToAccessSummary,
} from './timeToAccess';

const at = (s: number) => new Date(Date.UTC(2026, 10, 25) + s * 1000);

describe('time-to-access', () => {
  it('computes median and nearest-rank p90', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([...ten, 100], 90)).toBe(10);
  });

  it('measures real grants, and dry-run ones only when there is nothing else', () => {
    const real = [
      { requestedAt: at(0), activatedAt: at(2), dryRun: false },
      { requestedAt: at(0), activatedAt: at(4), dryRun: false },
      { requestedAt: at(0), activatedAt: at(60), dryRun: false },
    ];
    const dry = { requestedAt: at(0), activatedAt: at(1000), dryRun: true };
    expect(
      summariseTimeToAccess('group:default/a', 90, [...real, dry]),
    ).toEqual({
      team: 'group:default/a',
      windowDays: 90,
      count: 3,
      medianSeconds: 4,
      p90Seconds: 60,
      dryRun: false,
    });
    expect(summariseTimeToAccess('group:default/a', 90, [dry])).toMatchObject({
      count: 1,
      medianSeconds: 1000,
      dryRun: true,
    });
    expect(summariseTimeToAccess('group:default/a', 90, [])).toEqual({
      team: 'group:default/a',
      windowDays: 90,
      count: 0,
      medianSeconds: null,
      p90Seconds: null,
      dryRun: false,
    });
  });
});

describe('timeToAccessSummary', () => {
  const measured = (
    count: number,
    median: number | null,
    p90: number | null,
  ) => ({
    team: 'group:default/a',
    windowDays: 90,
    count,
    medianSeconds: median,
    p90Seconds: p90,
    dryRun: false,
  });

  it('converts seconds to hours for a review', () => {
    expect(timeToAccessSummary(measured(3, 5400, 36_000))).toEqual({
      samples: 3,
      medianHours: 1.5,
      p90Hours: 10,
    });
  });

  it('says nothing (not 0 h) when no grant was measured', () => {
    expect(timeToAccessSummary(measured(0, null, null))).toBeUndefined();
  });
});
