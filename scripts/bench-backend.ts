/**
 * The backend under test for `scripts/bench`: the real scale-readiness plugin
 * (plugin.ts, router, ReadinessProcessor, DatabaseReadinessStore, migrations)
 * in a Backstage test backend listening on a free port, on a dedicated
 * PostgreSQL database, reading a synthetic catalog served by another process
 * over the catalog REST API (bench-catalog.ts; or in-process with
 * `catalog: 'in-process'`). Requests authenticate as the test backend's
 * default mock user; permissions allow everything.
 */
import {
  coreServices,
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory, { type Knex } from 'knex';
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  prng,
  type SyntheticCatalog,
  writeSyntheticManifests,
} from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { scaleReadinessPlugin } from '../plugins/scale-readiness-backend/src/plugin';
import type { PassStats } from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import {
  type BenchCatalog,
  inProcessCatalog,
  startCatalogProcess,
} from './bench-catalog';

/** The refs of the synthetic catalog the benchmarks pick from. */
export type SyntheticRefs = Pick<
  SyntheticCatalog,
  'componentRefs' | 'groupRefs'
>;

/**
 * Database the suite creates and drops (bench-store uses its own); override
 * with BENCH_SUITE_DATABASE to run next to another benchmark.
 */
export const SUITE_DATABASE =
  process.env.BENCH_SUITE_DATABASE ?? 'scale_readiness_bench_suite';
if (!/^[a-z_][a-z0-9_]*$/.test(SUITE_DATABASE)) {
  throw new Error(`Invalid BENCH_SUITE_DATABASE ${SUITE_DATABASE}`);
}

/** A running backend with its database and catalog. */
export interface BenchBackend {
  baseUrl: string;
  /** Knex on the bench database (for seeding history and EXPLAIN). */
  db: Knex;
  /** Connection string of the bench database. */
  databaseUrl: string;
  synthetic: SyntheticRefs;
  catalog: BenchCatalog;
  /** Runs the plugin's scheduled scoring task once; stats as /health reports them. */
  runPass(): Promise<PassStats>;
  stop(): Promise<void>;
}

