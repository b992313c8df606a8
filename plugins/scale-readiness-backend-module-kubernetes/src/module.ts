import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  scaleReadinessChecksExtensionPoint,
  scaleReadinessFactProvidersExtensionPoint,
} from '@scale-readiness/plugin-scale-readiness-node';
import { KubernetesBackendClient } from './client/KubernetesBackendClient';
import { readKubernetesSourceConfig } from './config';
import { PeakReplicaStore } from './database/PeakReplicaStore';
import { manifestDriftCheck } from './drift/manifestDriftCheck';
import { KubernetesFactProvider } from './KubernetesFactProvider';

/**
 * Scale Readiness module `kubernetes`: adds the live Kubernetes fact provider
 * (workloads, autoscalers, PDBs, observed peak replicas, node capacity) and
 * the `autoscaling.manifest-drift` check. Reads clusters only through the
 * Backstage Kubernetes backend (`@backstage/plugin-kubernetes-backend`), which
 * must be installed in the same backend. Disabled with
 * `scaleReadiness.kubernetes.enabled: false`.
 * @public
 */
export const scaleReadinessModuleKubernetes = createBackendModule({
  pluginId: 'scale-readiness',
  moduleId: 'kubernetes',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: scaleReadinessFactProvidersExtensionPoint,
        checks: scaleReadinessChecksExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        database: coreServices.database,
      },
      async init({
        providers,
        checks,
        config,
        logger,
        discovery,
        auth,
        database,
      }) {
        const settings = readKubernetesSourceConfig(config);
        if (!settings.enabled) {
          logger.info(
            'Live Kubernetes source disabled (scaleReadiness.kubernetes.enabled)',
          );
          return;
        }
        const client = new KubernetesBackendClient({
          discovery,
          auth,
          timeoutMs: settings.requestTimeoutMs,
          pageSize: settings.listPageSize,
        });
        providers.addFactProvider(
          new KubernetesFactProvider({
            client,
            peaks: await PeakReplicaStore.create({ database }),
            config: settings,
            logger,
          }),
        );
        checks.addCheck(manifestDriftCheck);
      },
    });
  },
});
