import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** One level's rules. */
interface LevelRuleConfig {
  /**
   * Minimum overall score 0–100.
   * @visibility frontend
   */
  minScore?: number;
  /**
   * Chain headroom must be at least the growth factor.
   * @visibility frontend
   */
  requireChainHeadroom?: boolean;
  /**
   * Maximum unwaived critical failures.
   * @visibility frontend
   */
  maxCriticalFailures?: number;
  /**
   * Maximum unwaived high-severity failures.
   * @visibility frontend
   */
  maxHighFailures?: number;
  /**
   * Maximum unwaived failures of any severity (gold default 0).
   * @visibility frontend
   */
  maxFailures?: number;
  /**
   * Minimum coverage ratio 0–1.
   * @visibility frontend
   */
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
      /** docs.load-test-proves-factor passes only below this error rate (0–1). Default 0.01. */
      loadTestMaxErrorRate?: number;
      /** Champions needed for a pass. Default 2. */
      minChampions?: number;
      /** CI runners must absorb this multiple of the peak concurrent jobs. Default 10. */
      ciJobFactor?: number;
      /** Capacity checks warn below growthFactor × this margin. Default 1.2. */
      headroomWarnMargin?: number;
    };

    /** Reading of load-test reports (`scale-readiness.io/load-test-report` pointing at a .json file). */
    loadTests?: {
      /** Largest report read, in bytes; bigger ones make the check `unknown`. Default 5 MiB. */
      maxReportBytes?: number;
    };

    /**
     * Scoped growth: a growth factor per System, e.g.
     * `{ 'system:default/payments': 5 }` (`payments` alone means the default
     * namespace). A Component's own `scale-readiness.io/growth-factor`
     * annotation wins over it; it wins over the annotation on the System.
     * The simulator keeps each scoped factor's ratio to `growthFactor`.
     */
    growth?: {
      systems?: { [systemRef: string]: number };
    };

    /**
     * Checks without code: each is a JSONata condition over an entity's facts
     * (see docs/checks.md, "Custom checks"). An invalid condition stops the
     * backend at start-up with the check's id in the error.
     */
    customChecks?: Array<{
      /** Unique id starting with `custom.`. */
      id: string;
      /** One of autoscaling, quotas, docs, ownership. */
      dimension: 'autoscaling' | 'quotas' | 'docs' | 'ownership';
      severity: 'critical' | 'high' | 'medium' | 'low';
      title: string;
      description?: string;
      remediation: string;
      /** Every key given must match; within a key, any value. */
      appliesTo?: {
        kind?: string | string[];
        type?: string | string[];
        lifecycle?: string | string[];
        tag?: string | string[];
        system?: string | string[];
      };
      /** JSONata; `true` passes, `false` fails, no value is `unknown`. `$growthFactor`, `$thresholds`, `$now` are bound. */
      condition: string;
    }>;

    /**
     * Rules of the readiness levels, tried from gold down; the first whose every
     * rule holds wins, otherwise `not-ready`. Defaults: gold 90 + chain headroom
     * + no unwaived failure; silver 75 + chain headroom + no critical failures; bronze 50.
     */
    levels?: {
      gold?: LevelRuleConfig;
      silver?: LevelRuleConfig;
      bronze?: LevelRuleConfig;
    };

    /** TechDocs build metadata for `docs.techdocs-fresh`. */
    techdocs?: {
      /**
       * Read the last build time (`build_timestamp` of techdocs_metadata.json)
       * from the TechDocs backend's metadata endpoint for every entity with
       * `backstage.io/techdocs-ref` (default true). Without it, or for a
       * site not published yet, `scale-readiness.io/docs-updated` is used.
       */
      buildMetadata?: boolean;
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
      /**
       * Most bytes of YAML one manifests target (a file, or a folder's files
       * together) may hold, read through the UrlReader or from local files.
       * A larger target is refused (a URL as soon as the limit is passed, a
       * local folder before it is read) and its checks say `unknown` with
       * the reason. Default 5242880 (5 MB).
       */
      maxBytes?: number;
    };

    /**
     * Scoring workers. Every backend replica runs one on PostgreSQL; they share
     * the scoring of a pass by claiming batches of entities (see docs/scale-out.md).
     * On SQLite scoring runs in a single worker.
     */
    scoring?: {
      /** Entities a worker claims at once. Default 500. */
      batchSize?: number;
      /**
       * How long a claim lasts, in seconds. The entities of a replica that
       * dies while scoring are taken over by another one after this. Default 120.
       */
      leaseSeconds?: number;
      /**
       * How often each replica looks for dirty entities (between passes, and to
       * join a pass another replica started). Default: every 5 seconds.
       */
      workerSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** How a pass processes what it collected. */
    processing?: {
      /**
       * Bytes of merged facts a pass keeps in memory from collecting to
       * scoring, so that entities the pass inserted are scored without reading
       * their facts back from the database (entities stored before are always
       * read back). Default 50331648 (48 MiB); 0 disables it.
       */
      factsCacheBytes?: number;
    };

    /**
     * Retention of stored data. Facts and results are kept once per entity (and
     * provider) and removed with the entity; history is pruned after each pass.
     */
    retention?: {
      /** Result history older than this many days is pruned. Default 400. */
      historyDays?: number;
      /** At most this many history rows are kept per entity (newest first). Default: no limit. */
      historyPerEntity?: number;
    };

    /** Trend charts: daily rollup snapshots of teams and the org (see docs/trends.md). */
    trends?: {
      /**
       * Daily team and org snapshots older than this many days are pruned
       * after each scoring pass. Default 400 (the longest window is 365).
       * Component trends come from the result history
       * (`retention.historyDays`).
       */
      retentionDays?: number;
      /**
       * Demo installations: once the demo org has settled (a scoring pass
       * that changes no result, or five passes), seed 90 days of generated
       * history (marked demo, labelled "Demo data" in
       * the charts) for every team, the organisation and every owned
       * component, ending at today's real values. Runs once (not again while
       * demo rows exist) and never overwrites a measured day. Default false.
       */
      demoHistory?: boolean;
    };

    /** Quarterly readiness reviews (see docs/reviews.md). */
    reviews?: {
      /**
       * Take a review automatically when a quarter ends. Default true. Reviews
       * can always be started by hand (`POST /reviews`).
       */
      scheduled?: boolean;
      /** The review calendar (UTC). */
      calendar?: {
        /** Month (1–12) the fiscal year starts in. Default 1: quarters end in March, June, September and December. */
        fiscalYearStartMonth?: number;
        /** Take the review this many days before the quarter ends. Default 0 (just after it ends). */
        daysBeforeQuarterEnd?: number;
        /** A review missed (e.g. during an outage) is still taken this many days late. Default 7. */
        graceDays?: number;
      };
      /** How often the calendar is checked. Default: every hour. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** Access requests of team members (`/access-requests`). */
    accessRequests?: {
      /** Hours a request waits for an answer before it expires. Default 72. */
      expiryHours?: number;
      /**
       * Whether a champion may approve a request they made or that is for
       * them. Default true; `admin` always needs another champion.
       */
      allowSelfApproval?: boolean;
      /**
       * Minutes after an approval before the sweep treats a request that
       * still has no grant as interrupted (a crash between the approval and
       * the grant) and runs its grant again as the approver, or marks the
       * request failed when the approver is no longer a champion. Default 5.
       */
      approvalRecoveryMinutes?: number;
      /** Schedule of the expiry and recovery sweep. Default: every 5 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** Waivers of findings. */
    waivers?: {
      /** Longest a waiver may last, in days; also the default expiry. Default 90. */
      maxDays?: number;
      /**
       * Whether a champion's waiver applies at once, without a second
       * champion of the team approving it (`POST /waivers/:id/approve`). For
       * teams with a single champion. Default false: a waiver is pending,
       * and does not apply to scores, until another champion approves it.
       */
      allowSingleChampion?: boolean;
      /** How often expired waivers are swept (their findings re-open). Default: every 15 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Notifications to owning groups through `@backstage/plugin-notifications-node`
     * (needs the notifications backend; without it nothing is sent and nothing breaks).
     */
    notifications?: {
      /** Send notifications. Default true. */
      enabled?: boolean;
      /** Warn this many days before a waiver expires. Default 14. */
      waiverExpiryDays?: number;
      /** Remind teams that have not signed off a review after this many days. Default 7. */
      signOffReminderDays?: number;
      /** How often regressions, expiring waivers and reminders are checked. Default: every hour. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** Launch plans (docs/launch-plans.md). */
    plans?: {
      /**
       * Lead time in days before the plan date, per check id or check id
       * prefix (dimension), e.g. `quotas: 5`, `scale-in: 3`. Write the dots
       * of a check id as `_` (`quotas_headroom: 7`). The most specific key
       * wins. Defaults: quotas 5, autoscaling 3, scale-in 3, ownership 2,
       * docs 1; any other check 2.
       */
      leadTimeDays?: { [checkIdOrPrefix: string]: number };
      /** Notify teams of open items due within this many days. Default 3. */
      dueSoonDays?: number;
      /**
       * Seed the demo launch plan ("Retail partner launch") on start when the
       * demo catalog is loaded. Idempotent. Default false.
       */
      demoSeed?: boolean;
      /** Snapshot and plan notification schedule. Default: every 6 hours. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** Trust boundaries of champion actions (docs/permissions.md). */
    access?: {
      /**
       * GitHub organisations grants may touch (case-insensitive). A grant to a
       * repository, team or runner group of any other organisation is refused
       * (403) before any executor call. Default: no restriction beyond the
       * team's catalog scope.
       */
      allowedOrganizations?: string[];
      /**
       * Location prefixes of the catalog sources that may confer rights, e.g.
       * `url:https://github.com/acme/org/blob/main/`. Membership, champion
       * rights and grant scope come only from Group, User and Component
       * entities whose `backstage.io/managed-by-location` and
       * `backstage.io/managed-by-origin-location` both start with one of them.
       * Default: every source is trusted.
       */
      trustedSources?: string[];
    };

    /** Per-user limits of costly routes (per replica, in memory); over the limit: 429 with Retry-After. */
    rateLimits?: {
      /** `POST /entities/.../refresh`. Default 60 per 10 minutes. */
      refresh?: {
        /** Requests per window. */
        requests?: number;
        /** Window in minutes. */
        windowMinutes?: number;
      };
      /** `POST /simulate`. Default 120 per 10 minutes. */
      simulate?: {
        /** Requests per window. */
        requests?: number;
        /** Window in minutes. */
        windowMinutes?: number;
      };
      /** `POST /reviews` (each notifies every team). Default 10 per hour. */
      reviewCreate?: {
        /** Requests per window. */
        requests?: number;
        /** Window in minutes. */
        windowMinutes?: number;
      };
      /** `POST /plans` (each notifies the teams involved). Default 20 per hour. */
      planCreate?: {
        /** Requests per window. */
        requests?: number;
        /** Window in minutes. */
        windowMinutes?: number;
      };
    };

    /** Champion actions: time-bound, audited self-service access grants (docs/champions.md). */
    grants?: {
      /** Longest grant in days. Default 14. */
      maxDurationDays?: number;
      /** Duration the grant form proposes, in hours. Default 24. */
      defaultDurationHours?: number;
      /** Repository permission levels champions may give. Default pull, triage, push, maintain. */
      permissions?: string[];
      /** New grants per user per window. */
      rateLimit?: {
        /** Default 10. */
        requests?: number;
        /** Default 60. */
        windowMinutes?: number;
      };
      /** Revoke retries with exponential backoff. */
      retry?: {
        /** Default 5. */
        maxAttempts?: number;
        /** Default 30. */
        initialDelaySeconds?: number;
        /** Default 3600. */
        maxDelaySeconds?: number;
      };
      /** How long a worker may hold a grant it is processing. Default 300. */
      leaseSeconds?: number;
      /** Least time between two drift checks of a grant. Default 15. */
      reconcileIntervalMinutes?: number;
      /** Window of the time-to-access metric, in days. Default 90. */
      timeToAccessWindowDays?: number;
      /** Champions declared in config in addition to the catalog annotation. */
      champions?: Array<{
        /** Group entity ref. */
        group: string;
        /** User entity refs. */
        users: string[];
      }>;
      /** Use the dry-run executor even when GitHub is configured. Default false. */
      dryRun?: boolean;
      /** Expiry sweep and reconciliation schedule. Default: every minute. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Time to access, from a member's request to active access. */
    timeToAccess?: {
      /** p90 target of `ownership.time-to-access`, in hours. Default 4. */
      targetHours?: number;
      /** Rolling window of the measure, in days. Default 90. */
      windowDays?: number;
    };
  };
}
