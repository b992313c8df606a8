import { DEFAULT_REVIEW_CALENDAR, dueQuarter, quarterOf } from './calendar';

const cal = (over = {}) => ({ ...DEFAULT_REVIEW_CALENDAR, ...over });
const d = (iso: string) => new Date(iso);

describe('review calendar', () => {
  it('finds calendar quarters', () => {
    const q = quarterOf(d('2026-11-25T12:00:00Z'), cal());
    expect(q.period).toBe('2026-Q4');
    expect(q.start.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(q.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(quarterOf(d('2027-01-01T00:00:00Z'), cal()).period).toBe('2027-Q1');
  });

  it('follows a fiscal year that starts in another month', () => {
    // fiscal year starting in February: Q4 2026 = Nov 2026 – Jan 2027
    const q = quarterOf(
      d('2027-01-15T00:00:00Z'),
      cal({ fiscalYearStartMonth: 2 }),
    );
    expect(q.period).toBe('2026-Q4');
    expect(q.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(q.end.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(
      quarterOf(d('2026-01-31T23:59:59Z'), cal({ fiscalYearStartMonth: 2 }))
        .period,
    ).toBe('2025-Q4');
  });

  it('makes the review due when the quarter ends, within the grace period', () => {
    expect(dueQuarter(d('2026-12-31T23:59:00Z'), cal())).toBeUndefined();
    expect(dueQuarter(d('2027-01-01T00:30:00Z'), cal())?.period).toBe(
      '2026-Q4',
    );
    expect(dueQuarter(d('2027-01-07T23:00:00Z'), cal())?.period).toBe(
      '2026-Q4',
    );
    expect(dueQuarter(d('2027-01-09T00:00:00Z'), cal())).toBeUndefined();
  });

  it('can make it due some days before the quarter ends', () => {
    const c = cal({ daysBeforeQuarterEnd: 3 });
    expect(dueQuarter(d('2026-12-29T01:00:00Z'), c)?.period).toBe('2026-Q4');
    expect(dueQuarter(d('2026-12-28T23:00:00Z'), c)).toBeUndefined();
  });
});
