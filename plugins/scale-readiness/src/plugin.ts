import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { scaleReadinessApiRef } from './api/ScaleReadinessApi';
import { ScaleReadinessClient } from './api/ScaleReadinessClient';
import {
  planRouteRef,
  plansRouteRef,
  rootRouteRef,
  teamRouteRef,
} from './routes';

/**
 * The Scale Readiness frontend plugin.
 * @public
 */
export const scaleReadinessPlugin = createPlugin({
  id: 'scale-readiness',
  apis: [
    createApiFactory({
      api: scaleReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScaleReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    team: teamRouteRef,
    plans: plansRouteRef,
    plan: planRouteRef,
  },
});

/**
 * The Scale Readiness page, mounted by the app on a route such as
 * `/scale-readiness`: the org overview (org rollup, paged table of teams,
 * backend status) and, below it, team scorecards at
 * `/scale-readiness/teams/:namespace/:name`, readiness reviews at
 * `/scale-readiness/reviews` and launch plans at `/scale-readiness/plans`.
 * @public
 */
export const ScaleReadinessPage = scaleReadinessPlugin.provide(
  createRoutableExtension({
    name: 'ScaleReadinessPage',
    component: () =>
      import('./components/ScaleReadinessPage').then(m => m.ScaleReadinessPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity overview card: readiness level, score, own and chain headroom at the
 * configured growth factor, per-dimension status, coverage and a link to the
 * Scale Readiness tab. Use inside an entity page (needs `useEntity`).
 * @public
 */
export const EntityScaleReadinessCard = scaleReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityScaleReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityScaleReadinessCard').then(
          m => m.EntityScaleReadinessCard,
        ),
    },
  }),
);

/**
 * Entity tab content: checks grouped by dimension with evidence and
 * remediation, dependency chain to the weakest link, growth simulator
 * (recomputed in the browser), history of changes and a re-score button.
 * @public
 */
export const EntityScaleReadinessContent = scaleReadinessPlugin.provide(
  createComponentExtension({
    name: 'EntityScaleReadinessContent',
    component: {
      lazy: () =>
        import('./components/EntityScaleReadinessContent').then(
          m => m.EntityScaleReadinessContent,
        ),
    },
  }),
);

/**
 * Group page tab: the scorecard of the group and its sub-groups (components
 * table with filters and CSV export, rollups, weakest links, champions,
 * growth simulator).
 * @public
 */
export const GroupScaleReadinessContent = scaleReadinessPlugin.provide(
  createComponentExtension({
    name: 'GroupScaleReadinessContent',
    component: {
      lazy: () =>
        import('./components/TeamScorecard').then(
          m => m.GroupScaleReadinessContent,
        ),
    },
  }),
);
