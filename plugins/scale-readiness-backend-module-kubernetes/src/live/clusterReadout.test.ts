import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import { readClusters, resourceOfPath } from './clusterReadout';

const deployment = {
  metadata: { name: 'api', namespace: 'shop' },
  spec: { replicas: 2 },
};

describe('readClusters', () => {
  it('merges the workload and custom answers per cluster and gives objects their kind', () => {
    const workloads = {
      items: [
        {
          cluster: { name: 'prod' },
          podMetrics: [],
          errors: [],
          resources: [
            { type: 'deployments', resources: [deployment] },
            {
              type: 'horizontalpodautoscalers',
              resources: [{ metadata: { name: 'api', namespace: 'shop' } }],
            },
            { type: 'pods', resources: [{ metadata: { name: 'api-1' } }] },
          ],
        },
      ],
    } as unknown as ObjectsByEntityResponse;
    const custom = {
      items: [
        {
          cluster: { name: 'prod' },
          podMetrics: [],
          errors: [],
          resources: [
            {
              type: 'customresources',
              resources: [
                {
                  kind: 'PodDisruptionBudget',
                  metadata: { name: 'api', namespace: 'shop' },
                },
              ],
            },
            { type: 'customresources', resources: [] },
          ],
        },
      ],
    } as unknown as ObjectsByEntityResponse;
    const [prod] = readClusters([workloads, custom]);
    expect(prod.cluster).toBe('prod');
    expect(prod.errors).toEqual([]);
    expect(prod.objects.Deployment).toEqual([
      { ...deployment, apiVersion: 'apps/v1', kind: 'Deployment' },
    ]);
    expect(prod.objects.HorizontalPodAutoscaler[0]).toMatchObject({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
    });
    expect(prod.objects.PodDisruptionBudget[0]).toMatchObject({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
    });
  });

  it('classifies errors: unreachable, needed lists refused, absent KEDA CRD and pod metrics ignored', () => {
    const response = {
      items: [
        {
          cluster: { name: 'dr' },
          podMetrics: [],
          resources: [],
          errors: [
            {
              errorType: 'FETCH_ERROR',
              message:
                'request to http://x/apis/apps/v1/deployments failed, reason: connect ECONNREFUSED 10.0.0.1:443',
            },
            {
              errorType: 'FETCH_ERROR',
              message:
                'request to http://x/api/v1/pods failed, reason: connect ECONNREFUSED 10.0.0.1:443',
            },
          ],
        },
        {
          cluster: { name: 'prod' },
          podMetrics: [],
          resources: [],
          errors: [
            {
              errorType: 'NOT_FOUND',
              statusCode: 404,
              resourcePath:
                '/k/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
            },
            {
              errorType: 'NOT_FOUND',
              statusCode: 404,
              resourcePath: '/apis/keda.sh/v1alpha1/scaledobjects',
            },
            {
              errorType: 'UNKNOWN_ERROR',
              statusCode: 403,
              resourcePath:
                '/apis/policy/v1/namespaces/shop/poddisruptionbudgets',
            },
            {
              errorType: 'UNAUTHORIZED_ERROR',
              statusCode: 401,
              resourcePath: '/apis/apps/v1/deployments',
            },
            {
              errorType: 'UNKNOWN_ERROR',
              statusCode: 403,
              resourcePath: '/api/v1/resourcequotas',
            },
            {
              errorType: 'UNKNOWN_ERROR',
              statusCode: 403,
              resourcePath: '/apis/batch/v1/cronjobs',
            },
          ],
        },
      ],
    } as unknown as ObjectsByEntityResponse;
    const [dr, prod] = readClusters([response]);
    expect(dr).toMatchObject({
      cluster: 'dr',
      unreachable: true,
      errors: ['unreachable: connect ECONNREFUSED 10.0.0.1:443'],
    });
    expect(prod.unreachable).toBe(false);
    expect(prod.errors).toEqual([
      'HTTP 403 forbidden listing poddisruptionbudgets.policy',
      'HTTP 401 unauthorized listing deployments.apps',
    ]);
    expect(prod.notes).toEqual(['HTTP 403 forbidden listing resourcequotas']);
  });

  it('names resources from API paths, with or without a URL prefix or namespace', () => {
    expect(
      resourceOfPath(
        '/clusters/a/apis/keda.sh/v1alpha1/namespaces/x/scaledobjects',
      ),
    ).toEqual({
      plural: 'scaledobjects',
      group: 'keda.sh',
      label: 'scaledobjects.keda.sh',
    });
    expect(resourceOfPath('/api/v1/namespaces/apis/configmaps')).toMatchObject({
      label: 'configmaps',
      group: '',
    });
  });
});
