/**
 * Scale-out of `scripts/bench --only scaleout` (issue 18, item 7): a full pass
 * of the synthetic catalog by one backend process, then by `replicas`
 * processes on one PostgreSQL database, on a fresh database each time.
 *
 * Each replica is a child process (`node -r sucrase/register
 * scripts/bench-scaleout.ts '<json>'`) with its own ReadinessProcessor,
 * DatabaseReadinessStore and connection pool, reading the catalog process
 * over HTTP (bench-catalog.ts). The first runs the pass (it alone collects
 * facts, under the collect gate); the others loop `runWorker()` like their
 * local worker task and score batches claimed from the same work queue
 * (`claimDirty` leases). Reported: wall time, entities scored per second,
 * and CPU time of every replica, of the catalog process and of PostgreSQL's
 * processes (from /proc), so that what limits the ratio can be told apart:
 * two cores, or the database.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory from 'knex';
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticManifests } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import {
  CatalogFactProvider,
  ManifestFactProvider,
} from '../plugins/scale-readiness-backend/src/providers';
import { ReadinessProcessor } from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import { catalogServiceAt, startCatalogProcess } from './bench-catalog';

const DATABASE =
  process.env.BENCH_SCALEOUT_DATABASE ?? 'scale_readiness_bench_scaleout';
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) {
  throw new Error(`Invalid BENCH_SCALEOUT_DATABASE ${DATABASE}`);
}

/** One configuration's full pass. */
export interface ScaleOutRun {
  processes: number;
  wallMs: number;
  /** Collecting facts (the pass replica alone). */
  collectMs: number;
  /** Entities scored (all replicas). */
  evaluated: number;
  perSecond: number;
  /** Entities scored per second of the scoring phase (after collecting). */
  scoringPerSecond: number;
  /** CPU ms per replica (pass replica first). */
  replicaCpuMs: number[];
  /** Entities each replica scored. */
  replicaEvaluated: number[];
  postgresCpuMs: number;
  catalogCpuMs: number;
  /** Busy CPU of the whole machine (incl. anything else running), in cores. */
  machineCores: number;
}

/** BENCH_JSON.scaleout. */
export interface ScaleOutReport {
  size: number;
  runs: ScaleOutRun[];
  /** Entities per second with `replicas` processes ÷ with one. */
  ratio: number;
  /** The same for the scoring phase only. */
  scoringRatio: number;
}

interface ReplicaOptions {
  database: string;
  catalogUrl: string;
  manifestsRoot: string;
  workerId: string;
  role: 'pass' | 'worker';
}

const CLK_TCK = 100;
/** CPU ms of every process named `postgres` (they are in our PID namespace). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended
    }
  }
  return (ticks * 1000) / CLK_TCK;
}
/** Busy and total jiffies of the whole machine. */
function machineJiffies(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = cpu.split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - v[3] - (v[4] ?? 0), total };
}

function startReplica(options: ReplicaOptions) {
  const child = spawn(
    process.execPath,
    ['-r', 'sucrase/register', __filename, JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const messages: any[] = [];
  let waiting: (() => void) | undefined;
  let buffer = '';
  child.stdout!.on('data', chunk => {
    buffer += String(chunk);
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('REPLICA ')) continue;
      messages.push(JSON.parse(line.slice('REPLICA '.length)));
      waiting?.();
    }
  });
  const next = async (): Promise<any> => {
    while (!messages.length) {
      if (child.exitCode !== null) throw new Error('replica exited');
      await new Promise<void>(r => {
        waiting = r;
        setTimeout(r, 1000);
      });
    }
    return messages.shift();
  };
  return { child, next };
}

async function runOnce(
  n: number,
  o: {
    base: string;
    catalogUrl: string;
    manifestsRoot: string;
    stats: () => Promise<{ cpuMs?: number }>;
  },
): Promise<ScaleOutRun> {
  const admin = knexFactory({
    client: 'pg',
    connection: o.base,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.raw(`CREATE DATABASE ${DATABASE}`);
  const url = new URL(o.base);
  url.pathname = `/${DATABASE}`;
  const db = knexFactory({ client: 'pg', connection: url.toString() });
  await DatabaseReadinessStore.create({
    database: { getClient: async () => db, migrations: { skip: false } },
  });
  await db.destroy();
  const replicas: Array<ReturnType<typeof startReplica>> = [];
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const r = startReplica({
        database: url.toString(),
        catalogUrl: o.catalogUrl,
        manifestsRoot: o.manifestsRoot,
        workerId: `bench-replica-${i}`,
        role: i === 0 ? 'pass' : 'worker',
      });
      replicas.push(r);
      children.push(r.child);
    }
    for (const r of replicas) await r.next(); // ready
    const pg0 = postgresCpuMs();
    const cat0 = (await o.stats()).cpuMs ?? 0;
    const m0 = machineJiffies();
    const start = performance.now();
    for (const c of children) c.stdin!.write('go\n');
    const pass = await replicas[0].next();
    const wallMs = Math.round(performance.now() - start);
    const pgMs = postgresCpuMs() - pg0;
    const catMs = ((await o.stats()).cpuMs ?? 0) - cat0;
    const m1 = machineJiffies();
    for (const c of children.slice(1)) c.stdin!.write('stop\n');
    const workers = [];
    for (const r of replicas.slice(1)) workers.push(await r.next());
    const done = [pass, ...workers];
    const evaluated = done.reduce((a, d) => a + d.evaluated, 0);
    const scoringMs = Math.max(1, wallMs - pass.collectMs);
    return {
      processes: n,
      wallMs,
      collectMs: pass.collectMs,
      evaluated,
      perSecond: Math.round((evaluated * 1000) / wallMs),
      scoringPerSecond: Math.round((evaluated * 1000) / scoringMs),
      replicaCpuMs: done.map(d => d.cpuMs),
      replicaEvaluated: done.map(d => d.evaluated),
      postgresCpuMs: Math.round(pgMs),
      catalogCpuMs: catMs,
      machineCores:
        Math.round(
          ((m1.busy - m0.busy) / (m1.total - m0.total)) *
            os.cpus().length *
            100,
        ) / 100,
    };
  } finally {
    for (const c of children) c.stdin!.end();
    await Promise.all(
      children.map(c =>
        c.exitCode !== null ? undefined : new Promise(r => c.on('exit', r)),
      ),
    );
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.destroy();
  }
}

