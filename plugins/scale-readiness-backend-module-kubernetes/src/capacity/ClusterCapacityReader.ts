import type { NodeCapacityFacts } from '@scale-readiness/plugin-scale-readiness-common';
import type { KubernetesBackendClient } from '../client/KubernetesBackendClient';
import { parseClusterAutoscalerStatus } from './clusterAutoscalerStatus';
import { readNodePool } from './nodePools';

type ClusterFacts = NodeCapacityFacts['clusters'][number];

/**
 * Node-level capacity of one cluster as read now. `error` is set when part of
 * it could not be read (the cluster is then unknown, never "no limit").
 * @public
 */
export interface ClusterCapacity extends ClusterFacts {
  /** What was read, for evidence (e.g. `karpenter.sh/v1 NodePools: 2`). */
  readFrom: string[];
  error?: string;
}

/** Options of {@link ClusterCapacityReader}. */
export interface ClusterCapacityReaderOptions {
  client: KubernetesBackendClient;
  nodePools: boolean;
  clusterAutoscalerStatus: false | { namespace: string; name: string };
  /** How long a successful read is reused, in milliseconds. */
  cacheMs: number;
  /** Clock, injected for tests. */
  now?: () => number;
}

const NODEPOOL_VERSIONS = ['v1', 'v1beta1'];

/**
 * Reads the node-level capacity of clusters through the Kubernetes backend's
 * proxy: Karpenter NodePools (`karpenter.sh/v1`, falling back to `v1beta1`;
 * 404 on both means Karpenter is not installed) and the cluster-autoscaler
 * status ConfigMap (404 means no cluster-autoscaler). When both are looked
 * for and neither is found, the cluster is marked `noNodeAutoscaler`.
 * Successful reads are
 * cached for `cacheMs`; failures are retried on the next call.
 * @public
 */
export class ClusterCapacityReader {
  readonly #options: ClusterCapacityReaderOptions;
  readonly #cache = new Map<string, { at: number; value: ClusterCapacity }>();

  constructor(options: ClusterCapacityReaderOptions) {
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** The capacity of `cluster`; never throws (failures are in `error`). */
  async get(cluster: string): Promise<ClusterCapacity> {
    const cached = this.#cache.get(cluster);
    if (cached && this.#now() - cached.at < this.#options.cacheMs) {
      return cached.value;
    }
    const value = await this.#read(cluster);
    if (!value.error) this.#cache.set(cluster, { at: this.#now(), value });
    else this.#cache.delete(cluster);
    return value;
  }

  async #read(cluster: string): Promise<ClusterCapacity> {
    const capacity: ClusterCapacity = {
      name: cluster,
      nodeGroups: [],
      nodePools: [],
      readFrom: [],
    };
    const errors: string[] = [];
    await Promise.all([
      this.#readNodePools(cluster, capacity).catch(e => {
        errors.push(`NodePools: ${message(e)}`);
      }),
      this.#readAutoscalerStatus(cluster, capacity).catch(e => {
        errors.push(`cluster-autoscaler status: ${message(e)}`);
      }),
    ]);
    if (errors.length > 0) capacity.error = errors.join('; ');
    // Both looked for, both absent (404): nothing can add nodes.
    else if (
      this.#options.nodePools &&
      this.#options.clusterAutoscalerStatus &&
      capacity.readFrom.length === 0
    ) {
      capacity.noNodeAutoscaler = true;
    }
    return capacity;
  }

  async #readNodePools(cluster: string, capacity: ClusterCapacity) {
    if (!this.#options.nodePools) return;
    for (const version of NODEPOOL_VERSIONS) {
      const list = await this.#options.client.proxyList(
        cluster,
        `/apis/karpenter.sh/${version}/nodepools`,
      );
      if (!list) continue; // this version is not served
      capacity.nodePools = list.items.map(readNodePool);
      capacity.readFrom.push(
        `karpenter.sh/${version} NodePools: ${list.items.length}`,
      );
      return;
    }
  }

  async #readAutoscalerStatus(cluster: string, capacity: ClusterCapacity) {
    const location = this.#options.clusterAutoscalerStatus;
    if (!location) return;
    const path = `/api/v1/namespaces/${encodeURIComponent(
      location.namespace,
    )}/configmaps/${encodeURIComponent(location.name)}`;
    const configMap = await this.#options.client.proxyGet(cluster, path);
    if (!configMap) return; // no cluster-autoscaler writes a status here
    const data = (configMap.data ?? {}) as Record<string, unknown>;
    if (typeof data.status !== 'string') {
      throw new Error(
        `ConfigMap ${location.namespace}/${location.name} has no data.status`,
      );
    }
    const status = parseClusterAutoscalerStatus(data.status);
    capacity.nodeGroups = status.nodeGroups.map(g => {
      const group: ClusterFacts['nodeGroups'][number] = {
        name: g.name,
        maxSize: g.maxSize,
        currentSize: g.currentSize,
      };
      if (g.minSize !== undefined) group.minSize = g.minSize;
      return group;
    });
    capacity.readFrom.push(
      `ConfigMap ${location.namespace}/${location.name} (${
        status.format
      } format): ${status.nodeGroups.length} node group${
        status.nodeGroups.length === 1 ? '' : 's'
      }`,
    );
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
