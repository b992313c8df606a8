import { getOwnersVersion } from './versionQueries';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { migratedClient } from './migrate';
import type {
  HistoryEntry,
  Rollup,
  ScorecardRow,
  TeamOverviewRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import { isPostgres } from './util';
import * as claims from './claimQueries';
import * as collect from './collectQueries';
import * as dirty from './dirtyQueries';
import * as entities from './entityQueries';
import * as groups from './groupQueries';
import * as results from './resultQueries';
import * as rollups from './rollupQueries';
import { ScorecardRowCache } from './scorecardRowCache';
import { readRollupsVersion, TeamRollups } from './teamRollups';
import type {
  ClaimedEntity,
  CollectState,
  EntityGraphNode,
  EntityRow,
  FactsRow,
  GateState,
  GroupRow,
  ListTeamRollupsOptions,
  PendingWork,
  ProviderFacts,
  ReadinessStore,
  ResultInput,
  StoredEntity,
  StoredFacts,
  StoredGroup,
  StoredResult,
  TeamRollupsOutcome,
} from './ReadinessStore';

/**
 * Knex implementation of {@link ReadinessStore}; works on SQLite
 * (better-sqlite3) and PostgreSQL.
 * @public
 */
export class DatabaseReadinessStore implements ReadinessStore {
  /**
   * Connects to the plugin's database and applies pending migrations, unless
   * `skipMigrations` is set or the database service says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const { database, skipMigrations } = options;
    return new DatabaseReadinessStore(
      await migratedClient(database, { skipMigrations }),
    );
  }

  /** Team rollups with this store's cache of their inputs. */
  private readonly teamRollups: TeamRollups;
  /** Parsed scorecard rows of team scorecard builds. */
  private readonly scorecardRows: ScorecardRowCache;

  private constructor(private readonly db: Knex) {
    this.teamRollups = new TeamRollups(db);
    this.scorecardRows = new ScorecardRowCache(db);
  }

  async upsertFacts(
    rows: FactsRow[],
    options?: { markedDirty?: ReadonlySet<string> },
  ): Promise<string[]> {
    return entities.upsertFacts(this.db, rows, new Date(), options);
  }

  async upsertEntities(rows: EntityRow[], seenAt: Date): Promise<string[]> {
    return entities.upsertEntities(this.db, rows, seenAt);
  }

  async getCollectState(
    entityRefs: string[],
  ): Promise<Map<string, CollectState>> {
    return collect.getCollectState(this.db, entityRefs);
  }

  async getPassState(name: string): Promise<string | undefined> {
    return collect.getPassState(this.db, name);
  }

  async setPassState(name: string, value: string, at: Date): Promise<void> {
    return collect.setPassState(this.db, name, value, at);
  }

  async getResultsSignature(): Promise<string> {
    return collect.getResultsSignature(this.db);
  }

  async deleteEntitiesNotSeenSince(
    date: Date,
    options?: { keepHistory?: boolean; seen?: ReadonlySet<string> },
  ): Promise<string[]> {
    return entities.deleteEntitiesNotSeenSince(this.db, date, options);
  }

  async getProviderFacts(
    providerId: string,
    entityRefs: string[],
  ): Promise<Map<string, ProviderFacts>> {
    return collect.getProviderFacts(this.db, providerId, entityRefs);
  }

  async getFacts(entityRefs: string[]): Promise<Map<string, StoredFacts[]>> {
    return entities.getFacts(this.db, entityRefs);
  }

  async getEntities(entityRefs: string[]): Promise<Map<string, StoredEntity>> {
    return entities.getEntities(this.db, entityRefs);
  }

  async listEntityGraph(): Promise<EntityGraphNode[]> {
    return entities.listEntityGraph(this.db);
  }

  async listDirty(limit: number): Promise<string[]> {
    return dirty.listDirty(this.db, limit);
  }

  async markEvaluated(
    rows: Array<{ entityRef: string; inputHash: string }>,
    at: Date = new Date(),
  ): Promise<void> {
    return dirty.markEvaluated(this.db, rows, at);
  }

  async markDirty(
    entityRefs: string[],
    options?: { propagate?: boolean },
  ): Promise<void> {
    return dirty.markDirty(this.db, entityRefs, options);
  }

  supportsConcurrentWorkers(): boolean {
    return isPostgres(this.db);
  }

  async claimDirty(options: {
    workerId: string;
    limit: number;
    leaseMs: number;
    now: Date;
    entityRefs?: string[];
    gate?: string;
  }): Promise<ClaimedEntity[]> {
    return claims.claimDirty(this.db, options);
  }

  async completeClaims(options: {
    workerId: string;
    claims: ClaimedEntity[];
    inputHash: string;
    at: Date;
  }): Promise<number> {
    return claims.completeClaims(this.db, options);
  }

  async saveClaimedResults(options: {
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
  }> {
    return claims.saveClaimedResults(this.db, options);
  }

  async releaseClaims(options: {
    workerId: string;
    entityRefs: string[];
    retryAt?: Date;
  }): Promise<void> {
    return claims.releaseClaims(this.db, options);
  }

  async getGenerations(entityRefs: string[]): Promise<Map<string, number>> {
    return claims.getGenerations(this.db, entityRefs);
  }

  async countPending(options: {
    workerId: string;
    now: Date;
  }): Promise<PendingWork> {
    return claims.countPending(this.db, options);
  }

  async takePropagation(
    expand: (seeds: string[]) => Iterable<string>,
  ): Promise<{ seeds: number; marked: number }> {
    return claims.takePropagation(this.db, expand);
  }

  async markDirtyUnlessInputHash(inputHash: string): Promise<number> {
    return claims.markDirtyUnlessInputHash(this.db, inputHash);
  }

  async closeGate(options: {
    name: string;
    holder: string;
    until: Date;
  }): Promise<void> {
    return claims.closeGate(this.db, options);
  }

  async openGate(options: {
    name: string;
    holder: string;
    at: Date;
  }): Promise<void> {
    return claims.openGate(this.db, options);
  }

  async getGate(name: string): Promise<GateState | undefined> {
    return claims.getGate(this.db, name);
  }

  async saveResults(
    items: ResultInput[],
    at: Date,
  ): Promise<{ written: number; unchanged: number; historyAdded: number }> {
    return results.saveResults(this.db, items, at);
  }

  async getResult(entityRef: string): Promise<StoredResult | undefined> {
    return (await results.getResults(this.db, [entityRef])).get(entityRef);
  }

  async getResults(entityRefs: string[]): Promise<Map<string, StoredResult>> {
    return results.getResults(this.db, entityRefs);
  }

  async getResultHashes(entityRefs: string[]): Promise<Map<string, string>> {
    return results.getResultHashes(this.db, entityRefs);
  }

  async getRowsByOwners(ownerRefs: string[]): Promise<ScorecardRow[]> {
    return results.getRowsByOwners(this.db, ownerRefs);
  }

  async getSharedRowsByOwners(ownerRefs: string[]): Promise<ScorecardRow[]> {
    return this.scorecardRows.rowsByOwners(ownerRefs);
  }

  async getOwnersVersion(ownerRefs: string[]): Promise<string> {
    return getOwnersVersion(this.db, ownerRefs);
  }

  async getHistory(
    entityRef: string,
    options: { limit: number; before?: Date },
  ): Promise<HistoryEntry[]> {
    return results.getHistory(this.db, entityRef, options);
  }

  async pruneHistory(options: {
    olderThan?: Date;
    keepPerEntity?: number;
  }): Promise<number> {
    return results.pruneHistory(this.db, options);
  }

  async replaceGroups(rows: GroupRow[], at: Date = new Date()): Promise<void> {
    return groups.replaceGroups(this.db, rows, at);
  }

  async getGroup(groupRef: string): Promise<StoredGroup | undefined> {
    return groups.getGroup(this.db, groupRef);
  }

  async getDescendantGroups(groupRef: string): Promise<string[]> {
    return groups.getDescendantGroups(this.db, groupRef);
  }

  async recomputeTeamRollups(options: {
    growthFactor: number;
    at?: Date;
  }): Promise<TeamRollupsOutcome> {
    return this.teamRollups.recompute({
      growthFactor: options.growthFactor,
      at: options.at ?? new Date(),
    });
  }

  async listTeamRollups(
    options?: ListTeamRollupsOptions,
  ): Promise<{ total: number; rows: TeamOverviewRow[] }> {
    return rollups.listTeamRollups(this.db, options);
  }

  async getOrgRollup(options: { growthFactor: number }): Promise<Rollup> {
    return rollups.getOrgRollup(this.db, options);
  }

  async getRollupsVersion(): Promise<
    { token: string; growthFactor: number | null } | undefined
  > {
    return readRollupsVersion(this.db);
  }
}
