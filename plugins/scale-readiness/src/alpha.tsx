/**
 * Scale Readiness for the new frontend system: the same views as the legacy
 * exports, as blueprints (API, page, entity card, entity tabs).
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { scaleReadinessApiRef } from './api/ScaleReadinessApi';
import { ScaleReadinessClient } from './api/ScaleReadinessClient';
import {
  planRouteRef,
  plansRouteRef,
  rootRouteRef,
  teamRouteRef,
} from './routes';

/**
 * The Scale Readiness API client (discovery + fetch).
 * @alpha
 */
export const scaleReadinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scaleReadinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScaleReadinessClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Scale Readiness page at `/scale-readiness`: the org overview, with team
 * scorecards below it at `teams/:namespace/:name` (the `team` sub-route) and
 * launch plans at `plans` and `plans/:planId` (the `plans`/`plan` sub-routes). The
 * page renders its own header, so the plugin page header is hidden. Its title
 * and icon give the app's navigation its entry.
 * @alpha
 */
export const scaleReadinessPage = PageBlueprint.make({
  params: {
    path: '/scale-readiness',
    title: 'Scale Readiness',
    icon: <TrendingUpIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ScaleReadinessPage').then(m => (
        <m.ScaleReadinessPage />
      )),
  },
});

/**
 * Overview card of a component: level, score, headroom, weakest link,
 * dimensions and a link to the Scale Readiness tab.
 * @alpha
 */
export const scaleReadinessEntityCard = EntityCardBlueprint.make({
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityScaleReadinessCard').then(m => (
        <m.EntityScaleReadinessCard />
      )),
  },
});

/**
 * The Scale Readiness tab of a component: checks by dimension, dependency
 * chain, growth simulator and history.
 * @alpha
 */
export const scaleReadinessEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/scale-readiness',
    title: 'Scale Readiness',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityScaleReadinessContent').then(m => (
        <m.EntityScaleReadinessContent />
      )),
  },
});

/**
 * The Scale Readiness tab of a group: the team scorecard of the group and its
 * sub-groups.
 * @alpha
 */
export const scaleReadinessGroupContent = EntityContentBlueprint.make({
  name: 'group',
  params: {
    path: '/scale-readiness',
    title: 'Scale Readiness',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamScorecard').then(m => (
        <m.GroupScaleReadinessContent />
      )),
  },
});

/**
 * The Scale Readiness plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'scale-readiness',
  title: 'Scale Readiness',
  icon: <TrendingUpIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    team: teamRouteRef,
    plans: plansRouteRef,
    plan: planRouteRef,
  },
  extensions: [
    scaleReadinessApi,
    scaleReadinessPage,
    scaleReadinessEntityCard,
    scaleReadinessEntityContent,
    scaleReadinessGroupContent,
  ],
});
