/**
 * Scale Readiness benchmark suite (GitHub issue 10), run through
 * `scripts/bench [--only store,api,overview,history,explain] [--size 10000]`.
 *
 * - store: delegates to scripts/bench-store (full pass time, peak RSS, idle
 *   pass, incremental pass with --changed share of components, rows written).
 * - api / overview / history: start the real plugin (see bench-backend.ts) on
 *   the database scale_readiness_bench_suite, score the synthetic catalog with
 *   the plugin's own scheduled pass, then load its HTTP API with autocannon
 *   (--connections clients, --duration seconds per case, in a child process).
 * - explain: EXPLAIN ANALYZE of the SQL of every hot read path (see
 *   bench-explain.ts), flagging sequential scans.
 * - payload: bytes of a large team scorecard, full and compact, uncompressed
 *   and gzipped, against the size targets (see bench-payload.ts).
 * - scaleout (only with --only): one backend process against three on one
 *   PostgreSQL database scoring the same catalog (see bench-scaleout.ts).
 *
 * The catalog is served by another process over the catalog REST API
 * (bench-catalog.ts) unless `--catalog in-process`. At 10 000 components or
 * more, one team owns 2,000 components; the api bench measures its compact
 * scorecard cold (first request after a change) and warm (bench-team.ts).
 * Every run ends with issue 18's targets, MET / NOT MET / NOT MEASURED
 * (bench-targets.ts), also as `BENCH_JSON.targets`.
 *
 * Prints tables and one `BENCH_JSON {...}` line; `--out file` also writes the
 * JSON, `--compare file` prints the change against an earlier run.
 */
import { readinessConfigFromAppConfig } from '@scale-readiness/plugin-scale-readiness-common';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import {
  type BenchBackend,
  pickTeams,
  seedHistory,
  startBenchBackend,
} from './bench-backend';
import {
  type ExplainedQuery,
  explainHotQueries,
  printExplained,
} from './bench-explain';
import { runLoad } from './bench-load';
import { measurePayload, pickPayloadTeam } from './bench-payload';
import { runScaleOut } from './bench-scaleout';
import { evaluateTargets, printTargets } from './bench-targets';
import { measureTeam2k, team2kLatencyRows } from './bench-team';
import {
  type Bench,
  BENCHES,
  type LatencyRow,
  printSummary,
  runBenchStore,
} from './bench-report';

const TEAM_P99_TARGET_MS = 100;
const API = '/api/scale-readiness';

function parseArgs() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log(`usage: scripts/bench [--only ${BENCHES.join(
      ',',
    )}] [--size 10000]
  [--groups size/10] [--changed 0.01] [--connections 1,50] [--duration 10]
  [--history-entities size/100] [--catalog http|in-process] [--replicas 3]
  [--out results.json] [--compare earlier.json] [--keep]
All benches but scaleout run by default.`);
    process.exit(0);
  }
  const only = (
    value('--only') ?? BENCHES.filter(b => b !== 'scaleout').join(',')
  )
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const b of only) {
    if (!BENCHES.includes(b as Bench))
      throw new Error(`unknown bench ${b}; one of ${BENCHES.join(', ')}`);
  }
  if (!['http', 'in-process'].includes(value('--catalog') ?? 'http'))
    throw new Error('--catalog is http or in-process');
  const size = Number(value('--size') ?? 10_000);
  if (!Number.isInteger(size) || size < 100)
    throw new Error('--size must be an integer ≥ 100');
  const num = (name: string, fallback: number) => {
    const n = Number(value(name) ?? fallback);
    if (!(n > 0)) throw new Error(`${name} must be positive`);
    return n;
  };
  return {
    only: new Set(only as Bench[]),
    size,
    groups: value('--groups') ? num('--groups', 0) : undefined,
    changed: num('--changed', 0.01),
    connections: (value('--connections') ?? '1,50').split(',').map(c => {
      const n = Number(c);
      if (!Number.isInteger(n) || n < 1)
        throw new Error('--connections takes positive integers, e.g. 1,50');
      return n;
    }),
    duration: num('--duration', 10),
    historyEntities: Math.round(
      num('--history-entities', Math.min(1000, Math.max(50, size / 100))),
    ),
    catalog: (value('--catalog') ?? 'http') as 'http' | 'in-process',
    replicas: Math.round(num('--replicas', 3)),
    out: value('--out'),
    compare: value('--compare'),
    keep: argv.includes('--keep'),
  };
}