/** One process against `replicas` processes; prints a table. */
export async function runScaleOut(options: {
  base: string;
  size: number;
  replicas: number;
  catalog: string;
}): Promise<ScaleOutReport> {
  console.log(
    `\n## scaleout: 1 vs ${options.replicas} backend processes, ${
      options.size
    } components, catalog over HTTP${
      options.catalog === 'in-process'
        ? ' (--catalog in-process does not apply: replicas are processes)'
        : ''
    }`,
  );
  const tmp = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-scaleout-')),
  );
  await writeSyntheticManifests(tmp);
  const catalog = await startCatalogProcess({
    components: options.size,
    manifestsRoot: tmp,
    etags: true,
  });
  const runs: ScaleOutRun[] = [];
  try {
    for (const n of [1, options.replicas]) {
      const run = await runOnce(n, {
        base: options.base,
        catalogUrl: catalog.url!,
        manifestsRoot: tmp,
        stats: () => catalog.stats(),
      });
      runs.push(run);
      const cpu = run.replicaCpuMs.reduce((a, b) => a + b, 0);
      console.log(
        `${n} process(es): ${run.wallMs} ms (collect ${run.collectMs} ms), ${
          run.evaluated
        } scored (${run.replicaEvaluated.join(' + ')}), ${
          run.perSecond
        }/s (scoring phase ${
          run.scoringPerSecond
        }/s); CPU ms: replicas ${run.replicaCpuMs.join(
          ' + ',
        )} = ${cpu}, postgres ${run.postgresCpuMs}, catalog ${
          run.catalogCpuMs
        }; machine busy ${run.machineCores} of ${os.cpus().length} cores`,
      );
    }
  } finally {
    await catalog.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  }
  const [one, many] = runs;
  const report = {
    size: options.size,
    runs,
    ratio: Math.round((many.perSecond / one.perSecond) * 100) / 100,
    scoringRatio:
      Math.round((many.scoringPerSecond / one.scoringPerSecond) * 100) / 100,
  };
  console.log(
    `scale-out ratio (${options.replicas} processes ÷ 1): ${report.ratio} for the whole pass, ${report.scoringRatio} for the scoring phase`,
  );
  return report;
}

const quiet: LoggerService = {
  info: () => {},
  debug: () => {},
  warn: (m: string) => console.warn(`  warn: ${m}`),
  error: (m: string) => console.error(`  error: ${m}`),
  child: () => quiet,
};

async function replica(o: ReplicaOptions) {
  const db = knexFactory({
    client: 'pg',
    connection: o.database,
    pool: { min: 1, max: 5 },
  });
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => db, migrations: { skip: true } },
  });
  const auth = {
    getOwnServiceCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:scale-readiness' },
    }),
  } as unknown as AuthService;
  const processor = new ReadinessProcessor({
    logger: quiet,
    auth,
    catalog: catalogServiceAt(o.catalogUrl),
    store,
    providers: [
      new CatalogFactProvider(),
      new ManifestFactProvider({
        reader: {} as never,
        allowedLocalRoots: [o.manifestsRoot],
      }),
    ],
    checks: [...BUILTIN_CHECKS],
    config: readinessConfigFromAppConfig(undefined),
    workerId: o.workerId,
  });
  let input = '';
  const commands: string[] = [];
  process.stdin.on('data', c => {
    input += String(c);
    const lines = input.split('\n');
    input = lines.pop()!;
    commands.push(...lines);
  });
  process.stdin.on('end', () => process.exit(0));
  const say = (m: object) =>
    process.stdout.write(`REPLICA ${JSON.stringify(m)}\n`);
  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  say({ ready: true });
  while (!commands.includes('go')) await sleep(5);
  const cpu0 = process.cpuUsage();
  const cpuMs = () => {
    const u = process.cpuUsage(cpu0);
    return Math.round((u.user + u.system) / 1000);
  };
  if (o.role === 'pass') {
    const stats = await processor.runPass();
    say({
      evaluated: stats.evaluated,
      collectMs: stats.collectMs,
      cpuMs: cpuMs(),
    });
  } else {
    let evaluated = 0;
    while (!commands.includes('stop')) {
      const s = await processor.runWorker();
      evaluated += s.evaluated;
      // the processor's default poll interval (the plugin's worker task runs every 5 s)
      if (s.evaluated === 0) await sleep(500);
    }
    say({ evaluated, cpuMs: cpuMs() });
  }
  await new Promise(r => process.stdin.on('end', r));
}

if (require.main === module) {
  replica(JSON.parse(process.argv[2])).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
