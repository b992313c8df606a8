import type { RootConfigService } from '@backstage/backend-plugin-api';

/** A config reader (`RootConfigService` or one of its sub-configs). */
type Config = NonNullable<ReturnType<RootConfigService['getOptionalConfig']>>;

/** Settings of the live Kubernetes source (`scaleReadiness.kubernetes`). @public */
export interface KubernetesSourceConfig {
  enabled: boolean;
  peakWindowDays: number;
  customResources: {
    podDisruptionBudgets: boolean;
    scaledObjects: boolean;
    rollouts: boolean;
    canaries: boolean;
    horizontalPodAutoscalers: boolean;
    nodePools: boolean;
    clusterAutoscalerStatus: boolean;
  };
  clusterAutoscalerStatus: { namespace: string; name: string };
  namespaceLookups: boolean;
  concurrency: number;
  listPageSize: number;
  requestTimeoutMs: number;
  clusterCacheMs: number;
}

/** The defaults documented in `config.d.ts` and docs/kubernetes.md. @public */
export const DEFAULT_KUBERNETES_SOURCE_CONFIG: KubernetesSourceConfig = {
  enabled: true,
  peakWindowDays: 14,
  customResources: {
    podDisruptionBudgets: true,
    scaledObjects: true,
    rollouts: true,
    canaries: true,
    horizontalPodAutoscalers: false,
    nodePools: true,
    clusterAutoscalerStatus: true,
  },
  clusterAutoscalerStatus: {
    namespace: 'kube-system',
    name: 'cluster-autoscaler-status',
  },
  namespaceLookups: true,
  concurrency: 4,
  listPageSize: 500,
  requestTimeoutMs: 30_000,
  clusterCacheMs: 300_000,
};

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  options: { integer?: boolean } = {},
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0) || (options.integer && !Number.isInteger(value))) {
    throw new Error(
      `scaleReadiness.kubernetes.${key} must be a positive ${
        options.integer ? 'integer' : 'number'
      }, got ${value}`,
    );
  }
  return value;
}

function nonEmpty(
  config: Config | undefined,
  key: string,
  fallback: string,
): string {
  const value = config?.getOptionalString(key);
  if (value === undefined) return fallback;
  if (value.trim() === '') {
    throw new Error(`scaleReadiness.kubernetes.${key} must not be empty`);
  }
  return value.trim();
}

/**
 * Reads `scaleReadiness.kubernetes` from the app config, applying defaults.
 * Throws on values that are present but invalid (a negative window, an empty
 * ConfigMap name), so a typo fails at startup rather than silently.
 * @public
 */
export function readKubernetesSourceConfig(
  rootConfig: RootConfigService,
): KubernetesSourceConfig {
  const c = rootConfig.getOptionalConfig('scaleReadiness.kubernetes');
  const d = DEFAULT_KUBERNETES_SOURCE_CONFIG;
  const toggle = (key: keyof KubernetesSourceConfig['customResources']) =>
    c?.getOptionalBoolean(`customResources.${key}`) ?? d.customResources[key];
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? d.enabled,
    peakWindowDays: positive(c, 'peakWindowDays', d.peakWindowDays, {
      integer: true,
    }),
    customResources: {
      podDisruptionBudgets: toggle('podDisruptionBudgets'),
      scaledObjects: toggle('scaledObjects'),
      rollouts: toggle('rollouts'),
      canaries: toggle('canaries'),
      horizontalPodAutoscalers: toggle('horizontalPodAutoscalers'),
      nodePools: toggle('nodePools'),
      clusterAutoscalerStatus: toggle('clusterAutoscalerStatus'),
    },
    clusterAutoscalerStatus: {
      namespace: nonEmpty(
        c,
        'clusterAutoscalerStatus.namespace',
        d.clusterAutoscalerStatus.namespace,
      ),
      name: nonEmpty(
        c,
        'clusterAutoscalerStatus.name',
        d.clusterAutoscalerStatus.name,
      ),
    },
    namespaceLookups:
      c?.getOptionalBoolean('namespaceLookups') ?? d.namespaceLookups,
    concurrency: positive(c, 'concurrency', d.concurrency, { integer: true }),
    listPageSize: positive(c, 'listPageSize', d.listPageSize, {
      integer: true,
    }),
    requestTimeoutMs:
      positive(c, 'requestTimeoutSeconds', d.requestTimeoutMs / 1000) * 1000,
    clusterCacheMs:
      c?.getOptionalNumber('clusterCacheSeconds') === 0
        ? 0
        : positive(c, 'clusterCacheSeconds', d.clusterCacheMs / 1000) * 1000,
  };
}