/** Connection string of `database` on the server of `base`. */
function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Starts the plugin over a fresh `SUITE_DATABASE` with `size` components. */
export async function startBenchBackend(options: {
  base: string;
  size: number;
  groups?: number;
  keep?: boolean;
  /** Where the catalog lives; default another process over HTTP. */
  catalog?: 'http' | 'in-process';
  /** Re-own components so that one team owns this many (bench-team.ts). */
  teamComponents?: number;
}): Promise<BenchBackend> {
  const admin = knexFactory({
    client: 'pg',
    connection: options.base,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${SUITE_DATABASE}`);
  await admin.raw(`CREATE DATABASE ${SUITE_DATABASE}`);
  const url = databaseUrl(options.base, SUITE_DATABASE);
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: 10 },
  });

  const tmp = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-suite-')),
  );
  await writeSyntheticManifests(tmp);
  const catalogOptions = {
    components: options.size,
    groups: options.groups,
    manifestsRoot: tmp,
    teamComponents: options.teamComponents,
  };
  const catalog =
    options.catalog === 'in-process'
      ? inProcessCatalog(catalogOptions)
      : await startCatalogProcess(catalogOptions);

  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const scheduler = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => ({
      scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
        tasks.push(task);
      },
      createScheduledTaskRunner: () => ({
        run: async (task: SchedulerServiceTaskInvocationDefinition) => {
          tasks.push(task);
        },
      }),
      triggerTask: async () => {},
      cancelTask: async () => {},
      getScheduledTasks: async () => [],
    }),
  });

  const dropAll = async () => {
    await catalog.stop();
    await db.destroy();
    if (!options.keep) {
      await admin.raw(`DROP DATABASE IF EXISTS ${SUITE_DATABASE}`);
    }
    await admin.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  };
  const backend = await startTestBackend({
    features: [
      scaleReadinessPlugin,
      mockServices.rootConfig.factory({
        data: { scaleReadiness: { manifests: { allowedLocalRoots: [tmp] } } },
      }),
      mockServices.database.factory({ knex: db, migrations: { skip: false } }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      scheduler,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog.service,
      }),
    ],
  }).catch(async error => {
    await dropAll();
    throw error;
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const pass = tasks.find(t => t.id === 'scale-readiness-pass');
  if (!pass) throw new Error('the plugin did not schedule its pass');

  return {
    baseUrl,
    db,
    databaseUrl: url,
    synthetic: catalog,
    catalog,
    async runPass() {
      await pass.fn(new AbortController().signal);
      const health = await fetch(`${baseUrl}/api/scale-readiness/health`);
      const body = (await health.json()) as { lastPass?: PassStats };
      if (!body.lastPass) throw new Error('/health reports no pass');
      return body.lastPass;
    },
    async stop() {
      await backend.stop();
      await dropAll();
    },
  };
}

/** Team picked for the scorecard benchmark. */
export interface BenchTeam {
  ref: string;
  groups: number;
  components: number;
}

/**
 * A small team (a leaf group, about ten components) and a large one (the
 * smallest sub-tree with at least 1000 components), from the synthetic
 * hierarchy: group g<i> has parent g<floor((i-1)/10)>, component c<i> belongs
 * to g<i mod groups>.
 */
export function pickTeams(synthetic: SyntheticRefs): {
  small: BenchTeam;
  large: BenchTeam;
} {
  const groups = synthetic.groupRefs.length;
  const direct = new Array<number>(groups).fill(0);
  for (let i = 0; i < synthetic.componentRefs.length; i++) direct[i % groups]++;
  const subtree = [...direct];
  const size = new Array<number>(groups).fill(1);
  for (let g = groups - 1; g > 0; g--) {
    const parent = Math.floor((g - 1) / 10);
    subtree[parent] += subtree[g];
    size[parent] += size[g];
  }
  const team = (g: number): BenchTeam => ({
    ref: synthetic.groupRefs[g],
    groups: size[g],
    components: subtree[g],
  });
  const small = team(groups - 1);
  let large = 0;
  for (let g = 0; g < groups; g++) {
    if (subtree[g] >= 1000 && subtree[g] < subtree[large]) large = g;
  }
  return { small, large: team(large) };
}

/**
 * Appends a year of daily history (365 rows, newest yesterday) for every
 * `entityRefs` member, the way saveResults writes it. @returns rows written
 */
export async function seedHistory(
  db: Knex,
  entityRefs: string[],
): Promise<number> {
  const levels = ['not-ready', 'bronze', 'silver', 'gold'];
  const rnd = prng(7);
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  let rows: object[] = [];
  let written = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await db('result_history').insert(rows);
    written += rows.length;
    rows = [];
  };
  for (const ref of entityRefs) {
    let level = levels[Math.floor(rnd() * 4)];
    let score = Math.round(rnd() * 100);
    for (let d = 365; d >= 1; d--) {
      const nextLevel = rnd() < 0.2 ? levels[Math.floor(rnd() * 4)] : level;
      const nextScore = Math.max(
        0,
        Math.min(100, score + Math.round((rnd() - 0.5) * 20)),
      );
      rows.push({
        entity_ref: ref,
        changed_at: new Date(today - d * day + Math.floor(rnd() * day)),
        level: nextLevel,
        score: nextScore,
        chain_headroom: Math.round(rnd() * 500) / 100,
        previous_level: level,
        previous_score: score,
        changes: JSON.stringify({
          'docs.runbook': rnd() < 0.5 ? ['fail', 'pass'] : ['pass', 'fail'],
        }),
      });
      level = nextLevel;
      score = nextScore;
      if (rows.length >= 2000) await flush();
    }
  }
  await flush();
  return written;
}
