import type {
  CheckStatus,
  EntityFacts,
  EntityResult,
  FactStatus,
  HistoryEntry,
  RelationFacts,
  Rollup,
  ScorecardRow,
  TeamOverviewRow,
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

/**
 * Persistence of facts, entities, results, history, groups and rollups.
 * All methods are batch oriented; callers should pass whole batches rather than
 * loop over single entities.
 * @public
 */
export interface ReadinessStore {
  /**
   * Writes provider facts. Rows whose hash and status are unchanged are not
   * rewritten. Entities whose facts changed are marked dirty, except those in
   * `options.markedDirty` (already marked, e.g. by `upsertEntities` just
   * before).
   * @returns the distinct entity refs whose facts changed (including new rows)
   */
  upsertFacts(
    rows: FactsRow[],
    options?: { markedDirty?: ReadonlySet<string> },
  ): Promise<string[]>;

  /**
   * Inserts or updates entities and sets `last_seen_at` to `seenAt` for all of
   * them. New entities, and entities whose base facts, kind or owner changed,
   * are marked dirty.
   * @returns the refs that were inserted or changed
   */
  upsertEntities(rows: EntityRow[], seenAt: Date): Promise<string[]>;

  /**
   * Stored source and input keys of the given entities (those that exist), so
   * the collection pass can skip what did not change.
   */
  getCollectState(entityRefs: string[]): Promise<Map<string, CollectState>>;

  /** A named signature stored by `setPassState`, undefined before the first. */
  getPassState(name: string): Promise<string | undefined>;

  /** Stores the signature of the inputs something was last derived from. */
  setPassState(name: string, value: string, at: Date): Promise<void>;

  /**
   * A signature of the results table (row count and newest write) that
   * changes whenever a result is written or removed.
   */
  getResultsSignature(): Promise<string>;

  /**
   * Removes entities last seen before `date`, with their facts, results and
   * (unless `keepHistory`) history. Entities in `seen` are kept: the
   * collection pass lists what it saw there instead of rewriting
   * `last_seen_at` of every unchanged entity.
   * @returns the removed entity refs
   */
  deleteEntitiesNotSeenSince(
    date: Date,
    options?: { keepHistory?: boolean; seen?: ReadonlySet<string> },
  ): Promise<string[]>;

  /** Facts of the given entities, grouped by entity ref (sorted by provider). */
  getFacts(entityRefs: string[]): Promise<Map<string, StoredFacts[]>>;

  /** The given entities that exist. */
  getEntities(entityRefs: string[]): Promise<Map<string, StoredEntity>>;

  /**
   * Every stored entity with its relations (read from a compact column, not
   * the base facts), sorted by ref; for building the dependency graph.
   */
  listEntityGraph(): Promise<EntityGraphNode[]>;

  /** Up to `limit` refs of entities that need evaluation, sorted by ref. */
  listDirty(limit: number): Promise<string[]>;

  /** Records evaluation: stores the input hash and clears the dirty flag. */
  markEvaluated(
    rows: Array<{ entityRef: string; inputHash: string }>,
    at?: Date,
  ): Promise<void>;

  /**
   * Marks entities as needing evaluation and bumps their generation. Unless
   * `propagate` is false their dependents are marked too, by the next
   * `takePropagation`.
   */
  markDirty(
    entityRefs: string[],
    options?: { propagate?: boolean },
  ): Promise<void>;

  /** Whether several workers (replicas) may claim work concurrently (PostgreSQL). */
  supportsConcurrentWorkers(): boolean;

  /**
   * Claims up to `limit` dirty entities that nobody holds a live claim on,
   * sorted by ref, until `now + leaseMs`. With `entityRefs`, only those are
   * considered; with `gate`, nothing is claimed while that gate is closed.
   * On PostgreSQL concurrent claims skip each other's rows (SKIP LOCKED).
   */
  claimDirty(options: {
    workerId: string;
    limit: number;
    leaseMs: number;
    now: Date;
    entityRefs?: string[];
    gate?: string;
  }): Promise<ClaimedEntity[]>;

  /**
   * Releases the worker's claims after scoring: records the input hash and
   * time, and clears `dirty` only where the generation is still the claimed
   * one (a change that arrived meanwhile keeps the entity dirty).
   * Claims the worker no longer holds are left alone.
   * @returns the number of claims completed
   */
  completeClaims(options: {
    workerId: string;
    claims: ClaimedEntity[];
    inputHash: string;
    at: Date;
  }): Promise<number>;

  /** Gives claims back unscored; `retryAt` keeps them from being claimed before then. */
  releaseClaims(options: {
    workerId: string;
    entityRefs: string[];
    retryAt?: Date;
  }): Promise<void>;

  /** Current generations of the given entities that exist. */
  getGenerations(entityRefs: string[]): Promise<Map<string, number>>;

  /** How much scoring work is outstanding. */
  countPending(options: { workerId: string; now: Date }): Promise<PendingWork>;

  /**
   * Atomically takes every entity flagged for propagation, clears the flags
   * and marks `expand(seeds)` (their dependents) dirty without the flag.
   */
  takePropagation(
    expand: (seeds: string[]) => Iterable<string>,
  ): Promise<{ seeds: number; marked: number }>;

  /**
   * Marks every clean entity dirty whose last evaluation used another input
   * hash (configuration or checks changed). @returns the number marked
   */
  markDirtyUnlessInputHash(inputHash: string): Promise<number>;

  /** Closes (or extends) a named gate until `until`; see `claimDirty`. */
  closeGate(options: {
    name: string;
    holder: string;
    until: Date;
  }): Promise<void>;

  /** Opens a gate the holder closed (as of `at`). */
  openGate(options: { name: string; holder: string; at: Date }): Promise<void>;

  /** The state of a gate, undefined when it was never closed. */
  getGate(name: string): Promise<GateState | undefined>;

  /**
   * Writes results whose hash changed and appends a history row when the level,
   * score, chain headroom or any check status changed (also for a first result).
   */
  saveResults(
    results: ResultInput[],
    at: Date,
  ): Promise<{ written: number; unchanged: number; historyAdded: number }>;

  /** The stored result of one entity. */
  getResult(entityRef: string): Promise<StoredResult | undefined>;

  /** The stored results of the given entities that exist. */
  getResults(entityRefs: string[]): Promise<Map<string, StoredResult>>;

  /** Result hashes of the given entities (for dependents' input hashes). */
  getResultHashes(entityRefs: string[]): Promise<Map<string, string>>;

  /** Compact scorecard rows of every result owned by one of `ownerRefs`, sorted by ref. */
  getRowsByOwners(ownerRefs: string[]): Promise<ScorecardRow[]>;

  /**
   * A cheap version of those rows (count and newest write), for caching the
   * team scorecard: it changes whenever one of them is written or removed.
   */
  getOwnersVersion(ownerRefs: string[]): Promise<string>;

  /** History of one entity, newest first; `before` is exclusive. */
  getHistory(
    entityRef: string,
    options: { limit: number; before?: Date },
  ): Promise<HistoryEntry[]>;

  /** Replaces the whole group hierarchy. */
  replaceGroups(groups: GroupRow[], at?: Date): Promise<void>;

  /** One group with its direct children. */
  getGroup(groupRef: string): Promise<StoredGroup | undefined>;

  /** The group itself followed by all its sub-groups (breadth first, cycle safe). */
  getDescendantGroups(groupRef: string): Promise<string[]>;

  /**
   * Recomputes the rollup of every owner's direct components (and of every
   * group without components) from the compact stored rows.
   * @returns the number of team rows written and the org-wide rollup
   */
  recomputeTeamRollups(options: {
    growthFactor: number;
    at?: Date;
  }): Promise<{ teams: number; org: Rollup }>;

  /** A page of team rollups. */
  listTeamRollups(
    options?: ListTeamRollupsOptions,
  ): Promise<{ total: number; rows: TeamOverviewRow[] }>;

  /** The rollup over every stored result. */
  getOrgRollup(options: { growthFactor: number }): Promise<Rollup>;

  /**
   * Deletes history rows older than `olderThan` and, with `keepPerEntity`,
   * all but the newest `keepPerEntity` rows of each entity.
   * @returns the deleted count
   */
  pruneHistory(options: {
    olderThan?: Date;
    keepPerEntity?: number;
  }): Promise<number>;
}
