import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { dueQuarter, type ReviewCalendar } from './calendar';
import type { ReviewStore, StoredReview } from './ReviewStore';
import type { ReviewTaker } from './ReviewTaker';

/**
 * The periodic check behind scheduled reviews: takes the review of a quarter
 * once it is due, exactly once (the period is unique in the database, so
 * several replicas cannot take it twice).
 */
export class ReviewScheduler {
  readonly #o: {
    logger: LoggerService;
    store: ReviewStore;
    taker: ReviewTaker;
    calendar: ReviewCalendar;
  };

  constructor(options: {
    logger: LoggerService;
    store: ReviewStore;
    taker: ReviewTaker;
    calendar: ReviewCalendar;
  }) {
    this.#o = options;
  }

  /**
   * Takes the due quarter's review if it has not been taken.
   * @returns the review taken, or undefined
   */
  async check(now: Date = new Date()): Promise<StoredReview | undefined> {
    const { store, taker, calendar, logger } = this.#o;
    const quarter = dueQuarter(now, calendar);
    if (!quarter) return undefined;
    const existing = await store.getReviewByPeriod(quarter.period);
    if (existing?.status === 'frozen') return undefined;
    try {
      return await taker.take({ trigger: 'scheduled', period: quarter.period });
    } catch (error) {
      if (error instanceof ConflictError) {
        logger.info(`Review of ${quarter.period} is being taken elsewhere`);
        return undefined;
      }
      throw error;
    }
  }
}
