import type { EntityFacts } from '../facts';
import type { CheckStatus, Dimension, Evidence, Severity } from '../results';

/**
 * Numeric thresholds used by the checks; every key is configurable under
 * `scaleReadiness.thresholds`. The defaults live in `DEFAULT_THRESHOLDS`.
 * @public
 */
export interface Thresholds {
  /** Minimum HPA/KEDA minReplicas (default 2). */
  minReplicas: number;
  /** Minimum terminationGracePeriodSeconds (default 30). */
  minGracePeriodSeconds: number;
  /** TechDocs older than this many days warn (default 180). */
  docsMaxAgeDays: number;
  /** Load tests older than this many days warn (default 180). */
  loadTestMaxAgeDays: number;
  /** A load-test report proves the factor only below this error rate, 0–1 (default 0.01). */
  loadTestMaxErrorRate?: number;
  /** Champions needed for a pass; 1 champion is a warning, 0 a failure (default 2). */
  minChampions: number;
  /** CI runner capacity must absorb this many times the peak concurrent jobs (default 10). */
  ciJobFactor: number;
  /** Capacity checks warn when headroom is below growthFactor × this margin (default 1.2). */
  headroomWarnMargin: number;
}

/** Context passed to every check. @public */
export interface CheckContext {
  /** The growth factor to test against (e.g. 3 for "what breaks at 3×"). */
  growthFactor: number;
  thresholds: Thresholds;
  /** Evaluation time (for freshness checks); injected so the engine stays pure. */
  now: Date;
}

/** What a check returns; the engine adds id, dimension, title and default severity. @public */
export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  evidence?: Evidence[];
  remediation?: string;
  /** Capacity checks only: largest growth factor survived; null = unbounded. */
  headroom?: number | null;
  /** Overrides the definition's severity for this outcome. */
  severity?: Severity;
}

/**
 * A readiness check. Pure: no I/O, deterministic for the same facts and context.
 * Backend modules add their own through the checks extension point in `-node`.
 * @public
 */
export interface CheckDefinition {
  /** Dotted id, unique, e.g. `autoscaling.hpa-present`. */
  id: string;
  dimension: Dimension;
  title: string;
  /** What it reads and its pass/fail rules (shown in docs and the UI). */
  description: string;
  severity: Severity;
  /** Capacity checks return a headroom and take part in chain readiness. */
  capacity?: boolean;
  evaluate(facts: EntityFacts, ctx: CheckContext): CheckOutcome;
}

/**
 * An accepted risk on one check of one entity. A waiver whose `expiresAt` is in
 * the past (relative to the evaluation time) is ignored, which re-opens the
 * finding. A valid waiver never changes a result's status or headroom; it marks
 * the result `waived`, which then counts as a pass in the score and is not
 * counted as a failure by the level rules.
 * @public
 */
export interface Waiver {
  entityRef: string;
  checkId: string;
  reason: string;
  approvedBy: string;
  /** ISO timestamp. */
  expiresAt: string;
}

/** Options of `evaluateEntity` / `evaluateAll`. @public */
export interface EvaluateOptions {
  /** Checks to run; defaults to `BUILTIN_CHECKS`. */
  checks?: readonly CheckDefinition[];
  /** Evaluation time; defaults to the current time. */
  now?: Date;
  /** Waivers; only those whose `entityRef` matches the evaluated entity apply. */
  waivers?: readonly Waiver[];
  /**
   * Upper bound on `chain.members`, `chain.path` and each cycle listed per entity
   * (default 1000), so that pathological graphs stay linear. The headroom and
   * weakest link are always exact; only these lists are cut.
   */
  maxChainMembers?: number;
}
