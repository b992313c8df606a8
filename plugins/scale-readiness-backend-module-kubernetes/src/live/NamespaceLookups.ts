import type {
  KubernetesBackendClient,
  KubernetesList,
} from '../client/KubernetesBackendClient';
import { KubernetesApiError } from '../client/KubernetesApiError';
import {
  ClusterReadout,
  dedupeObjects,
  KubeObject,
  LIVE_KINDS,
  LiveKind,
} from './clusterReadout';

/** What {@link NamespaceLookups} reads besides the entity queries. */
export interface NamespaceLookupOptions {
  /** List PDBs / HPAs / ScaledObjects of the workloads' namespaces. */
  namespaceLookups: boolean;
  podDisruptionBudgets: boolean;
  scaledObjects: boolean;
}

const LIST_PATHS: Partial<Record<LiveKind, (ns: string) => string>> = {
  PodDisruptionBudget: ns =>
    `/apis/policy/v1/namespaces/${encodeURIComponent(ns)}/poddisruptionbudgets`,
  HorizontalPodAutoscaler: ns =>
    `/apis/autoscaling/v2/namespaces/${encodeURIComponent(
      ns,
    )}/horizontalpodautoscalers`,
  ScaledObject: ns =>
    `/apis/keda.sh/v1alpha1/namespaces/${encodeURIComponent(ns)}/scaledobjects`,
};

const WORKLOAD_PATHS: Record<string, (ns: string, name: string) => string> = {
  Deployment: (ns, name) =>
    `/apis/apps/v1/namespaces/${encodeURIComponent(
      ns,
    )}/deployments/${encodeURIComponent(name)}`,
  StatefulSet: (ns, name) =>
    `/apis/apps/v1/namespaces/${encodeURIComponent(
      ns,
    )}/statefulsets/${encodeURIComponent(name)}`,
  Rollout: (ns, name) =>
    `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(
      ns,
    )}/rollouts/${encodeURIComponent(name)}`,
};

function meta(obj: KubeObject): { name?: string; namespace?: string } {
  return (obj.metadata ?? {}) as { name?: string; namespace?: string };
}

function spec(obj: KubeObject): Record<string, any> {
  return (obj.spec ?? {}) as Record<string, any>;
}

/** `Kind/name` of a scaler's target (KEDA defaults the kind to Deployment). */
export function scalerTarget(obj: KubeObject): { kind: string; name: string } {
  const ref = (spec(obj).scaleTargetRef ?? {}) as Record<string, unknown>;
  const defaultKind = obj.kind === 'ScaledObject' ? 'Deployment' : '';
  return {
    kind: typeof ref.kind === 'string' ? ref.kind : defaultKind,
    name: typeof ref.name === 'string' ? ref.name : '',
  };
}

function workloadKeys(readout: ClusterReadout): Set<string> {
  const keys = new Set<string>();
  for (const kind of ['Deployment', 'StatefulSet', 'Rollout'] as const) {
    for (const w of readout.objects[kind] ?? []) {
      keys.add(`${meta(w).namespace ?? ''}/${kind}/${meta(w).name ?? ''}`);
    }
  }
  return keys;
}

function targetKey(scaler: KubeObject): string {
  const t = scalerTarget(scaler);
  return `${meta(scaler).namespace ?? ''}/${t.kind}/${t.name}`;
}

function ownedByScaledObject(hpa: KubeObject, scaledObjects: KubeObject[]) {
  const owners = (meta(hpa) as { ownerReferences?: unknown }).ownerReferences;
  if (!Array.isArray(owners)) return false;
  return owners.some(
    (o: any) =>
      o?.kind === 'ScaledObject' &&
      scaledObjects.some(
        s =>
          meta(s).name === o.name && meta(s).namespace === meta(hpa).namespace,
      ),
  );
}

/**
 * Completes what the entity queries returned for one cluster, through the
 * Kubernetes backend's proxy:
 * - PodDisruptionBudgets, HPAs and ScaledObjects of the workloads' namespaces
 *   (a PDB selects pods by labels and an HPA targets by name; neither needs
 *   the entity's label), when `namespaceLookups` is on;
 * - the target of every autoscaler that carries the entity's label but
 *   targets none of its workloads: a 404 confirms it is dangling, an existing
 *   Deployment/StatefulSet joins the entity's workloads;
 * - HPAs that KEDA generated for a visible ScaledObject are dropped (the
 *   ScaledObject is the autoscaler).
 * Lists are cached per instance (one batch), so entities of the same
 * namespace share them. Failures are added to the readout's `errors`.
 */
