import type { KubernetesBackendClient } from '../client/KubernetesBackendClient';
import { ClusterCapacityReader } from './ClusterCapacityReader';

/** A client whose proxy answers 404 (undefined) unless `objects` has the path. */
function client(objects: Record<string, unknown> = {}) {
  return {
    proxyList: async (_cluster: string, path: string) =>
      objects[path] as { items: unknown[] } | undefined,
    proxyGet: async (_cluster: string, path: string) =>
      objects[path] as Record<string, unknown> | undefined,
  } as unknown as KubernetesBackendClient;
}

const STATUS_PATH =
  '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';

function reader(c: KubernetesBackendClient, both = true) {
  return new ClusterCapacityReader({
    client: c,
    nodePools: true,
    clusterAutoscalerStatus: both
      ? { namespace: 'kube-system', name: 'cluster-autoscaler-status' }
      : false,
    cacheMs: 0,
  });
}

describe('ClusterCapacityReader', () => {
  it('marks a cluster with neither cluster-autoscaler nor Karpenter as having no node autoscaler (issue 16, item 4)', async () => {
    const capacity = await reader(client()).get('onprem');
    expect(capacity).toMatchObject({
      name: 'onprem',
      nodeGroups: [],
      nodePools: [],
      noNodeAutoscaler: true,
    });
    expect(capacity.error).toBeUndefined();
  });

  it('does not claim "no node autoscaler" when the cluster-autoscaler status was not looked for, or Karpenter was found', async () => {
    expect(
      (await reader(client(), false).get('onprem')).noNodeAutoscaler,
    ).toBeUndefined();
    const karpenter = await reader(
      client({
        '/apis/karpenter.sh/v1/nodepools': {
          items: [
            {
              metadata: { name: 'default' },
              spec: { limits: { cpu: '100' } },
              status: { resources: { cpu: '10' } },
            },
          ],
        },
      }),
    ).get('prod');
    expect(karpenter.noNodeAutoscaler).toBeUndefined();
    expect(karpenter.nodePools).toHaveLength(1);
    const failing = await reader({
      ...client(),
      proxyGet: async (_c: string, path: string) => {
        if (path === STATUS_PATH) throw new Error('403 Forbidden');
        return undefined;
      },
    } as unknown as KubernetesBackendClient).get('locked');
    expect(failing.noNodeAutoscaler).toBeUndefined();
    expect(failing.error).toContain('403 Forbidden');
  });
});
