/**
 * Facts about the owning team and the entity's documentation: ownership and
 * champions, docs and TechDocs builds, time to access.
 */

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
