/**
 * Kubernetes facts: workloads with their containers, autoscalers, rollout
 * strategy and disruption budgets, and the node capacity of the clusters.
 */

/** A container of a workload's pod template. @public */
export interface ContainerFacts {
  name: string;
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
  hasReadinessProbe: boolean;
  hasLivenessProbe: boolean;
  hasPreStopHook: boolean;
}

/** An autoscaler (HPA or KEDA ScaledObject) that targets a workload. @public */
export interface ScalerFacts {
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject';
  name: string;
  namespace?: string;
  minReplicas?: number;
  maxReplicas?: number;
  /** Metric kinds, e.g. `Resource/cpu`, `External/kafka`. */
  metrics: string[];
  /** `kind/name` of the scale target. */
  target: string;
  /**
   * HPA `spec.behavior.scaleDown` as written (absent: Kubernetes defaults,
   * a 300 s stabilisation window and up to 100 % of pods per 15 s).
   */
  scaleDown?: {
    stabilizationWindowSeconds?: number;
    /** `Max` (default), `Min` or `Disabled`. */
    selectPolicy?: string;
    policies: Array<{ type: string; value: number; periodSeconds: number }>;
  };
}

/**
 * How a workload's new version replaces the old pods. @public
 */
export interface RolloutStrategyFacts {
  /**
   * `RollingUpdate` / `Recreate` (Deployment), `RollingUpdate` / `OnDelete`
   * (StatefulSet), `canary` / `blueGreen` (Argo Rollout), or `flagger` (a
   * Flagger Canary targets the workload).
   */
  type: string;
  /** Rolling update `maxUnavailable` as written (Deployment default 25 %). */
  maxUnavailable?: number | string;
  /** Rolling update `maxSurge` as written (Deployment default 25 %). */
  maxSurge?: number | string;
  /** Argo Rollouts canary `steps`, or the Flagger analysis iterations / weight steps. */
  steps?: number;
  /** The object that defines it when not the workload (`Canary/name`). */
  definedBy?: string;
}

/** A PodDisruptionBudget whose selector matches the workload's pods. @public */
export interface PdbFacts {
  name: string;
  /** Absolute number or percentage string, as written. */
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/** A Deployment, StatefulSet or Argo Rollout with what targets it. @public */
export interface WorkloadFacts {
  kind: 'Deployment' | 'StatefulSet' | 'Rollout';
  name: string;
  namespace?: string;
  /** `spec.replicas` as written (undefined when not pinned). */
  replicas?: number;
  /** Observed peak replicas (live source or `peak-replicas` annotation). */
  peakReplicas?: number;
  podLabels: Record<string, string>;
  terminationGracePeriodSeconds?: number;
  /** How new versions roll out (absent for objects read before it existed). */
  strategy?: RolloutStrategyFacts;
  /**
   * Topology keys the pods are spread over: `topologySpreadConstraints` and
   * pod anti-affinity (required or preferred), e.g.
   * `topology.kubernetes.io/zone`, `kubernetes.io/hostname`.
   */
  spreadKeys?: string[];
  /**
   * Pod-template annotations that stop nodes from being scaled in:
   * `cluster-autoscaler.kubernetes.io/safe-to-evict: "false"`,
   * `karpenter.sh/do-not-disrupt: "true"` (as `key=value`).
   */
  evictionBlockers?: string[];
  /**
   * Seconds a worker needs to finish in-flight work after SIGTERM
   * (`scale-readiness.io/drain-seconds` on the workload or its pod template).
   */
  drainSeconds?: number;
  containers: ContainerFacts[];
  scalers: ScalerFacts[];
  pdbs: PdbFacts[];
  /** Where this workload was read: `manifests` or `kubernetes` (live). */
  origin: string;
  /** File or cluster it came from. */
  location?: string;
}

/** Workload facts of an entity. @public */
export interface WorkloadSetFacts {
  workloads: WorkloadFacts[];
  /** Autoscalers whose target does not exist among the workloads (dangling). */
  danglingScalers: ScalerFacts[];
  /** PodDisruptionBudgets whose selector matches the pods of no workload (they protect nothing). */
  orphanPdbs?: Array<PdbFacts & { namespace?: string }>;
  /** Kubernetes ResourceQuotas found next to the workloads. */
  resourceQuotas: Array<{
    name: string;
    namespace?: string;
    hard: Record<string, string>;
    used?: Record<string, string>;
  }>;
}

/** Node-level capacity of the clusters an entity runs on. @public */
export interface NodeCapacityFacts {
  clusters: Array<{
    name: string;
    nodeGroups: Array<{
      name: string;
      minSize?: number;
      maxSize: number;
      currentSize: number;
    }>;
    nodePools: Array<{
      name: string;
      limitCpu?: number;
      usedCpu: number;
      /**
       * Why nodes of this pool are never scaled in, e.g. a Karpenter
       * disruption budget of `nodes: "0"` without a schedule.
       */
      scaleInBlocked?: string;
    }>;
    /**
     * Set when the source looked for both a cluster-autoscaler and Karpenter
     * and found neither (or `nodeAutoscaler: none` was declared): the
     * cluster cannot add nodes.
     */
    noNodeAutoscaler?: boolean;
  }>;
}
