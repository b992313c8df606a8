import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRequestAccessAction } from './requestAccessAction';

/**
 * Scaffolder backend module adding the `scale-readiness:request-access`
 * template action.
 * @public
 */
export const scaffolderModuleScaleReadiness = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'scale-readiness',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(createRequestAccessAction({ discovery, auth }));
      },
    });
  },
});
