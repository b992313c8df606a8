/**
 * The fact model: what providers collect about an entity, before any check runs.
 * Everything here is plain JSON so it can be stored, hashed, sent to the browser
 * and re-evaluated there by the same engine.
 */

/** Status of one fact section as collected by a provider. @public */
export type FactStatus =
  /** The provider read the source and the value is present. */
  | 'ok'
  /** The provider tried but failed (unreachable, forbidden, bad YAML): `error` says why. */
  | 'error'
  /** No source is configured for this entity (no annotation, no cluster). */
  | 'not-configured';

/** One fact section with provenance. @public */
export interface Fact<T> {
  status: FactStatus;
  /** Present when `status` is `ok`. */
  value?: T;
  /** Provider id that produced it: `catalog`, `manifests`, `kubernetes`, `aws`, `github`, `declared`. */
  source: string;
  /** Where it was read from (URL, cluster name, annotation). */
  location?: string;
  /** ISO timestamp of collection. */
  collectedAt: string;
  /** Human readable reason when `status` is `error`. */
  error?: string;
}

/** Ownership facts of an entity (owner-permissions dimension). @public */
export interface OwnershipFacts {
  /** The owner ref as written in `spec.owner`, normalised; undefined when missing. */
  ownerRef?: string;
  /** Whether the owner resolved to a Group entity in the catalog. */
  ownerIsGroup: boolean;
  /** Whether the owner ref resolved to any entity at all. */
  ownerResolves: boolean;
  /** Number of direct members of the owning group. */
  memberCount: number;
  /** Champions declared on the owning group (user entity refs). */
  champions: string[];
  /** Champions that resolve to users who are members of the group. */
  validChampions: string[];
  /** Team onboarding guide URL (from the owning group). */
  onboardingUrl?: string;
}

/** Documentation facts (docs dimension). @public */
export interface DocsFacts {
  techdocsRef?: string;
  /** ISO date the docs were last updated, when known. */
  techdocsUpdatedAt?: string;
  runbookUrl?: string;
  loadTestReportUrl?: string;
  /** ISO date of the last load test. */
  loadTestDate?: string;
  /** APIs this entity provides and whether each has a definition. */
  providedApis: Array<{ entityRef: string; hasDefinition: boolean }>;
}

/**
 * The last TechDocs build of an entity, read from its `techdocs_metadata.json`
 * (the TechDocs backend's metadata endpoint). @public
 */
export interface TechDocsBuildFacts {
  /** ISO time of the last build (`build_timestamp`). */
  builtAt: string;
  /** `etag` of the published site, when the metadata has one. */
  etag?: string;
}

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

/** Serverless (Lambda) concurrency facts. @public */
export interface ServerlessFacts {
  functions: Array<{
    functionName: string;
    reservedConcurrency?: number;
    accountConcurrency?: number;
    peakConcurrency: number;
  }>;
}

/** One quota with its limit and observed peak usage. @public */
export interface QuotaFact {
  /** Stable id, e.g. `aws/us-east-1/lambda/L-B99A9384` or `declared/stripe-api`. */
  id: string;
  name: string;
  limit: number;
  peak: number;
  unit?: string;
  /** `declared`, `aws`, `kubernetes`, … */
  origin: string;
  adjustable?: boolean;
  increaseUrl?: string;
  /** Extra note shown with the result (e.g. on-demand absorbs ~2× previous peak). */
  note?: string;
}

/**
 * One source of CI runners counted in `CiCapacityFacts.maxRunners`: a GitHub
 * Actions runner group (its registered self-hosted runners) or an
 * actions-runner-controller `AutoscalingRunnerSet` (its `spec.maxRunners`).
 * @public
 */
export interface CiRunnerSource {
  kind: 'runner-group' | 'runner-scale-set';
  /** `org/group` for a runner group, `namespace/name` (or name) for a scale set. */
  name: string;
  /** Runners this source adds to `maxRunners`. */
  maxRunners: number;
  /** `spec.minRunners` of a scale set. */
  minRunners?: number;
  /** Runners registered now (runner group) or `status.currentRunners` (scale set). */
  currentRunners?: number;
  /** GitHub runner group a scale set registers into (`spec.runnerGroup`). */
  runnerGroup?: string;
  /** File, URL or API path it was read from. */
  location?: string;
  /** Anything that qualifies the number (offline runners, unbounded scale set, …). */
  note?: string;
}

