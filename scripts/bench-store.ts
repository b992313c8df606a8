/**
 * Store-backed benchmark of the Scale Readiness backend: runs the real
 * ReadinessProcessor (catalog + manifests fact providers, built-in checks,
 * DatabaseReadinessStore) over a synthetic catalog served by another process
 * over HTTP (bench-catalog.ts; `--catalog in-process` for the indexed
 * in-process CatalogService), against a fresh PostgreSQL database that is
 * dropped at the end.
 * Run through `scripts/bench-store [--size 10000] [--changed 0.01] [--keep]`.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory from 'knex';
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticManifests } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import { computeRollup } from '../plugins/scale-readiness-backend/src/database/rollup';
import {
  CatalogFactProvider,
  ManifestFactProvider,
} from '../plugins/scale-readiness-backend/src/providers';
import {
  type PassStats,
  ReadinessProcessor,
} from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import { ReadinessService } from '../plugins/scale-readiness-backend/src/service/ReadinessService';
import { summariseWeakestLinks } from '../plugins/scale-readiness-backend/src/service/weakestLinks';
import { inProcessCatalog, startCatalogProcess } from './bench-catalog';
import {
  benchArgs,
  createDatabase,
  postgresBase,
  quietLogger,
} from './bench-fixture';

/** Override with BENCH_STORE_DATABASE to run next to another benchmark. */
const DATABASE = process.env.BENCH_STORE_DATABASE ?? 'scale_readiness_bench';

function args() {
  const argv = benchArgs(
    'scripts/bench-store [--size 10000] [--changed 0.01] [--catalog http|in-process] [--keep] [--profile] [--cpu-profile <dir>]',
  );
  const size = argv.integer('--size', 10_000, 10);
  const changed = Number(argv.value('--changed') ?? 0.01);
  if (!(changed > 0 && changed <= 1))
    throw new Error('--changed must be in (0, 1]');
  cpuProfileDir = argv.value('--cpu-profile');
  const catalog = argv.value('--catalog') ?? 'http';
  if (catalog !== 'http' && catalog !== 'in-process')
    throw new Error('--catalog is http or in-process');
  return {
    catalog,
    size,
    changed,
    keep: argv.flag('--keep'),
    profile: argv.flag('--profile'),
  };
}

/** Peak RSS, sampled every 25 ms and at every phase boundary. */
const rss = {
  peak: 0,
  sample() {
    const now = process.memoryUsage().rss;
    if (now > rss.peak) rss.peak = now;
    return now;
  },
};
const mb = (bytes: number) => Math.round(bytes / 1048576);

/** With `--cpu-profile <dir>`, each pass writes a V8 CPU profile there. */
let cpuProfileDir: string | undefined;
let cpuProfiles = 0;

async function timed<T>(
  fn: () => Promise<T>,
  options: { cpuProfile?: string } = {},
): Promise<{ value: T; ms: number; cpuMs: number }> {
  const session =
    cpuProfileDir && options.cpuProfile ? new Session() : undefined;
  if (session) {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const ms = Math.round(performance.now() - start);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  rss.sample();
  if (session) {
    const { profile: cpu } = (await post(session, 'Profiler.stop')) as {
      profile: unknown;
    };
    const file = path.join(
      cpuProfileDir!,
      `${++cpuProfiles}-${options.cpuProfile}.cpuprofile`,
    );
    await fs.writeFile(file, JSON.stringify(cpu));
    session.disconnect();
  }
  return { value, ms, cpuMs };
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

/**
 * Time spent per method of `target` (async methods only), when profiling;
 * `cpuMs` is the whole process's CPU time during the calls (attributable
 * only to methods that run alone, like the rollups at the end of a pass).
 */
const profile = new Map<string, { calls: number; ms: number; cpuMs: number }>();
function timedMethods<T extends object>(
  target: T,
  prefix: string,
  enabled: boolean,
): T {
  if (!enabled) return target;
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...a: unknown[]) => {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const out = value.apply(t, a);
        if (!(out instanceof Promise)) return out;
        return out.finally(() => {
          const key = `${prefix}.${String(prop)}`;
          const entry = profile.get(key) ?? { calls: 0, ms: 0, cpuMs: 0 };
          entry.calls++;
          entry.ms += performance.now() - start;
          const used = process.cpuUsage(cpu);
          entry.cpuMs += (used.user + used.system) / 1000;
          profile.set(key, entry);
        });
      };
    },
  });
}

