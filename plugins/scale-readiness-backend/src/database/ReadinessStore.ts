import type {
  HistoryEntry,
  Rollup,
  ScorecardRow,
  TeamOverviewRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  FactsRow,
  ProviderFacts,
  StoredFacts,
  EntityRow,
  CollectState,
  StoredEntity,
  ClaimedEntity,
  GateState,
  PendingWork,
  EntityGraphNode,
  ResultInput,
  StoredResult,
  GroupRow,
  StoredGroup,
  ListTeamRollupsOptions,
  TeamRollupsOutcome,
} from './storeTypes';

export type {
  ProviderFacts,
  FactsRow,
  StoredFacts,
  EntityRow,
  CollectState,
  StoredEntity,
  ClaimedEntity,
  GateState,
  PendingWork,
  EntityGraphNode,
  ResultInput,
  StoredResult,
  GroupRow,
  StoredGroup,
  TeamRollupSort,
  ListTeamRollupsOptions,
  StatusChanges,
  TeamRollupsOutcome,
} from './storeTypes';

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
   * `last_seen_at` of every unchanged entity; every ref in `seen` must be
   * stored (a count of the stored entities no larger than `seen` then means
   * nothing is stale, and nothing else is read).
   * @returns the removed entity refs
   */
  deleteEntitiesNotSeenSince(
    date: Date,
    options?: { keepHistory?: boolean; seen?: ReadonlySet<string> },
  ): Promise<string[]>;

  /**
   * The facts one provider stored for the given entities (its last stored
   * contribution), by entity ref; entities without facts from that provider
   * are left out. Backs `FactProviderContext.storedFacts`.
   */
  getProviderFacts(
    providerId: string,
    entityRefs: string[],
  ): Promise<Map<string, ProviderFacts>>;

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

  /**
   * Writes the results of claimed entities and completes the claims, in one
   * transaction. A result is written only while the worker still holds the
   * entity's claim at the generation it claimed: a worker whose lease ran out
   * (and was taken over), or whose entity changed while it was scored, never
   * overwrites a newer result; the changed entity stays dirty. Then completes
   * the claims it still holds, like `completeClaims`. Every result written by
   * scoring goes through here.
   * @returns what was written, how many results were discarded as stale, and
   * the number of claims completed
   */
  saveClaimedResults(options: {
    workerId: string;
    claims: ClaimedEntity[];
    results: ResultInput[];
    inputHash: string;
    at: Date;
  }): Promise<{
    written: number;
    unchanged: number;
    historyAdded: number;
    discarded: number;
    completed: number;
  }>;

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
   * Unconditional (imports, tests); scoring writes through `saveClaimedResults`.
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
   * The same rows, served from this store's cache of parsed rows where the
   * stored result is the one cached (by result hash and write time); only
   * rows written since are read and parsed. The objects are shared with
   * later calls: callers must not change them. For team scorecard builds.
   */
  getSharedRowsByOwners(ownerRefs: string[]): Promise<ScorecardRow[]>;

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
   * Recomputes the rollup of every team (its own and its sub-groups'
   * components; every group has a row) and the org rollup from the compact
   * stored rows. Incremental when this store wrote the current rows: it
   * reads the rollup inputs of changed results only and rewrites only the
   * teams above their owners.
   */
  recomputeTeamRollups(options: {
    growthFactor: number;
    at?: Date;
  }): Promise<TeamRollupsOutcome>;

  /** A page of team rollups. */
  listTeamRollups(
    options?: ListTeamRollupsOptions,
  ): Promise<{ total: number; rows: TeamOverviewRow[] }>;

  /** The rollup over every stored result. */
  getOrgRollup(options: { growthFactor: number }): Promise<Rollup>;

  /**
   * The version of the stored team and org rollups: a token that changes on
   * every write of them (by any replica), and the growth factor of the stored
   * org rollup; undefined before the first recompute. For caching overview
   * pages.
   */
  getRollupsVersion(): Promise<
    { token: string; growthFactor: number | null } | undefined
  >;

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

/*
 * The store's four parts. `DatabaseReadinessStore` implements them all (one
 * database, shared transactions); a caller depends on the part it uses, so
 * what each feature may touch is visible in its types.
 */

/** Collected facts and entities, and the collector's bookkeeping. @public */
export type FactStore = Pick<
  ReadinessStore,
  | 'upsertFacts'
  | 'upsertEntities'
  | 'getCollectState'
  | 'getPassState'
  | 'setPassState'
  | 'getResultsSignature'
  | 'deleteEntitiesNotSeenSince'
  | 'getProviderFacts'
  | 'getFacts'
  | 'getEntities'
  | 'listEntityGraph'
>;

/** The scoring work queue: dirty flags, claims and leases, gates. @public */
export type WorkQueueStore = Pick<
  ReadinessStore,
  | 'listDirty'
  | 'markEvaluated'
  | 'markDirty'
  | 'supportsConcurrentWorkers'
  | 'claimDirty'
  | 'completeClaims'
  | 'saveClaimedResults'
  | 'releaseClaims'
  | 'getGenerations'
  | 'countPending'
  | 'takePropagation'
  | 'markDirtyUnlessInputHash'
  | 'closeGate'
  | 'openGate'
  | 'getGate'
>;

/** Results of entities and their history. @public */
export type ResultStore = Pick<
  ReadinessStore,
  | 'saveResults'
  | 'getResult'
  | 'getResults'
  | 'getResultHashes'
  | 'getHistory'
  | 'pruneHistory'
>;

/** The scorecard read model: groups, team rows and rollups. @public */
export type ScorecardReadModel = Pick<
  ReadinessStore,
  | 'getRowsByOwners'
  | 'getSharedRowsByOwners'
  | 'getOwnersVersion'
  | 'replaceGroups'
  | 'getGroup'
  | 'getDescendantGroups'
  | 'recomputeTeamRollups'
  | 'listTeamRollups'
  | 'getOrgRollup'
  | 'getRollupsVersion'
>;
