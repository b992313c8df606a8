import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** Root route of the Scale Readiness page (org overview). @public */
export const rootRouteRef = createRouteRef({ id: 'scale-readiness' });

/**
 * Team scorecard page below the root route:
 * `/scale-readiness/teams/:namespace/:name`.
 * @public
 */
export const teamRouteRef = createSubRouteRef({
  id: 'scale-readiness/team',
  parent: rootRouteRef,
  path: '/teams/:namespace/:name',
});

/** Readiness reviews below the root route: `/scale-readiness/reviews`. @public */
export const reviewsRouteRef = createSubRouteRef({
  id: 'scale-readiness/reviews',
  parent: rootRouteRef,
  path: '/reviews',
});

/** One review (org view): `/scale-readiness/reviews/:reviewId`. @public */
export const reviewRouteRef = createSubRouteRef({
  id: 'scale-readiness/review',
  parent: rootRouteRef,
  path: '/reviews/:reviewId',
});

/**
 * One team in a review:
 * `/scale-readiness/reviews/:reviewId/teams/:kind/:namespace/:name`.
 * @public
 */
export const reviewTeamRouteRef = createSubRouteRef({
  id: 'scale-readiness/review-team',
  parent: rootRouteRef,
  path: '/reviews/:reviewId/teams/:kind/:namespace/:name',
});

/** Launch plans below the root route: `/scale-readiness/plans`. @public */
export const plansRouteRef = createSubRouteRef({
  id: 'scale-readiness/plans',
  parent: rootRouteRef,
  path: '/plans',
});

/** One launch plan: `/scale-readiness/plans/:planId`. @public */
export const planRouteRef = createSubRouteRef({
  id: 'scale-readiness/plan',
  parent: rootRouteRef,
  path: '/plans/:planId',
});
