import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DEFAULT_REVIEW_CALENDAR } from './calendar';
import { ReviewScheduler } from './ReviewScheduler';
import type { ReviewStore, StoredReview } from './ReviewStore';
import type { ReviewTaker } from './ReviewTaker';

function setup(existing?: Partial<StoredReview>, takeError?: Error) {
  const takes: unknown[] = [];
  const taker = {
    take: async (request: unknown) => {
      takes.push(request);
      if (takeError) throw takeError;
      return { id: 'r', status: 'frozen' } as StoredReview;
    },
  } as unknown as ReviewTaker;
  const store = {
    getReviewByPeriod: async (period: string) =>
      existing && existing.period === period ? existing : undefined,
  } as unknown as ReviewStore;
  const scheduler = new ReviewScheduler({
    logger: mockServices.logger.mock(),
    store,
    taker,
    calendar: DEFAULT_REVIEW_CALENDAR,
  });
  return { scheduler, takes };
}

describe('ReviewScheduler', () => {
  it('takes the review of a quarter that just ended', async () => {
    const { scheduler, takes } = setup();
    await expect(
      scheduler.check(new Date('2027-01-01T01:00:00Z')),
    ).resolves.toMatchObject({ id: 'r' });
    expect(takes).toEqual([{ trigger: 'scheduled', period: '2026-Q4' }]);
  });

  it('does nothing mid-quarter or once the review exists', async () => {
    const mid = setup();
    await mid.scheduler.check(new Date('2026-11-15T00:00:00Z'));
    expect(mid.takes).toEqual([]);
    const done = setup({ period: '2026-Q4', status: 'frozen' });
    await done.scheduler.check(new Date('2027-01-02T00:00:00Z'));
    expect(done.takes).toEqual([]);
  });

  it('treats a concurrent take by another replica as done', async () => {
    const { scheduler, takes } = setup(undefined, new ConflictError('exists'));
    await expect(
      scheduler.check(new Date('2027-01-01T01:00:00Z')),
    ).resolves.toBeUndefined();
    expect(takes).toHaveLength(1);
  });
});
