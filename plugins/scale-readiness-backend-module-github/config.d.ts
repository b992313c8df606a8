export interface Config {
  scaleReadiness?: {
    /** GitHub access executor of champion grants (module `-backend-module-github`). */
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
    };
  };
}
