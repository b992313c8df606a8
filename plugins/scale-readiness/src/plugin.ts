import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { scaleReadinessApiRef } from './api/ScaleReadinessApi';
import { ScaleReadinessClient } from './api/ScaleReadinessClient';
import { rootRouteRef } from './routes';

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
  },
});

/**
 * The Scale Readiness page (org overview), mounted by the app on a route such as
 * `/scale-readiness`.
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