export class NamespaceLookups {
  readonly #client: KubernetesBackendClient;
  readonly #options: NamespaceLookupOptions;
  readonly #lists = new Map<string, Promise<KubernetesList | undefined>>();

  constructor(
    client: KubernetesBackendClient,
    options: NamespaceLookupOptions,
  ) {
    this.#client = client;
    this.#options = options;
  }

  #list(cluster: string, path: string): Promise<KubernetesList | undefined> {
    const key = `${cluster}\n${path}`;
    let list = this.#lists.get(key);
    if (!list) {
      list = this.#client.proxyList(cluster, path);
      this.#lists.set(key, list);
    }
    return list;
  }

  /** Mutates `readout` as described above. */
  async complete(readout: ClusterReadout): Promise<void> {
    if (readout.unreachable) return;
    try {
      // Targets first: a workload found through its autoscaler also gets the
      // PDBs of its namespace.
      await this.#resolveForeignTargets(readout);
      if (this.#options.namespaceLookups) {
        await this.#addNamespaceObjects(readout);
      }
    } catch (e) {
      readout.errors.push(
        e instanceof KubernetesApiError
          ? e.message
          : `proxy lookup failed: ${
              e instanceof Error ? e.message : String(e)
            }`,
      );
    }
    const scaled = readout.objects.ScaledObject;
    readout.objects.HorizontalPodAutoscaler =
      readout.objects.HorizontalPodAutoscaler.filter(
        h => !ownedByScaledObject(h, scaled),
      );
  }

  async #addNamespaceObjects(readout: ClusterReadout): Promise<void> {
    const workloads = workloadKeys(readout);
    const namespaces = new Set(
      [...readout.objects.Deployment, ...readout.objects.StatefulSet]
        .map(w => meta(w).namespace)
        .filter((ns): ns is string => Boolean(ns)),
    );
    const kinds: LiveKind[] = ['HorizontalPodAutoscaler'];
    if (this.#options.podDisruptionBudgets) kinds.push('PodDisruptionBudget');
    if (this.#options.scaledObjects) kinds.push('ScaledObject');
    const lists = await Promise.all(
      [...namespaces].flatMap(ns =>
        kinds.map(async kind => ({
          kind,
          list: await this.#list(readout.cluster, LIST_PATHS[kind]!(ns)),
        })),
      ),
    );
    for (const { kind, list } of lists) {
      // 404: the resource type is not served (KEDA not installed).
      const items = (list?.items ?? []).map(item => ({
        ...item,
        apiVersion: LIVE_KINDS[kind],
        kind,
      }));
      const relevant =
        kind === 'PodDisruptionBudget'
          ? items
          : items.filter(s => workloads.has(targetKey(s)));
      readout.objects[kind] = dedupeObjects([
        ...readout.objects[kind],
        ...relevant,
      ]);
    }
  }

  async #resolveForeignTargets(readout: ClusterReadout): Promise<void> {
    const workloads = workloadKeys(readout);
    const scalers = [
      ...readout.objects.HorizontalPodAutoscaler,
      ...readout.objects.ScaledObject,
    ];
    const foreign = scalers.filter(s => !workloads.has(targetKey(s)));
    const checked = new Set<string>();
    for (const scaler of foreign) {
      const key = targetKey(scaler);
      if (checked.has(key)) continue;
      checked.add(key);
      const { kind, name } = scalerTarget(scaler);
      const ns = meta(scaler).namespace;
      const path = WORKLOAD_PATHS[kind];
      if (!path || !ns || !name) {
        // A target kind the checks do not model (e.g. a ReplicaSet):
        // neither attach nor call it dangling.
        readout.objects[scaler.kind as LiveKind] = readout.objects[
          scaler.kind as LiveKind
        ].filter(s => s !== scaler);
        readout.notes.push(
          `${scaler.kind}/${meta(scaler).name} targets ${
            kind || '?'
          }/${name}, which is not a Deployment, StatefulSet or Rollout; not evaluated`,
        );
        continue;
      }
      const target = await this.#client.proxyGet(
        readout.cluster,
        path(ns, name),
      );
      if (target) {
        readout.objects[kind as 'Deployment' | 'StatefulSet' | 'Rollout'].push({
          ...target,
          apiVersion: LIVE_KINDS[kind as LiveKind],
          kind,
        });
      }
    }
  }
}
