export interface Config {
  scaleReadiness?: {
    /**
     * The AWS source of Scale Readiness
     * (`@scale-readiness/plugin-scale-readiness-backend-module-aws`). Accounts
     * and credentials come from the portal's `aws:` integration config
     * (`@backstage/integration-aws-node`); which account, region, functions,
     * tables, API stages and quotas belong to an entity comes from its
     * `scale-readiness.io/aws-*` annotations. See docs/aws.md.
     */
    aws?: {
      /**
       * Whether the module reads AWS. When false it registers nothing and the
       * checks fall back to declared values. Default true.
       */
      enabled?: boolean;

      /** Days of CloudWatch history over which peaks are taken. Default 14. */
      peakWindowDays?: number;

      /**
       * CloudWatch period of the peak queries, in seconds (a multiple of 60).
       * Rates are the busiest period's average per second. Raised to 300 for
       * windows over 15 days and 3600 over 63 days (CloudWatch retention).
       * Default 60.
       */
      metricPeriodSeconds?: number;

      /**
       * Region used when neither an entity nor a Resource it depends on sets
       * `scale-readiness.io/aws-region`. No default.
       */
      defaultRegion?: string;

      /**
       * One endpoint URL for every AWS service instead of the public ones
       * (LocalStack, tests), e.g. `http://localhost:4566`. No default.
       */
      endpoint?: string;

      /** SDK attempts per call, including the first. Default 5. */
      maxAttempts?: number;

      /**
       * SDK retry mode: `standard` (exponential backoff with jitter, throttling
       * errors and `Retry-After` honoured) or `adaptive` (the same plus
       * client-side rate limiting after throttling). Default `adaptive`.
       */
      retryMode?: 'standard' | 'adaptive';

      /** Timeout of one HTTP request to AWS, in seconds. Default 10. */
      requestTimeoutSeconds?: number;

      /** Timeout of opening a connection to AWS, in seconds. Default 5. */
      connectionTimeoutSeconds?: number;

      /**
       * Deadline of one source (Service Quotas, Lambda, DynamoDB, API
       * Gateway) for one entity, retries included, in seconds. A source past
       * it makes the entity's section `error`. Default 60.
       */
      sourceTimeoutSeconds?: number;

      /** Entities collected in parallel. Default 4. */
      concurrency?: number;
    };
  };
}
