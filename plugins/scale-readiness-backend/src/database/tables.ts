/**
 * Raw row shapes of the plugin's tables (see `migrations/`). Timestamps are
 * typed loosely because SQLite returns epoch milliseconds and PostgreSQL Date.
 */

/** Timestamp as written (Date) or read back (Date, number or string). */
export type DbTimestamp = Date | number | string;

/** Table names. */
export const TABLES = {
  facts: 'facts',
  entities: 'entities',
  results: 'results',
  history: 'result_history',
  groups: 'groups',
  teamRollups: 'team_rollups',
  gates: 'worker_gates',
} as const;

export interface DbFactsRow {
  entity_ref: string;
  provider_id: string;
  status: string;
  hash: string;
  facts: string;
  collected_at: DbTimestamp;
  updated_at: DbTimestamp;
  /** Input key the provider declared (see the input-keys migration); null: always collect. */
  input_key?: string | null;
}

export interface DbEntitiesRow {
  entity_ref: string;
  kind: string;
  owner_ref: string | null;
  base: string;
  relations: string;
  facts_hash: string;
  input_hash: string | null;
  dirty: boolean | number;
  last_seen_at: DbTimestamp;
  evaluated_at: DbTimestamp | null;
  claimed_by: string | null;
  claimed_until: DbTimestamp | null;
  /** Incremented whenever the entity's inputs change (see the scale-out migration). */
  generation: number;
  /** Whether the entity's dependents still have to be marked dirty. */
  propagate: boolean | number;
  /** Catalog etag (and base-facts version) the base facts were built from. */
  source_key?: string | null;
}

export interface DbWorkerGatesRow {
  name: string;
  holder: string;
  until: DbTimestamp;
  closed_count: number;
}

export interface DbResultsRow {
  entity_ref: string;
  owner_ref: string | null;
  kind: string;
  system: string | null;
  level: string;
  score: number | null;
  own_headroom: number | null;
  chain_headroom: number | null;
  coverage: number;
  result: string;
  row: string;
  result_hash: string;
  evaluated_at: DbTimestamp;
}

export interface DbHistoryRow {
  id?: number;
  entity_ref: string;
  changed_at: DbTimestamp;
  level: string;
  score: number | null;
  chain_headroom: number | null;
  previous_level: string | null;
  previous_score: number | null;
  changes: string;
}

export interface DbGroupsRow {
  group_ref: string;
  parent_ref: string | null;
  title: string | null;
  champions: string;
  updated_at: DbTimestamp;
}

export interface DbTeamRollupsRow {
  team_ref: string;
  title: string | null;
  parent_ref: string | null;
  components: number;
  score: number | null;
  at_risk: number;
  not_ready: number;
  coverage: number;
  rollup: string;
  updated_at: DbTimestamp;
}