interface Row {
  phase: string;
  ms: number;
  /**
   * CPU time of this Node process during the phase (user + system; not
   * PostgreSQL's): steadier than wall time on a shared machine.
   */
  cpuMs?: number;
  stats?: PassStats;
  note?: string;
  /** Per-method profile of this phase (with --profile). */
  profile?: Array<[string, { calls: number; ms: number; cpuMs: number }]>;
}

/** Takes the profile collected since the last call. */
function takeProfile(): Array<
  [string, { calls: number; ms: number; cpuMs: number }]
> {
  const out = [...profile].sort((a, b) => b[1].ms - a[1].ms);
  profile.clear();
  return out;
}

async function main() {
  const {
    size,
    changed: changedShare,
    keep,
    profile: profiling,
    ...opts
  } = args();
  const base = postgresBase();
  const sampler = setInterval(() => rss.sample(), 25);
  sampler.unref();

  const tmp = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-')),
  );
  await writeSyntheticManifests(tmp);
  const t0 = performance.now();
  // The catalog gives every entity an etag that changes with the entity.
  const catalogOptions = { components: size, manifestsRoot: tmp, etags: true };
  const catalog =
    opts.catalog === 'http'
      ? await startCatalogProcess(catalogOptions)
      : inProcessCatalog(catalogOptions);
  const genMs = Math.round(performance.now() - t0);
  const rssBase = rss.sample();

  const { admin, url } = await createDatabase(base, DATABASE);
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: 5 },
  });
  const rows: Row[] = [];
  let catalogStats = await catalog.stats();
  try {
    const store = timedMethods(
      await DatabaseReadinessStore.create({
        database: { getClient: async () => db, migrations: { skip: false } },
      }),
      'store',
      profiling,
    );
    const config = readinessConfigFromAppConfig(undefined);
    const auth = {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:scale-readiness' },
      }),
    } as unknown as AuthService;
    const processor = new ReadinessProcessor({
      logger: quietLogger(),
      auth,
      catalog: catalog.service,
      store,
      providers: [
        timedMethods(new CatalogFactProvider(), 'provider.catalog', profiling),
        timedMethods(
          new ManifestFactProvider({
            reader: {} as never, // only local manifests in this catalog
            allowedLocalRoots: [tmp],
          }),
          'provider.manifests',
          profiling,
        ),
      ],
      checks: [...BUILTIN_CHECKS],
      config,
    });
    const service = new ReadinessService({
      store,
      processor,
      config,
      checks: [...BUILTIN_CHECKS],
    });

    console.log(
      `synthetic catalog (${catalog.mode}): ${Object.entries(catalog.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} (${
        catalog.size
      } entities) built in ${genMs} ms; PostgreSQL database ${DATABASE}`,
    );

    const full = await timed(() => processor.runPass(), { cpuProfile: 'full' });
    rows.push({
      phase: 'full pass (first)',
      ms: full.ms,
      cpuMs: full.cpuMs,
      stats: full.value,
      profile: takeProfile(),
    });

    const idle = await timed(() => processor.runPass(), {
      cpuProfile: 'unchanged',
    });
    rows.push({
      phase: 'second pass, nothing changed',
      ms: idle.ms,
      cpuMs: idle.cpuMs,
      stats: idle.value,
      profile: takeProfile(),
    });

    // Change the facts of a share of the components: toggle their runbook link.
    const rnd = (i: number) =>
      (Math.imul(i + 1, 2654435761) >>> 0) % catalog.componentRefs.length;
    const picked = new Set<string>();
    for (
      let i = 0;
      picked.size < Math.max(1, Math.round(size * changedShare));
      i++
    ) {
      picked.add(catalog.componentRefs[rnd(i)]);
    }
    await catalog.toggleRunbooks([...picked]);
    const partial = await timed(() => processor.runPass(), {
      cpuProfile: 'changed',
    });
    rows.push({
      phase: `pass, ${picked.size} components changed (${changedShare * 100}%)`,
      ms: partial.ms,
      cpuMs: partial.cpuMs,
      stats: partial.value,
      profile: takeProfile(),
    });

    // Team scorecards: the department g1 (a tenth of the org) and the root g0.
    for (const team of ['group:default/g1', 'group:default/g0']) {
      const query = async () => {
        const groups = await store.getDescendantGroups(team);
        const components = await store.getRowsByOwners(groups);
        const rollup = computeRollup(components, config.growthFactor);
        const links = summariseWeakestLinks(components, config.growthFactor);
        return {
          groups: groups.length,
          components: components.length,
          rollup,
          links: links.length,
        };
      };
      const cold = await timed(query);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push((await timed(query)).ms);
      warm.sort((a, b) => a - b);
      rows.push({
        phase: `team scorecard ${team}`,
        ms: cold.ms,
        note: `${cold.value.groups} groups, ${cold.value.components} components, ${cold.value.rollup.atRisk} at risk; median of 5 warm: ${warm[2]} ms`,
      });
    }
    const overview = await timed(() =>
      Promise.all([
        store.listTeamRollups({ sort: 'score', order: 'asc', limit: 50 }),
        store.getOrgRollup({ growthFactor: config.growthFactor }),
      ]),
    );
    rows.push({
      phase: 'overview page (50 teams by score)',
      ms: overview.ms,
      note: `${overview.value[0].total} teams, org score ${overview.value[1].score}`,
    });
    const simulation = await timed(() =>
      service.simulate({ growthFactor: 5, team: 'group:default/g1' }),
    );
    rows.push({
      phase: 'simulate g1 at 5×',
      ms: simulation.ms,
      note: `${simulation.value.results.length} results`,
    });
    catalogStats = await catalog.stats();
  } finally {
    clearInterval(sampler);
    await catalog.stop();
    await db.destroy();
    if (!keep) await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  }

  printTable(rows);
  console.log(
    `\ncatalog requests: ${catalogStats.pages} pages, ${catalogStats.byRefsCalls} getEntitiesByRefs calls, ${catalogStats.entitiesServed} entities served`,
  );
  console.log(
    `RSS of this process (the plugin's): ${mb(
      rssBase,
    )} MB at the start, peak ${mb(rss.peak)} MB; catalog ${catalog.mode}${
      catalogStats.peakRssMb
        ? `, its process peak ${catalogStats.peakRssMb} MB`
        : ''
    }`,
  );
  if (profiling) {
    const phases: Array<[string, ReturnType<typeof takeProfile>]> = [
      ...rows.flatMap(r =>
        r.profile ? [[r.phase, r.profile] as [string, typeof r.profile]] : [],
      ),
      ['team scorecards, overview, simulation', takeProfile()],
    ];
    for (const [phase, entries] of phases) {
      console.log(
        `\nprofile of ${phase} (wall time incl. waiting; process CPU during the calls):`,
      );
      for (const [key, { calls, ms, cpuMs }] of entries) {
        console.log(
          `  ${key.padEnd(40)} ${String(calls).padStart(6)} calls ${Math.round(
            ms,
          )
            .toString()
            .padStart(8)} ms ${Math.round(cpuMs)
            .toString()
            .padStart(8)} cpu ms`,
        );
      }
    }
  }
  console.log(
    `BENCH_STORE_JSON ${JSON.stringify({
      size,
      entities: catalog.size,
      database: 'postgresql',
      catalog: catalog.mode,
      catalogPeakRssMb: catalogStats.peakRssMb,
      peakRssMb: mb(rss.peak),
      baseRssMb: mb(rssBase),
      phases: rows.map(r => ({
        phase: r.phase,
        ms: r.ms,
        ...(r.cpuMs !== undefined && { cpuMs: r.cpuMs }),
        ...(r.stats && {
          collectMs: r.stats.collectMs,
          entities: r.stats.entities,
          factsChanged: r.stats.factsChanged,
          evaluated: r.stats.evaluated,
          resultsWritten: r.stats.resultsWritten,
          historyAdded: r.stats.historyAdded,
        }),
        ...(r.note && { note: r.note }),
      })),
    })}`,
  );
}

function printTable(rows: Row[]) {
  const header = [
    'phase',
    'time ms',
    'cpu ms',
    'collect ms',
    'entities',
    'facts chg',
    'evaluated',
    'written',
    'history',
  ];
  const lines = rows.map(r => [
    r.phase,
    String(r.ms),
    r.cpuMs === undefined ? '' : String(r.cpuMs),
    ...(r.stats
      ? [
          r.stats.collectMs,
          r.stats.entities,
          r.stats.factsChanged,
          r.stats.evaluated,
          r.stats.resultsWritten,
          r.stats.historyAdded,
        ].map(String)
      : ['', '', '', '', '', '']),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ');
  console.log(
    `\n${fmt(header)}\n${widths.map(w => '-'.repeat(w)).join('-+-')}`,
  );
  for (const l of lines) console.log(fmt(l));
  for (const r of rows) if (r.note) console.log(`  ${r.phase}: ${r.note}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
