import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

/** The knex client handed out by the database service. */
type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const migrationsDir = resolvePackagePath(
  '@scale-readiness/plugin-scale-readiness-backend-module-kubernetes',
  'migrations',
);

/**
 * The module shares the `scale-readiness` plugin's database, so it keeps its
 * migrations in a table of its own.
 */
export const MIGRATIONS_TABLE = 'knex_migrations_scale_readiness_kubernetes';

const TABLE = 'k8s_replica_peaks';
/** Rows per INSERT (SQLite allows 999 bound variables per statement). */
const CHUNK = 100;
const DAY_MS = 86_400_000;

/** One observation of a workload's replica count. @public */
export interface ReplicaSample {
  entityRef: string;
  cluster: string;
  /** Empty string when the workload has no namespace. */
  namespace: string;
  kind: string;
  name: string;
  replicas: number;
}

/** UTC day of a date, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** First UTC day inside a window of `days` days ending at `now` (inclusive). */
export function windowStartDay(now: Date, days: number): string {
  return utcDay(new Date(now.getTime() - (days - 1) * DAY_MS));
}

function sampleKey(s: Omit<ReplicaSample, 'replicas'>): string {
  return `${s.entityRef}\n${s.cluster}\n${s.namespace}\n${s.kind}\n${s.name}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * Observed peak replicas of live workloads (table `k8s_replica_peaks`): one
 * row per entity, cluster, workload and UTC day with the day's maximum. The
 * peak over a window is the maximum of its days. Works on SQLite and
 * PostgreSQL.
 * @public
 */
export class PeakReplicaStore {
  readonly #db: Knex;

  /**
   * Connects and applies the module's migrations (own migrations table),
   * unless `skipMigrations` is set or the database service says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<PeakReplicaStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new PeakReplicaStore(client);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * Records samples taken at `at`: each (entity, cluster, workload, day) row
   * keeps the highest count. Repeated samples of one workload are folded first.
   */
  async record(samples: ReplicaSample[], at: Date): Promise<void> {
    const folded = new Map<string, ReplicaSample>();
    for (const s of samples) {
      const key = sampleKey(s);
      const seen = folded.get(key);
      if (!seen || s.replicas > seen.replicas) folded.set(key, s);
    }
    const day = utcDay(at);
    const rows = [...folded.values()].map(s => ({
      entity_ref: s.entityRef,
      cluster: s.cluster,
      namespace: s.namespace,
      kind: s.kind,
      name: s.name,
      day,
      max_replicas: s.replicas,
      updated_at: at,
    }));
    for (const chunk of chunks(rows, CHUNK)) {
      await this.#db(TABLE)
        .insert(chunk)
        .onConflict([
          'entity_ref',
          'cluster',
          'namespace',
          'kind',
          'name',
          'day',
        ])
        .merge({
          max_replicas: this.#db.raw(
            `CASE WHEN excluded.max_replicas > ??.max_replicas THEN excluded.max_replicas ELSE ??.max_replicas END`,
            [TABLE, TABLE],
          ),
          updated_at: this.#db.raw('excluded.updated_at'),
        });
    }
  }

  /**
   * Peak per workload since `sinceDay` (inclusive) for the given entities,
   * keyed `cluster|namespace|kind|name` per entity ref.
   */
  async peaks(
    entityRefs: string[],
    sinceDay: string,
  ): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    for (const chunk of chunks([...new Set(entityRefs)], CHUNK * 4)) {
      const rows: Array<{
        entity_ref: string;
        cluster: string;
        namespace: string;
        kind: string;
        name: string;
        peak: number | string;
      }> = await this.#db(TABLE)
        .select('entity_ref', 'cluster', 'namespace', 'kind', 'name')
        .max({ peak: 'max_replicas' })
        .whereIn('entity_ref', chunk)
        .andWhere('day', '>=', sinceDay)
        .groupBy('entity_ref', 'cluster', 'namespace', 'kind', 'name');
      for (const row of rows) {
        let byWorkload = out.get(row.entity_ref);
        if (!byWorkload) {
          byWorkload = new Map();
          out.set(row.entity_ref, byWorkload);
        }
        byWorkload.set(
          `${row.cluster}|${row.namespace}|${row.kind}|${row.name}`,
          Number(row.peak),
        );
      }
    }
    return out;
  }

  /** Clusters each entity was seen running in since `sinceDay`. */
  async clustersSeen(
    entityRefs: string[],
    sinceDay: string,
  ): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (const chunk of chunks([...new Set(entityRefs)], CHUNK * 4)) {
      const rows: Array<{ entity_ref: string; cluster: string }> =
        await this.#db(TABLE)
          .distinct('entity_ref', 'cluster')
          .whereIn('entity_ref', chunk)
          .andWhere('day', '>=', sinceDay);
      for (const row of rows) {
        const set = out.get(row.entity_ref) ?? new Set<string>();
        set.add(row.cluster);
        out.set(row.entity_ref, set);
      }
    }
    return out;
  }

  /** Deletes rows of days before `beforeDay`; returns how many. */
  async prune(beforeDay: string): Promise<number> {
    return this.#db(TABLE).where('day', '<', beforeDay).delete();
  }
}
