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
