import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';

/**
 * Scale Readiness backend plugin: collects facts about catalog entities,
 * scores them and serves the results under `/api/scale-readiness`.
 * @public
 */
export const scaleReadinessPlugin = createBackendPlugin({
  pluginId: 'scale-readiness',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, httpRouter }) {
        httpRouter.use(await createRouter({ logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
