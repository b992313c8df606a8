/** Quarterly reviews: store, taker, sign-off, routes and the calendar task. */
export {
  createReviews,
  createReviewStore,
  REVIEW_TASK_IDS,
  type ReviewNotices,
  type ReviewsOptions,
} from './setup';
export { readReviewSettings, type ReviewSettings } from './reviewConfig';
export type { ReviewStore, StoredReview } from './ReviewStore';
export { mdText } from './export/reviewMarkdown';
