import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_KUBERNETES_SOURCE_CONFIG,
  readKubernetesSourceConfig,
} from './config';

const read = (kubernetes?: object) =>
  readKubernetesSourceConfig(
    mockServices.rootConfig({
      data: kubernetes ? { scaleReadiness: { kubernetes } } : {},
    }),
  );

describe('readKubernetesSourceConfig', () => {
  it('applies the defaults', () => {
    expect(read()).toEqual(DEFAULT_KUBERNETES_SOURCE_CONFIG);
  });

  it('reads every key', () => {
    expect(
      read({
        enabled: false,
        peakWindowDays: 30,
        customResources: {
          scaledObjects: false,
          rollouts: false,
          canaries: false,
          horizontalPodAutoscalers: true,
        },
        clusterAutoscalerStatus: { namespace: 'autoscaler', name: 'ca-status' },
        namespaceLookups: false,
        concurrency: 8,
        listPageSize: 100,
        requestTimeoutSeconds: 5,
        clusterCacheSeconds: 0,
      }),
    ).toEqual({
      enabled: false,
      peakWindowDays: 30,
      customResources: {
        podDisruptionBudgets: true,
        scaledObjects: false,
        rollouts: false,
        canaries: false,
        horizontalPodAutoscalers: true,
        nodePools: true,
        clusterAutoscalerStatus: true,
      },
      clusterAutoscalerStatus: { namespace: 'autoscaler', name: 'ca-status' },
      namespaceLookups: false,
      concurrency: 8,
      listPageSize: 100,
      requestTimeoutMs: 5000,
      clusterCacheMs: 0,
    });
  });

  it('rejects invalid values at startup', () => {
    expect(() => read({ peakWindowDays: 0 })).toThrow(
      'scaleReadiness.kubernetes.peakWindowDays must be a positive integer, got 0',
    );
    expect(() => read({ peakWindowDays: 1.5 })).toThrow('positive integer');
    expect(() => read({ clusterAutoscalerStatus: { name: ' ' } })).toThrow(
      'must not be empty',
    );
    expect(() => read({ requestTimeoutSeconds: -1 })).toThrow(
      'positive number',
    );
  });
});
