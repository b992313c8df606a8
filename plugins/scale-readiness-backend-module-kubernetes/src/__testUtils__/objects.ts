/**
 * Builders of Kubernetes objects for the fake clusters and of catalog
 * entities for the tests.
 */
import type { Entity } from '@backstage/catalog-model';

type Obj = Record<string, any>;

const ID_LABEL = 'backstage.io/kubernetes-id';

/** A Deployment labelled for entity `id` (pods labelled `app: name`). */
export function deployment(
  name: string,
  options: { ns: string; id?: string; replicas: number; grace?: number },
): Obj {
  const labels = {
    app: name,
    ...(options.id ? { [ID_LABEL]: options.id } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: options.ns, labels },
    spec: {
      replicas: options.replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: options.grace ?? 45,
          containers: [
            {
              name: 'app',
              image: `registry.example/${name}:1.0`,
              resources: {
                requests: { cpu: '500m', memory: '512Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
              livenessProbe: { httpGet: { path: '/live', port: 8080 } },
              lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
            },
          ],
        },
      },
    },
    status: {
      replicas: options.replicas,
      readyReplicas: options.replicas,
      availableReplicas: options.replicas,
    },
  };
}

/** A Pod of a workload (the workload query lists pods; the backend then asks for metrics). */
export function pod(
  name: string,
  options: { ns: string; id: string; app: string },
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.ns,
      labels: { app: options.app, [ID_LABEL]: options.id },
    },
    spec: { containers: [{ name: 'app', image: 'x' }] },
    status: { phase: 'Running' },
  };
}

/** An autoscaling/v2 HPA on CPU. */
export function hpa(
  name: string,
  options: {
    ns: string;
    id?: string;
    target: string;
    min: number;
    max: number;
    current?: number;
  },
): Obj {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name,
      namespace: options.ns,
      labels: options.id ? { [ID_LABEL]: options.id } : {},
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: options.target,
      },
      minReplicas: options.min,
      maxReplicas: options.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
      ],
    },
    status: {
      currentReplicas: options.current ?? options.min,
      desiredReplicas: options.current ?? options.min,
    },
  };
}

/** A policy/v1 PDB selecting `app: app`. */
export function pdb(
  name: string,
  options: {
    ns: string;
    app: string;
    id?: string;
    maxUnavailable?: number | string;
    minAvailable?: number | string;
  },
): Obj {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name,
      namespace: options.ns,
      labels: options.id ? { [ID_LABEL]: options.id } : {},
    },
    spec: {
      selector: { matchLabels: { app: options.app } },
      ...(options.maxUnavailable !== undefined
        ? { maxUnavailable: options.maxUnavailable }
        : {}),
      ...(options.minAvailable !== undefined
        ? { minAvailable: options.minAvailable }
        : {}),
    },
  };
}

/** A Karpenter v1 NodePool with a CPU limit and usage. */
export function nodePool(name: string, limitCpu: string, usedCpu: string): Obj {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      template: {
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
        },
      },
      limits: { cpu: limitCpu, memory: '1000Gi' },
    },
    status: { resources: { cpu: usedCpu, memory: '300Gi', nodes: '9' } },
  };
}

/** The cluster-autoscaler status ConfigMap (YAML format, 1.30+) with one node group. */
export function autoscalerStatusYaml(group: {
  name: string;
  min: number;
  max: number;
  current: number;
}): Obj {
  const status = `time: 2026-11-25 10:00:00.000000000 +0000 UTC
autoscalerStatus: Running
clusterWide:
  health:
    status: Healthy
    nodeCounts:
      registered:
        total: ${group.current}
        ready: ${group.current}
        notStarted: 0
      longUnregistered: 0
      unregistered: 0
    lastProbeTime: "2026-11-25T10:00:00Z"
    lastTransitionTime: "2026-11-20T10:00:00Z"
  scaleUp:
    status: NoActivity
  scaleDown:
    status: NoCandidates
    candidates: 0
nodeGroups:
- name: ${group.name}
  health:
    status: Healthy
    nodeCounts:
      registered:
        total: ${group.current}
        ready: ${group.current}
        notStarted: 0
      longUnregistered: 0
      unregistered: 0
    cloudProviderTarget: ${group.current}
    minSize: ${group.min}
    maxSize: ${group.max}
    lastProbeTime: "2026-11-25T10:00:00Z"
    lastTransitionTime: "2026-11-20T10:00:00Z"
  scaleUp:
    status: NoActivity
  scaleDown:
    status: NoCandidates
    candidates: 0
`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cluster-autoscaler-status',
      namespace: 'kube-system',
      annotations: {
        'cluster-autoscaler.kubernetes.io/last-updated':
          '2026-11-25 10:00:00.000000000 +0000 UTC',
      },
    },
    data: { status },
  };
}

/** A Component linked to Kubernetes with `backstage.io/kubernetes-id`. */
export function component(
  name: string,
  options: {
    id?: string;
    annotations?: Record<string, string>;
    dependsOn?: string[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        ...(options.id ? { [ID_LABEL]: options.id } : {}),
        ...options.annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    },
  };
}

/** A `kubernetes-cluster` Resource. */
export function clusterResource(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/team-a' },
  };
}

/** The owning group. */
export const teamA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
