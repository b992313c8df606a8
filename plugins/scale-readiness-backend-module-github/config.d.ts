export interface Config {
  scaleReadiness?: {
    /** GitHub module (`-backend-module-github`): access executor of champion grants and CI capacity facts. */
    github?: {
      /**
       * Host of the `integrations.github` entry whose credentials (token or
       * GitHub App) apply grants. Default `github.com`. Without credentials
       * for it, grants stay in dry-run mode.
       */
      host?: string;
      /** Retries of one GitHub call on 5xx, secondary rate limits and timeouts. Default 3. */
      retries?: number;
      /** Timeout of one GitHub request in milliseconds. Default 10000. */
      timeoutMs?: number;
      /** Longest Retry-After waited for inside one call, in seconds (longer: the sweep retries later). Default 60. */
      maxRetryAfterSeconds?: number;
      /**
       * CI runner capacity (`ciCapacity` facts, check `ownership.ci-capacity`)
       * read from GitHub Actions runner groups, actions-runner-controller
       * scale-set manifests and workflow-run history. See docs/ci-capacity.md.
       */
      ciCapacity?: {
        /** Whether the `github` fact provider is registered. Default true (when credentials exist). */
        enabled?: boolean;
        /** Days of workflow-run history over which the peak of concurrent jobs is measured. Default 14. */
        windowDays?: number;
        /** Newest workflow runs read per repository within the window (the peak is a lower bound past it). Default 100. */
        maxRunsPerRepository?: number;
        /** Repositories of one team read for the peak (alphabetical; the rest are reported as truncated). Default 20. */
        maxRepositories?: number;
        /** GitHub requests of one team in flight at once. Default 4. */
        concurrency?: number;
        /** Time one source (runner groups, scale-set manifests, run history) may take, in seconds. Default 120. */
        sourceTimeoutSeconds?: number;
        /** How long one team's result is reused by its other components, in seconds. Default 600. */
        cacheTtlSeconds?: number;
        /** Count every job of the team's repositories, not only jobs on the team's runner groups / scale sets. Default false. */
        countAllJobs?: boolean;
      };
    };
  };
}
