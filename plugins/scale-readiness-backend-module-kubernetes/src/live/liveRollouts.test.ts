import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import { readClusters } from './clusterReadout';
import { buildClusterWorkloads, replicaSamples } from './liveWorkloads';

const answer = (resources: unknown[]) =>
  ({
    items: [
      {
        cluster: { name: 'prod' },
        podMetrics: [],
        errors: [],
        resources,
      },
    ],
  } as unknown as ObjectsByEntityResponse);

describe('live Argo Rollouts (issue 16, signal 1)', () => {
  it('reads a Rollout from the custom-resource answer as a scale target of its HPA, with its canary steps and replicas', () => {
    const readouts = readClusters([
      answer([
        {
          type: 'horizontalpodautoscalers',
          resources: [
            {
              metadata: { name: 'web', namespace: 'shop' },
              spec: {
                scaleTargetRef: { kind: 'Rollout', name: 'web' },
                minReplicas: 3,
                maxReplicas: 12,
              },
            },
          ],
        },
      ]),
      answer([
        {
          type: 'customresources',
          resources: [
            {
              kind: 'Rollout',
              metadata: { name: 'web', namespace: 'shop' },
              spec: {
                replicas: 4,
                strategy: { canary: { steps: [{ setWeight: 20 }, {}] } },
                template: {
                  metadata: { labels: { app: 'web' } },
                  spec: { containers: [{ name: 'app' }] },
                },
              },
            },
          ],
        },
      ]),
    ]);
    expect(readouts[0].objects.Rollout).toHaveLength(1);
    const { facts, errors } = buildClusterWorkloads(readouts[0]);
    expect(errors).toEqual([]);
    expect(facts.danglingScalers).toEqual([]);
    expect(facts.workloads[0]).toMatchObject({
      kind: 'Rollout',
      name: 'web',
      replicas: 4,
      strategy: { type: 'canary', steps: 2 },
      scalers: [{ name: 'web', target: 'Rollout/web', maxReplicas: 12 }],
    });
    expect(replicaSamples('component:default/web', readouts[0])).toEqual([
      {
        entityRef: 'component:default/web',
        cluster: 'prod',
        namespace: 'shop',
        kind: 'Rollout',
        name: 'web',
        replicas: 4,
      },
    ]);
  });

  it('ignores a cluster without the Argo Rollouts CRD (404 on rollouts)', () => {
    const [readout] = readClusters([
      {
        items: [
          {
            cluster: { name: 'prod' },
            podMetrics: [],
            resources: [],
            errors: [
              {
                errorType: 'NOT_FOUND',
                statusCode: 404,
                resourcePath:
                  '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts',
                message: 'not found',
              },
            ],
          },
        ],
      } as unknown as ObjectsByEntityResponse,
    ]);
    expect(readout.errors).toEqual([]);
  });

  it('takes the rollout strategy of a Deployment from the Flagger Canary that targets it', () => {
    const [readout] = readClusters([
      answer([
        {
          type: 'deployments',
          resources: [
            {
              metadata: { name: 'api', namespace: 'shop' },
              spec: {
                strategy: { type: 'Recreate' },
                template: { spec: { containers: [{ name: 'app' }] } },
              },
            },
          ],
        },
      ]),
      answer([
        {
          type: 'customresources',
          resources: [
            {
              kind: 'Canary',
              metadata: { name: 'api', namespace: 'shop' },
              spec: {
                targetRef: { kind: 'Deployment', name: 'api' },
                analysis: { stepWeight: 10, maxWeight: 50 },
              },
            },
          ],
        },
      ]),
    ]);
    const { facts } = buildClusterWorkloads(readout);
    expect(facts.workloads[0].strategy).toEqual({
      type: 'flagger',
      steps: 5,
      definedBy: 'Canary/api',
    });
  });
});
