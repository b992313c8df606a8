import type {
  ClusterObjects,
  KubernetesFetchError,
  ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';

/** A Kubernetes object as JSON. */
export type KubeObject = Record<string, unknown>;

/** Object kinds the live source uses, with the apiVersion given to them. */
export const LIVE_KINDS = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Rollout: 'argoproj.io/v1alpha1',
  Canary: 'flagger.app/v1beta1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  ScaledObject: 'keda.sh/v1alpha1',
  ResourceQuota: 'v1',
} as const;

/** A kind the live source uses. */
export type LiveKind = keyof typeof LIVE_KINDS;

/** What the entity queries returned for one cluster. */
export interface ClusterReadout {
  cluster: string;
  /** Objects by kind; each carries `apiVersion` and `kind`. */
  objects: Record<LiveKind, KubeObject[]>;
  /**
   * Failures that make this cluster's view of the entity incomplete (the
   * cluster is unreachable, or a list the checks need was refused).
   */
  errors: string[];
  /** True when nothing could be read from the cluster at all. */
  unreachable: boolean;
  /** Failures of lists the checks do not need (kept for evidence). */
  notes: string[];
}

/** `FetchResponse.type` of the workload query → kind. */
const WORKLOAD_TYPES: Record<string, LiveKind> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  resourcequotas: 'ResourceQuota',
};

/** Resource names (plural) the checks cannot do without. */
const REQUIRED_PLURALS = new Set([
  'deployments',
  'statefulsets',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
]);

/** Custom resources whose 404 means "not installed here" (CRD absent). */
const OPTIONAL_CRD_PLURALS = new Set(['scaledobjects', 'rollouts', 'canaries']);

/** Resource names whose failures are kept as notes. */
const NOTED_PLURALS = new Set(['resourcequotas', 'scaledobjects']);

function emptyObjects(): Record<LiveKind, KubeObject[]> {
  return {
    Deployment: [],
    StatefulSet: [],
    Rollout: [],
    Canary: [],
    HorizontalPodAutoscaler: [],
    PodDisruptionBudget: [],
    ScaledObject: [],
    ResourceQuota: [],
  };
}

function emptyReadout(cluster: string): ClusterReadout {
  return {
    cluster,
    objects: emptyObjects(),
    errors: [],
    unreachable: false,
    notes: [],
  };
}

const RESOURCE_PATH =
  /\/(?:api\/[^/]+|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)(?:\/[^/]+)?$/;

/**
 * `{plural}.{group}` of an API path such as
 * `/apis/keda.sh/v1alpha1/namespaces/x/scaledobjects` (a cluster URL prefix
 * before it is allowed), e.g. `scaledobjects.keda.sh`.
 */
export function resourceOfPath(path: string): {
  plural: string;
  group: string;
  label: string;
} {
  const match = RESOURCE_PATH.exec(path.split('?')[0]);
  const group = match?.[1] ?? '';
  const plural = match?.[2] ?? path.split('?')[0].split('/').pop() ?? '';
  return { plural, group, label: group ? `${plural}.${group}` : plural };
}

function describeStatus(code: number | undefined, errorType: string): string {
  switch (code) {
    case 401:
      return 'HTTP 401 unauthorized';
    case 403:
      return 'HTTP 403 forbidden';
    case 404:
      return 'HTTP 404 not found';
    case undefined:
      return errorType;
    default:
      return `HTTP ${code} (${errorType})`;
  }
}

function recordError(readout: ClusterReadout, error: KubernetesFetchError) {
  if (error.errorType === 'FETCH_ERROR') {
    readout.unreachable = true;
    // node-fetch: "request to <url> failed, reason: <cause>"; the cause is the
    // same for every resource of the cluster.
    const reason = /failed, reason: (.*)$/.exec(error.message)?.[1];
    readout.errors.push(`unreachable: ${reason ?? error.message}`);
    return;
  }
  const path = error.resourcePath ?? '';
  const { plural, group, label } = resourceOfPath(path);
  if (group === 'metrics.k8s.io') return; // pod metrics are not used
  const text = `${describeStatus(error.statusCode, error.errorType)} listing ${
    label || 'a resource'
  }`;
  if (OPTIONAL_CRD_PLURALS.has(plural) && error.statusCode === 404) return;
  if (REQUIRED_PLURALS.has(plural) || OPTIONAL_CRD_PLURALS.has(plural)) {
    readout.errors.push(text);
  } else if (NOTED_PLURALS.has(plural)) {
    readout.notes.push(text);
  }
}

function withKind(obj: unknown, kind: LiveKind): KubeObject | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  return { ...(obj as KubeObject), apiVersion: LIVE_KINDS[kind], kind };
}

function addClusterObjects(readout: ClusterReadout, item: ClusterObjects) {
  for (const error of item.errors ?? []) recordError(readout, error);
  for (const response of item.resources ?? []) {
    const resources = (response.resources ?? []) as unknown[];
    if (response.type === 'customresources') {
      for (const resource of resources) {
        const kind = (resource as KubeObject)?.kind;
        if (typeof kind === 'string' && kind in LIVE_KINDS) {
          const obj = withKind(resource, kind as LiveKind);
          if (obj) readout.objects[kind as LiveKind].push(obj);
        }
      }
      continue;
    }
    const kind = WORKLOAD_TYPES[response.type];
    if (!kind) continue;
    for (const resource of resources) {
      const obj = withKind(resource, kind);
      if (obj) readout.objects[kind].push(obj);
    }
  }
}

function objectKey(obj: KubeObject): string {
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  return `${obj.kind}/${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

/** Removes repeated objects (same kind, namespace and name), keeping the first. */
export function dedupeObjects(objects: KubeObject[]): KubeObject[] {
  const seen = new Set<string>();
  return objects.filter(o => {
    const key = objectKey(o);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Turns the answers of the workload and custom-resource queries into one
 * readout per cluster. A cluster appears when either answer mentions it (the
 * Kubernetes backend leaves out clusters where it found nothing and no error).
 * Unreachable clusters (`FETCH_ERROR`) and refused lists the checks need are
 * `errors`; pod-metrics failures and a missing KEDA CRD (404) are ignored.
 */
export function readClusters(
  responses: Array<ObjectsByEntityResponse | undefined>,
): ClusterReadout[] {
  const byCluster = new Map<string, ClusterReadout>();
  for (const response of responses) {
    for (const item of response?.items ?? []) {
      const name = item.cluster?.name;
      if (!name) continue;
      let readout = byCluster.get(name);
      if (!readout) {
        readout = emptyReadout(name);
        byCluster.set(name, readout);
      }
      addClusterObjects(readout, item);
    }
  }
  for (const readout of byCluster.values()) {
    for (const kind of Object.keys(readout.objects) as LiveKind[]) {
      readout.objects[kind] = dedupeObjects(readout.objects[kind]);
    }
    readout.errors = [...new Set(readout.errors)];
    readout.notes = [...new Set(readout.notes)];
  }
  return [...byCluster.values()].sort((a, b) =>
    a.cluster.localeCompare(b.cluster, 'en'),
  );
}