/** How `CiCapacityFacts.peakConcurrentJobs` was measured from workflow-run history. @public */
export interface CiPeakWindow {
  /** Length of the window in days. */
  days: number;
  /** ISO date the window starts (`created>=`). */
  since: string;
  /** Repositories (`owner/repo`) whose runs were read. */
  repositories: string[];
  /** Workflow runs read (after the per-repository bound). */
  runs: number;
  /** Jobs that ran (had `started_at`). */
  jobs: number;
  /** Jobs that ran on the team's runners and count towards the peak. */
  countedJobs: number;
  /** ISO timestamp the peak was first reached. */
  peakAt?: string;
  /** Bounds applied to the work; the peak is a lower bound when `truncated` is not empty. */
  bounds: {
    maxRunsPerRepository: number;
    maxRepositories: number;
    concurrency: number;
  };
  /** Repositories with more runs in the window than `maxRunsPerRepository` (newest read), or left out over `maxRepositories`. */
  truncated: string[];
}

/** CI runner capacity for the owning team. @public */
export interface CiCapacityFacts {
  maxRunners: number;
  peakConcurrentJobs: number;
  /** Where `maxRunners` comes from (live GitHub provider). */
  sources?: CiRunnerSource[];
  /** How `peakConcurrentJobs` was measured (live GitHub provider). */
  peakWindow?: CiPeakWindow;
}

/**
 * The owning team's time to access, measured by the backend from access
 * requests: hours from a member's request to active access, over a rolling
 * window. Stable between passes (the age of the oldest pending request is
 * computed by the check from `oldestPendingSince` and the evaluation time).
 * @public
 */
export interface TimeToAccessFacts {
  /** Group entity ref of the owning team. */
  team: string;
  windowDays: number;
  /** `scaleReadiness.timeToAccess.targetHours` (default 4). */
  targetHours: number;
  /** Requests that reached active access in the window. */
  samples: number;
  p50Hours: number | null;
  p90Hours: number | null;
  /** Requests waiting for a champion. */
  pending: number;
  /** ISO time of the oldest pending request. */
  oldestPendingSince?: string;
}

/**
 * A growth factor declared with the `scale-readiness.io/growth-factor`
 * annotation, on the entity itself or on its System. @public
 */
export interface GrowthFacts {
  /** The declared factor (> 0). */
  factor: number;
  /** Where it was declared. */
  scope: 'entity' | 'system';
  /** Ref of the entity that carries the annotation. */
  declaredOn: string;
}

/** What a load-test report says (k6 summary JSON or Gatling `stats.json`). @public */
export interface LoadTestFacts {
  format: 'k6' | 'gatling';
  /** Requests per second sustained by the test. */
  requestRate: number;
  /** Share of failed requests, 0–1. */
  errorRate: number;
  /** Total requests, when the report says. */
  requests?: number;
  /** The component's peak request rate (`scale-readiness.io/peak-request-rate`), req/s. */
  peakRequestRate?: number;
}

/** Catalog relations that matter for chain readiness. @public */
export interface RelationFacts {
  dependsOn: string[];
  consumesApis: string[];
  providesApis: string[];
}

/**
 * Everything known about one entity, merged from every provider. A missing
 * section means no provider produced it (treated like `not-configured`).
 * @public
 */
export interface EntityFacts {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  title?: string;
  /** `metadata.tags` of the entity (read by custom checks' `appliesTo.tag`). */
  tags?: string[];
  relations: RelationFacts;
  ownership?: Fact<OwnershipFacts>;
  docs?: Fact<DocsFacts>;
  workloads?: Fact<WorkloadSetFacts>;
  nodeCapacity?: Fact<NodeCapacityFacts>;
  serverless?: Fact<ServerlessFacts>;
  quotas?: Fact<QuotaFact[]>;
  ciCapacity?: Fact<CiCapacityFacts>;
  timeToAccess?: Fact<TimeToAccessFacts>;
  /** A growth factor declared for this entity or its System (scoped growth). */
  growth?: Fact<GrowthFacts>;
  /** The load-test report the `load-test-report` annotation points to, as read. */
  loadTest?: Fact<LoadTestFacts>;
  /** Last TechDocs build (TechDocs metadata), for `docs.techdocs-fresh`. */
  techdocsBuild?: Fact<TechDocsBuildFacts>;
}

/** Names of the fact sections a provider can contribute. @public */
export type FactSectionName = Exclude<
  keyof EntityFacts,
  | 'entityRef'
  | 'kind'
  | 'type'
  | 'lifecycle'
  | 'system'
  | 'title'
  | 'tags'
  | 'relations'
>;
