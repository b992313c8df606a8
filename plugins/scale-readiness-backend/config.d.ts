import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** One level's rules. */
interface LevelRuleConfig {
  /** Minimum overall score 0–100. */
  minScore?: number;
  /** Chain headroom must be at least the growth factor. */
  requireChainHeadroom?: boolean;
  /** Maximum unwaived critical failures. */
  maxCriticalFailures?: number;
  /** Maximum unwaived high-severity failures. */
  maxHighFailures?: number;
  /** Minimum coverage ratio 0–1. */
  minCoverage?: number;
}

export interface Config {
  /** Configuration of the Scale Readiness plugin. */
  scaleReadiness?: {
    /**
     * The growth factor every capacity check is held to ("what breaks at 3×?").
     * Must be > 1. Default 3.
     * @visibility frontend
     */
    growthFactor?: number;

    /**
     * When the scoring pass runs. Default: every 30 minutes, 10 minute timeout.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /** Check ids to switch off everywhere (see docs/checks.md). */
    disabledChecks?: string[];

    /** Weights of the score. */
    weights?: {
      /** Weight of each dimension in the overall score (relative). */
      dimensions?: {
        autoscaling?: number;
        quotas?: number;
        docs?: number;
        ownership?: number;
      };
      /** Weight of a check by severity inside its dimension (relative). */
      severity?: {
        critical?: number;
        high?: number;
        medium?: number;
        low?: number;
      };
    };

    /** Numeric thresholds of the checks (see docs/checks.md for defaults). */
    thresholds?: {
      /** Minimum HPA/KEDA minReplicas. Default 2. */
      minReplicas?: number;
      /** Minimum terminationGracePeriodSeconds. Default 30. */
      minGracePeriodSeconds?: number;
      /** TechDocs older than this many days warn. Default 180. */
      docsMaxAgeDays?: number;
      /** Load tests older than this many days warn. Default 180. */
      loadTestMaxAgeDays?: number;
      /** Champions needed for a pass. Default 2. */
      minChampions?: number;
      /** CI runners must absorb this multiple of the peak concurrent jobs. Default 10. */
      ciJobFactor?: number;
      /** Capacity checks warn below growthFactor × this margin. Default 1.2. */
      headroomWarnMargin?: number;
    };

    /**
     * Rules of the readiness levels, tried from gold down; the first whose every
     * rule holds wins, otherwise `not-ready`. Defaults: gold 90 + chain headroom
     * + no critical/high failures; silver 75 + chain headroom + no critical failures; bronze 50.
     */
    levels?: {
      gold?: LevelRuleConfig;
      silver?: LevelRuleConfig;
      bronze?: LevelRuleConfig;
    };

    /** Reading Kubernetes manifests referenced by `scale-readiness.io/manifests`. */
    manifests?: {
      /**
       * Local folders from which entities registered through `file:` catalog
       * locations may read manifests (relative to the backend's working
       * directory). Paths outside them are refused. URLs always go through
       * Backstage's UrlReader and its `backend.reading.allow` list.
       */
      allowedLocalRoots?: string[];
    };

    /** Retention of stored data. */
    retention?: {
      /** Result history older than this many days is pruned. Default 400. */
      historyDays?: number;
    };
  };
}
