/**
 * Capacity facts outside the cluster: serverless concurrency, quotas, CI
 * runners, and what a load test proved.
 */

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
