/** Rows and values exchanged with the readiness store (see `ReadinessStore`). */
import type {
  CheckStatus,
  EntityFacts,
  EntityResult,
  FactStatus,
  RelationFacts,
  Rollup,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * What one provider contributed about one entity: a partial `EntityFacts`
 * (usually one or more fact sections).
 * @public
 */
export type ProviderFacts = Partial<EntityFacts>;

/** A provider's facts about one entity, as written by the collector. @public */
export interface FactsRow {
  entityRef: string;
  providerId: string;
  /** Overall status of the provider's collection for this entity. */
  status: FactStatus;
  /** Hash of `facts` computed by the caller; unchanged hashes are not rewritten. */
  hash: string;
  facts: ProviderFacts;
  collectedAt: Date;
  /**
   * Key of the inputs the facts were built from (see `FactProvider.inputKeys`);
   * a later pass with the same key skips the provider. Null or absent: always
   * collect.
   */
  inputKey?: string | null;
}

/** Stored facts of one provider, as read back. @public */
export interface StoredFacts {
  providerId: string;
  status: FactStatus;
  hash: string;
  facts: ProviderFacts;
  collectedAt: Date;
}

/** A catalog entity as written by the collection pass. @public */
export interface EntityRow {
  entityRef: string;
  kind: string;
  /** Normalised owner ref; undefined/null when the entity has no owner. */
  ownerRef?: string | null;
  /** Base facts derived from the catalog, including relations. */
  base: EntityFacts;
  /**
   * Key of the catalog entity the base facts were built from (its etag);
   * a later pass with the same key keeps the stored base facts.
   */
  sourceKey?: string | null;
}

/** What the collection pass needs to know to skip unchanged inputs. @public */
export interface CollectState {
  /** `EntityRow.sourceKey` of the stored entity. */
  sourceKey: string | null;
  /** `FactsRow.inputKey` by provider id (only providers with a stored key). */
  inputKeys: Map<string, string>;
}

/** A stored entity with its evaluation bookkeeping. @public */
export interface StoredEntity {
  entityRef: string;
  kind: string;
  ownerRef: string | null;
  base: EntityFacts;
  /** Hash of `base` (computed by the store). */
  factsHash: string;
  /** Input hash recorded by the last evaluation, null before the first one. */
  inputHash: string | null;
  /** Whether the entity must be evaluated again. */
  dirty: boolean;
  lastSeenAt: Date;
  evaluatedAt: Date | null;
  /** Incremented whenever the entity's inputs change (`markDirty`, new facts). */
  generation: number;
}

/** A dirty entity claimed by a worker, with the generation it was claimed at. @public */
export interface ClaimedEntity {
  entityRef: string;
  generation: number;
}

/** A named gate, see `ReadinessStore.closeGate`. @public */
export interface GateState {
  holder: string;
  /** Closed while this lies in the future. */
  until: Date;
  /** How often the gate was closed so far. */
  closedCount: number;
}

/** Outstanding scoring work, see `ReadinessStore.countPending`. @public */
export interface PendingWork {
  /** Entities that need scoring. */
  dirty: number;
  /** Of those, the ones other workers hold live claims on. */
  claimedByOthers: number;
}

/** One node of the stored dependency graph. @public */
export interface EntityGraphNode {
  entityRef: string;
  relations: RelationFacts;
}

/** One result handed to `saveResults`. @public */
export interface ResultInput {
  result: EntityResult;
  /** Compact row built from `result` (served by team scorecards). */
  row: ScorecardRow;
  /** Hash of `result`; unchanged hashes are not rewritten. */
  resultHash: string;
  /** `JSON.stringify(result)` when the caller has it already (it is stored as is). */
  resultJson?: string;
}

/** A stored result with the time it was last written. @public */
export interface StoredResult {
  result: EntityResult;
  resultHash: string;
  evaluatedAt: Date;
}

/** A group of the catalog hierarchy. @public */
export interface GroupRow {
  groupRef: string;
  parentRef?: string | null;
  title?: string | null;
  /** Declared champion user refs. */
  champions: string[];
}

/** A stored group with its direct sub-groups. @public */
export interface StoredGroup {
  groupRef: string;
  parentRef: string | null;
  title: string | null;
  champions: string[];
  /** Direct sub-groups, sorted. */
  children: string[];
}

/** Sort keys of the team overview. @public */
export type TeamRollupSort =
  | 'team'
  | 'score'
  | 'components'
  | 'atRisk'
  | 'notReady'
  | 'coverage';

/** Options of `listTeamRollups`. @public */
export interface ListTeamRollupsOptions {
  /** Default `team` (title, falling back to ref). */
  sort?: TeamRollupSort;
  /** Default `asc`. Rows without a score always sort last. */
  order?: 'asc' | 'desc';
  /** Default 0. */
  offset?: number;
  /** Default 50. */
  limit?: number;
  /** Case-insensitive substring of the team ref or title. */
  q?: string;
}

/** Check status changes between two results: id → [before, after]. @public */
export type StatusChanges = Record<
  string,
  [CheckStatus | null, CheckStatus | null]
>;

/** What `recomputeTeamRollups` did. @public */
export interface TeamRollupsOutcome {
  /** Team rows there are now. */
  teams: number;
  /** The org-wide rollup stored with them. */
  org: Rollup;
  /**
   * True when only the teams above owners whose results changed were
   * recomputed (this store wrote the current rows and kept their inputs).
   */
  incremental: boolean;
  /** Team rows written or deleted. */
  teamsWritten: number;
}
