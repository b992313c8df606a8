/**
 * Shapes of the Scale Readiness REST API (`/api/scale-readiness`), shared by the
 * backend router and the frontend client.
 */
import type { EngineSettings } from './engine/simulation';
import type { EntityFacts } from './facts';
import type {
  CheckResult,
  CheckStatus,
  Dimension,
  EntityResult,
  ReadinessLevel,
} from './results';

/** `GET /entities/:kind/:namespace/:name` @public */
export interface EntityReadinessResponse {
  result: EntityResult;
  /** ISO time of the stored evaluation. */
  evaluatedAt: string;
  /** Facts of the entity and of every chain member, for in-browser simulation. */
  facts: EntityFacts[];
  /** The server's effective engine settings, so the browser evaluates like it. */
  engine?: EngineSettings;
  /** Stored results of server-only (module) checks, per ref of `facts`. */
  serverOnlyResults?: Record<string, CheckResult[]>;
}

/** A component row of a team scorecard (compact; no evidence). @public */
export interface ScorecardRow {
  entityRef: string;
  title?: string;
  kind: string;
  type?: string;
  system?: string;
  owner?: string;
  level: ReadinessLevel;
  score: number | null;
  /** Own tightest headroom. */
  ownHeadroom: number | null;
  /** Chain headroom and its weakest link. */
  chainHeadroom: number | null;
  weakestLink?: {
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message: string;
  };
  coverage: number;
  /**
   * The component's own growth factor when it is scoped (annotation or
   * System configuration, see `effectiveGrowthOf`); absent when the global
   * factor applies. Rollups count "at risk" against it.
   */
  growthFactor?: number;
  dimensions: Record<
    Dimension,
    { score: number | null; worst: CheckStatus | null }
  >;
  /** Ids of failing checks (for filtering). */
  failing: string[];
  evaluatedAt: string;
}

/** Aggregates over a set of components. @public */
export interface Rollup {
  components: number;
  /** Average score over components with a score (null when none). */
  score: number | null;
  levels: Record<ReadinessLevel, number>;
  dimensions: Record<Dimension, { score: number | null; failing: number }>;
  /**
   * Components whose chain headroom is below their growth factor: the
   * component's scoped factor when it has one, else the global one.
   */
  atRisk: number;
  /** Average coverage 0–1. */
  coverage: number;
  /**
   * Team rows only: the number of sub-groups whose components are included
   * (a department rolled up over its sub-tree); absent for a leaf team.
   */
  subGroups?: number;
}

/** `GET /teams/:namespace/:name` @public */
export interface TeamScorecardResponse {
  team: {
    entityRef: string;
    title?: string;
    parent?: string;
    children: string[];
  };
  growthFactor: number;
  champions: string[];
  /** Group refs included (the team and its sub-groups). */
  groups: string[];
  rollup: Rollup;
  /** Lowest chain headroom first. */
  weakestLinks: Array<{
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message: string;
    affected: number;
  }>;
  components: ScorecardRow[];
}

/** A row of `GET /overview`. @public */
export interface TeamOverviewRow extends Rollup {
  teamRef: string;
  title?: string;
  parent?: string;
  /**
   * The team's time to access, from a member's request to active access
   * (see `TeamTimeToAccess`); `samples` 0 and null hours when no request
   * reached access in the window. Absent when the backend does not measure it.
   */
  timeToAccess?: TeamOverviewTimeToAccess;
}

/** Request → access figures of a team in the org overview. @public */
export interface TeamOverviewTimeToAccess {
  windowDays: number;
  targetHours: number;
  samples: number;
  p50Hours: number | null;
  p90Hours: number | null;
  pending: number;
}

/** `GET /overview?sort=&order=&offset=&limit=&q=` @public */
export interface OverviewResponse {
  growthFactor: number;
  total: number;
  offset: number;
  limit: number;
  org: Rollup;
  teams: TeamOverviewRow[];
}

/** A history entry: `GET /entities/:kind/:namespace/:name/history` @public */
export interface HistoryEntry {
  at: string;
  level: ReadinessLevel;
  score: number | null;
  previousLevel?: ReadinessLevel;
  previousScore?: number | null;
  chainHeadroom: number | null;
  /** Checks whose status changed: id → [before, after]. */
  changes: Record<string, [CheckStatus | null, CheckStatus | null]>;
}

/** `POST /simulate` body. @public */
export interface SimulateRequest {
  growthFactor: number;
  entityRefs?: string[];
  team?: string;
}

/** `POST /simulate` response. @public */
export interface SimulateResponse {
  growthFactor: number;
  results: EntityResult[];
}

/**
 * A Kubernetes object read for some component that matches no component:
 * an autoscaler whose scale target exists nowhere, a PodDisruptionBudget
 * whose selector matches no pod, or a ResourceQuota in a namespace where no
 * scored component runs a workload. @public
 */
export interface UnownedObject {
  type: 'dangling-autoscaler' | 'orphan-pdb' | 'unowned-quota';
  kind: string;
  name: string;
  namespace?: string;
  /** The entity whose manifests or live objects it was read with. */
  foundOn: string;
  /** Fact provider that read it (`manifests`, `kubernetes`). */
  source: string;
  /** Manifest folder/URL or cluster it was read from. */
  location?: string;
  message: string;
}

/** `GET /unowned-objects` response. @public */
export interface UnownedObjectsResponse {
  objects: UnownedObject[];
  /** Entities whose stored facts were read. */
  entitiesScanned: number;
}