const rss = {
  peak: 0,
  sample() {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  },
};
const mb = (bytes: number) => Math.round(bytes / 1048576);

async function machine(backend?: BenchBackend) {
  let postgres: string | undefined;
  if (backend) {
    const r = await backend.db.raw('SHOW server_version');
    postgres = r.rows[0].server_version;
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres,
  };
}

async function main() {
  const opts = parseArgs();
  const base =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const sampler = setInterval(() => rss.sample(), 50);
  sampler.unref();
  const report: Record<string, unknown> = {
    size: opts.size,
    benches: [...opts.only],
    connections: opts.connections,
    durationS: opts.duration,
    catalog: opts.catalog,
  };

  if (opts.only.has('store')) {
    console.log(`\n## store: scripts/bench-store --size ${opts.size}`);
    const store = await runBenchStore(opts.size, opts.changed, opts.catalog);
    const phase = (prefix: string) =>
      store.phases.find((p: any) => p.phase.startsWith(prefix));
    const full = phase('full pass');
    const idle = phase('second pass');
    const incremental = phase('pass, ');
    report.store = {
      catalog: store.catalog,
      catalogPeakRssMb: store.catalogPeakRssMb,
      fullPassMs: full.ms,
      peakRssMb: store.peakRssMb,
      idlePassMs: idle.ms,
      incrementalPassMs: incremental.ms,
      incremental: {
        factsChanged: incremental.factsChanged,
        evaluated: incremental.evaluated,
        resultsWritten: incremental.resultsWritten,
        historyAdded: incremental.historyAdded,
        rowsWritten:
          incremental.factsChanged +
          incremental.resultsWritten +
          incremental.historyAdded,
      },
      phases: store.phases,
    };
  }

  const needsBackend = [
    'api',
    'overview',
    'history',
    'explain',
    'payload',
  ].some(b => opts.only.has(b as Bench));
  const latency: LatencyRow[] = [];
  let explained: ExplainedQuery[] = [];
  let backend: BenchBackend | undefined;
  if (needsBackend) {
    console.log(`\n## backend: real plugin, ${opts.size} components`);
    backend = await startBenchBackend({
      base,
      size: opts.size,
      groups: opts.groups,
      keep: opts.keep,
      catalog: opts.catalog,
      teamComponents: 2000,
    });
    try {
      const { synthetic } = backend;
      const start = performance.now();
      const pass = await backend.runPass();
      rss.sample();
      const passMs = Math.round(performance.now() - start);
      console.log(
        `seed pass through the plugin's scheduled task: ${passMs} ms, ${pass.entities} entities, ${pass.resultsWritten} results; ${synthetic.groupRefs.length} groups`,
      );
      report.seedPass = {
        ms: passMs,
        entities: pass.entities,
        groups: pass.groups,
        resultsWritten: pass.resultsWritten,
      };
      const teams = pickTeams(synthetic);
      const step = Math.max(
        1,
        Math.floor(synthetic.componentRefs.length / opts.historyEntities),
      );
      const historyRefs = synthetic.componentRefs
        .filter((_, i) => i % step === 0)
        .slice(0, opts.historyEntities);
      if (opts.only.has('history') || opts.only.has('explain')) {
        const t = performance.now();
        const rows = await seedHistory(backend.db, historyRefs);
        console.log(
          `history: ${rows} rows (365 days × ${
            historyRefs.length
          } components) in ${Math.round(performance.now() - t)} ms`,
        );
        report.historyRows = rows;
      }
      // as autovacuum would after a bulk load
      await backend.db.raw('ANALYZE');
      report.teams = teams;

      const pathOf = (ref: string) => {
        const [kind, rest] = ref.split(':');
        return `${kind}/${rest}`;
      };
      const teamPath = (ref: string) =>
        `${API}/teams/${ref.slice('group:'.length)}`;
      const sample = (refs: string[], n: number) =>
        refs.filter(
          (_, i) => i % Math.max(1, Math.floor(refs.length / n)) === 0,
        );
      const cases: Array<[Bench, string, string[]]> = [
        [
          'api',
          `team scorecard, small team (${teams.small.components} components)`,
          [teamPath(teams.small.ref)],
        ],
        [
          'api',
          `team scorecard, large team (${teams.large.components} components, ${teams.large.groups} groups)`,
          [teamPath(teams.large.ref)],
        ],
        [
          'api',
          'entity result (200 components round-robin)',
          sample(synthetic.componentRefs, 200).map(
            r => `${API}/entities/${pathOf(r)}`,
          ),
        ],
        ['overview', 'overview, default sort', [`${API}/overview`]],
        [
          'overview',
          'overview, by score asc',
          [`${API}/overview?sort=score&order=asc`],
        ],
        ...(['latest 50', 'full year (limit 365)'] as const).map(
          (label): [Bench, string, string[]] => [
            'history',
            `history, ${label}`,
            historyRefs.map(
              r =>
                `${API}/entities/${pathOf(r)}/history?limit=${
                  label === 'latest 50' ? 50 : 365
                }`,
            ),
          ],
        ),
        [
          'history',
          'history, 50 before 180 days ago',
          historyRefs.map(
            r =>
              `${API}/entities/${pathOf(r)}/history?limit=50&before=${new Date(
                Date.now() - 180 * 86_400_000,
              ).toISOString()}`,
          ),
        ],
      ];
      for (const [bench, label, paths] of cases) {
        if (!opts.only.has(bench)) continue;
        const probe = await fetch(`${backend.baseUrl}${paths[0]}`);
        if (probe.status !== 200)
          throw new Error(`${paths[0]}: HTTP ${probe.status}`);
        await probe.arrayBuffer();
        for (const connections of opts.connections) {
          const load = { baseUrl: backend.baseUrl, paths, connections };
          await runLoad({ ...load, duration: Math.min(3, opts.duration) }); // warm-up
          const result = await runLoad({ ...load, duration: opts.duration });
          rss.sample();
          latency.push({ bench, case: label, connections, ...result });
          console.log(
            `${label}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps} req/s (${connections} clients)`,
          );
        }
      }

      const team2k = backend.catalog.team2k;
      if (opts.only.has('api') && team2k) {
        const t = await measureTeam2k({
          url: `${backend.baseUrl}${teamPath(team2k.ref)}?format=compact`,
          databaseUrl: backend.databaseUrl,
          team: team2k,
          connections: opts.connections,
          duration: opts.duration,
        });
        report.team2k = t;
        latency.push(...team2kLatencyRows(t));
      }

      if (opts.only.has('payload')) {
        const team = pickPayloadTeam(synthetic);
        const payload = await measurePayload({
          baseUrl: backend.baseUrl,
          teamPath: teamPath(team.ref),
          team: team.ref,
        });
        report.payload = payload;
        console.log(
          `payload ${team.ref}: full ${payload.full.bytes} bytes, compact ${payload.compact.bytes} bytes (${payload.components} rows)`,
        );
      }

      if (opts.only.has('explain')) {
        explained = await explainHotQueries(backend.db, {
          largeTeam: teams.large.ref,
          smallTeam: teams.small.ref,
          entity: synthetic.componentRefs[0],
          historyEntity: historyRefs[0],
          growthFactor: readinessConfigFromAppConfig(undefined).growthFactor,
        });
        printExplained(explained);
      }
      report.machine = await machine(backend);
      report.catalogPeakRssMb = (await backend.catalog.stats()).peakRssMb;
    } finally {
      await backend.stop();
    }
  } else {
    report.machine = await machine();
  }
  if (opts.only.has('scaleout')) {
    report.scaleout = await runScaleOut({
      base,
      size: opts.size,
      replicas: opts.replicas,
      catalog: opts.catalog,
    });
  }
  clearInterval(sampler);
  report.suitePeakRssMb = mb(rss.peak);
  report.latency = latency;
  report.explain = explained.map(({ plan: _plan, ...q }) => q);
  const teamRows = latency.filter(l => l.case.startsWith('team scorecard'));
  if (teamRows.length) {
    report.target = teamRows.map(l => ({
      case: l.case,
      connections: l.connections,
      p99: l.p99,
      targetMs: TEAM_P99_TARGET_MS,
      met: l.p99 <= TEAM_P99_TARGET_MS,
    }));
  }
  await printSummary(report, latency, explained, opts.compare);
  const team2k = report.team2k as
    | { components: number; cold1?: any; cold50?: any }
    | undefined;
  const targets = evaluateTargets({
    size: opts.size,
    only: opts.only,
    connections: opts.connections,
    changed: opts.changed,
    store: report.store as any,
    team2k,
    overview50: latency.find(
      l => l.case === 'overview, default sort' && l.connections === 50,
    ),
  });
  report.targets = targets;
  printTargets(targets);
  const line = JSON.stringify(report);
  console.log(`BENCH_JSON ${line}`);
  if (opts.out) await fs.writeFile(opts.out, `${line}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
