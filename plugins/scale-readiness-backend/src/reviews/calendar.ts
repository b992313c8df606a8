/**
 * The review calendar: which quarter a moment belongs to and when its review
 * is due. All computations are in UTC. Pure.
 */

/** Review calendar settings (`scaleReadiness.reviews.calendar`). */
export interface ReviewCalendar {
  /** Month (1–12) the fiscal year starts in. Default 1 (quarters end Mar, Jun, Sep, Dec). */
  fiscalYearStartMonth: number;
  /**
   * Days before the end of the quarter the review is due (0 = at the first
   * check after the quarter ended, i.e. shortly after 00:00 UTC on the first
   * day of the next quarter). Default 0.
   */
  daysBeforeQuarterEnd: number;
  /** A due review is still taken this many days late (e.g. after an outage); older ones are skipped. Default 7. */
  graceDays: number;
}

/** Defaults of {@link ReviewCalendar}. */
export const DEFAULT_REVIEW_CALENDAR: Readonly<ReviewCalendar> = Object.freeze({
  fiscalYearStartMonth: 1,
  daysBeforeQuarterEnd: 0,
  graceDays: 7,
});

const DAY_MS = 86_400_000;

/** A fiscal quarter. */
export interface Quarter {
  /** e.g. `2026-Q4`; the year is the calendar year in which the fiscal year starts. */
  period: string;
  /** First instant of the quarter. */
  start: Date;
  /** First instant after the quarter. */
  end: Date;
}

/** The fiscal quarter containing `at`. */
export function quarterOf(at: Date, calendar: ReviewCalendar): Quarter {
  const startMonth = calendar.fiscalYearStartMonth - 1;
  // months since the start of fiscal year 0
  const monthIndex = at.getUTCFullYear() * 12 + at.getUTCMonth() - startMonth;
  const fiscalYear = Math.floor(monthIndex / 12);
  const quarter = Math.floor((monthIndex - fiscalYear * 12) / 3);
  const firstMonth = fiscalYear * 12 + startMonth + quarter * 3;
  const start = new Date(
    Date.UTC(Math.floor(firstMonth / 12), firstMonth % 12, 1),
  );
  const end = new Date(
    Date.UTC(Math.floor((firstMonth + 3) / 12), (firstMonth + 3) % 12, 1),
  );
  return { period: `${fiscalYear}-Q${quarter + 1}`, start, end };
}

/** When the review of a quarter is due. */
export function dueAt(quarter: Quarter, calendar: ReviewCalendar): Date {
  return new Date(
    quarter.end.getTime() - calendar.daysBeforeQuarterEnd * DAY_MS,
  );
}

/**
 * The quarter whose review should be taken at `now`, if any: the latest
 * quarter whose due time has passed, as long as it is not more than
 * `graceDays` late.
 */
export function dueQuarter(
  now: Date,
  calendar: ReviewCalendar,
): Quarter | undefined {
  const current = quarterOf(now, calendar);
  const previous = quarterOf(new Date(current.start.getTime() - 1), calendar);
  for (const q of [current, previous]) {
    const due = dueAt(q, calendar);
    if (due.getTime() <= now.getTime()) {
      return now.getTime() - due.getTime() <= calendar.graceDays * DAY_MS
        ? q
        : undefined;
    }
  }
  return undefined;
}
