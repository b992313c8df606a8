/**
 * `scripts/bench --only explain`: runs each hot read path of the plugin
 * (team scorecard, overview, entity result, history) through the real
 * DatabaseReadinessStore, captures the SQL it sends, and prints PostgreSQL's
 * `EXPLAIN ANALYZE` plan of every statement, flagging sequential scans.
 */
import type { Knex } from 'knex';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import { loadMergedFacts } from '../plugins/scale-readiness-backend/src/service/loadMergedFacts';

/**
 * Relations this small are read with a Seq Scan by design (PostgreSQL prices a
 * one- or two-page heap below any index); such scans are reported, not flagged.
 */
const SMALL_RELATION_ROWS = 500;

/** One explained statement. */
export interface ExplainedQuery {
  path: string;
  sql: string;
  /** A Seq Scan on a relation with at least SMALL_RELATION_ROWS rows. */
  seqScan: boolean;
  /** Seq Scans on small relations: "table (rows)". */
  smallSeqScans: string[];
  /** Execution time reported by EXPLAIN ANALYZE, ms. */
  executionMs: number;
  plan: string[];
}

/** Refs the hot paths are run with. */
export interface ExplainTargets {
  largeTeam: string;
  smallTeam: string;
  entity: string;
  historyEntity: string;
  growthFactor: number;
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

/** Shortens long IN lists so the printed SQL stays readable. */
function shorten(sql: string): string {
  return sql
    .replace(/(\$\d+(?:, )?){4,}/g, m => {
      const n = m.split(',').length;
      return `$…(${n} values)`;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Runs the hot paths and explains every statement they issue. */
export async function explainHotQueries(
  db: Knex,
  targets: ExplainTargets,
): Promise<ExplainedQuery[]> {
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => db },
    skipMigrations: true,
  });
  const paths: Array<[string, () => Promise<unknown>]> = [
    [
      `team scorecard ${targets.largeTeam}`,
      async () => {
        await store.getGroup(targets.largeTeam);
        const groups = await store.getDescendantGroups(targets.largeTeam);
        await store.getRowsByOwners(groups);
      },
    ],
    [
      `team scorecard ${targets.smallTeam}`,
      async () => {
        await store.getGroup(targets.smallTeam);
        const groups = await store.getDescendantGroups(targets.smallTeam);
        await store.getRowsByOwners(groups);
      },
    ],
    [
      'overview (default sort: team)',
      async () => {
        await store.listTeamRollups({ offset: 0, limit: 50 });
        await store.getOrgRollup({ growthFactor: targets.growthFactor });
      },
    ],
    [
      'overview (score asc)',
      () => store.listTeamRollups({ sort: 'score', order: 'asc', limit: 50 }),
    ],
    [
      'overview (score desc, page 3)',
      () =>
        store.listTeamRollups({
          sort: 'score',
          order: 'desc',
          offset: 100,
          limit: 50,
        }),
    ],
    [
      'overview (at risk desc)',
      () => store.listTeamRollups({ sort: 'atRisk', order: 'desc', limit: 50 }),
    ],
    [
      `entity result ${targets.entity}`,
      async () => {
        const stored = await store.getResult(targets.entity);
        const members = stored?.result.chain.members ?? [];
        await loadMergedFacts(store, [targets.entity, ...members]);
      },
    ],
    [
      `history ${targets.historyEntity} (latest 50)`,
      () => store.getHistory(targets.historyEntity, { limit: 50 }),
    ],
    [
      `history ${targets.historyEntity} (50 before 180 days ago)`,
      () =>
        store.getHistory(targets.historyEntity, {
          limit: 50,
          before: new Date(Date.now() - 180 * 86_400_000),
        }),
    ],
  ];

  const sizes = new Map<string, number>(
    (
      await db.raw(
        `SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
      )
    ).rows.map((r: { relname: string; reltuples: number }) => [
      r.relname,
      Number(r.reltuples),
    ]),
  );
  const out: ExplainedQuery[] = [];
  for (const [path, run] of paths) {
    const captured: Captured[] = [];
    const listener = (q: { sql: string; bindings?: unknown[] }) => {
      if (/^\s*(select|with)/i.test(q.sql))
        captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
    };
    db.on('query', listener);
    try {
      await run();
    } finally {
      db.off('query', listener);
    }
    const seen = new Set<string>();
    for (const { sql, bindings } of captured) {
      if (seen.has(sql)) continue; // the same statement for another IN chunk
      seen.add(sql);
      const connection = await db.client.acquireConnection();
      try {
        const result = await connection.query(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          bindings,
        );
        const plan: string[] = result.rows.map(
          (r: Record<string, string>) => r['QUERY PLAN'],
        );
        const exec = plan
          .map(l => /Execution Time: ([\d.]+) ms/.exec(l))
          .find(Boolean);
        const scanned = plan
          .map(l => /Seq Scan on (\w+)/.exec(l)?.[1])
          .filter((t): t is string => Boolean(t));
        const small = scanned.filter(
          t => (sizes.get(t) ?? 0) < SMALL_RELATION_ROWS,
        );
        out.push({
          path,
          sql: shorten(sql),
          seqScan: scanned.length > small.length,
          smallSeqScans: small.map(t => `${t} (${sizes.get(t) ?? 0} rows)`),
          executionMs: exec ? Number(exec[1]) : NaN,
          plan,
        });
      } finally {
        await db.client.releaseConnection(connection);
      }
    }
  }
  return out;
}

/** Prints the plans, marking sequential scans. */
export function printExplained(queries: ExplainedQuery[]): void {
  let path = '';
  for (const q of queries) {
    if (q.path !== path) {
      path = q.path;
      console.log(`\n=== ${path}`);
    }
    const small = q.smallSeqScans.length
      ? `, small-table seq scan: ${q.smallSeqScans.join(', ')}`
      : '';
    console.log(
      `\n${q.seqScan ? '!! SEQ SCAN' : 'ok'} (${q.executionMs} ms${small}): ${
        q.sql
      }`,
    );
    for (const line of q.plan) {
      const flag = line.includes('Seq Scan') ? '  <<< Seq Scan' : '';
      console.log(`    ${line}${flag}`);
    }
  }
  const flagged = queries.filter(q => q.seqScan);
  console.log(
    flagged.length === 0
      ? `\nEXPLAIN: ${queries.length} statements, no sequential scans on tables of ≥ ${SMALL_RELATION_ROWS} rows`
      : `\nEXPLAIN: ${flagged.length} of ${
          queries.length
        } statements use a sequential scan:\n${flagged
          .map(q => `  - ${q.path}: ${q.sql}`)
          .join('\n')}`,
  );
}
