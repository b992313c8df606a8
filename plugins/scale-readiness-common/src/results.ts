/**
 * Result model: what the engine produces from facts. Stored by the backend,
 * served by the API and recomputed in the browser by the growth simulator.
 */

/** The four readiness dimensions. @public */
export type Dimension = 'autoscaling' | 'quotas' | 'docs' | 'ownership';

/** All dimensions in display order. @public */
export const DIMENSIONS: readonly Dimension[] = [
  'autoscaling',
  'quotas',
  'docs',
  'ownership',
] as const;

/** Outcome of one check. `unknown` is never counted as a pass. @public */
export type CheckStatus =
  | 'pass'
  | 'warn'
  | 'fail'
  | 'unknown'
  | 'not-applicable';

/** How much a failing check matters. @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a check looked at. @public */
export interface Evidence {
  /** Provider id or fact source (`manifests`, `catalog`, `kubernetes`, …). */
  source: string;
  /** Where exactly (file, URL, cluster, annotation). */
  location?: string;
  /** The observed value, JSON. */
  observed?: unknown;
  /** ISO time the fact was collected. */
  at?: string;
}

/** Result of one check on one entity. @public */
export interface CheckResult {
  id: string;
  dimension: Dimension;
  title: string;
  status: CheckStatus;
  severity: Severity;
  message: string;
  evidence: Evidence[];
  remediation?: string;
  /**
   * For capacity checks: the largest growth factor this limit survives
   * (e.g. max 10 / peak 4 → 2.5). `null` = unbounded. Absent for non-capacity checks.
   */
  headroom?: number | null;
  /** Set when a valid waiver covers a failing/warning result. */
  waived?: { reason: string; approvedBy: string; expiresAt: string };
  /**
   * Set in browser simulations on checks of backend modules, which only the
   * server can evaluate: the stored result is shown ("evaluated on the server only").
   */
  serverOnly?: boolean;
}

/** Score of one dimension. @public */
export interface DimensionScore {
  dimension: Dimension;
  /** 0–100, or null when no check in it was applicable. */
  score: number | null;
  counts: Record<CheckStatus, number>;
}

/** Share of applicable checks that could actually be evaluated. @public */
export interface Coverage {
  /** Checks that were not `not-applicable`. */
  applicable: number;
  /** Of those, not `unknown`. */
  evaluated: number;
  /** evaluated / applicable, 0–1 (1 when nothing applicable). */
  ratio: number;
}

/** The limit that breaks first. @public */
export interface HeadroomLimit {
  entityRef: string;
  checkId: string;
  /** Largest factor survived (null = unbounded). */
  headroom: number | null;
  message: string;
}

/** Chain readiness: the weakest link over everything the entity depends on. @public */
export interface ChainResult {
  /** Min headroom over the entity and its transitive dependencies. null = unbounded/unknown. */
  headroom: number | null;
  weakestLink?: HeadroomLimit;
  /** Refs of every entity in the chain (excluding the entity itself). */
  members: string[];
  /** Dependency path from the entity to the weakest link (inclusive). */
  path: string[];
  /** Cycles found while walking the chain, each as a list of refs. */
  cycles: string[][];
  /** Dependencies that are not in the catalog / have no result. */
  missing: string[];
}

/** Readiness levels, lowest to highest. @public */
export type ReadinessLevel = 'not-ready' | 'bronze' | 'silver' | 'gold';

/**
 * Rank of each readiness level, lowest first (`not-ready` is 0): compare two
 * levels with `LEVEL_RANK[a] - LEVEL_RANK[b]`. @public
 */
export const LEVEL_RANK: Readonly<Record<ReadinessLevel, number>> = {
  'not-ready': 0,
  bronze: 1,
  silver: 2,
  gold: 3,
};

/** The full evaluation of one entity. @public */
export interface EntityResult {
  entityRef: string;
  kind: string;
  type?: string;
  system?: string;
  owner?: string;
  title?: string;
  /** The factor this entity was evaluated at (scoped growth may differ from the global one). */
  growthFactor: number;
  /** Set when `growthFactor` comes from a Component/System scope, not the global factor. */
  growthScope?: 'entity' | 'system-config' | 'system';
  /** 0–100 weighted score, null when no check was applicable. */
  score: number | null;
  level: ReadinessLevel;
  dimensions: DimensionScore[];
  coverage: Coverage;
  /** The entity's own tightest limit (ignoring dependencies). */
  ownHeadroom: HeadroomLimit | null;
  chain: ChainResult;
  checks: CheckResult[];
}
