/**
 * Result-write benchmark of the Scale Readiness backend: records the batches
 * a real full pass hands to `saveClaimedResults` (synthetic catalog, built-in
 * checks), then replays them against the store on PostgreSQL, with the same
 * lanes as the worker, and reports the wall time, this process's CPU and the
 * CPU of the PostgreSQL backends serving it (from /proc, same machine only).
 * Run through `scripts/bench-writes [--size 10000] [--rounds 3] [--lanes 2]`.
 *
 * Phases, each replayed `--rounds` times on a claimed, dirty catalog:
 * - first write: no stored results (the first pass of a new install);
 * - all changed: every result differs from the stored one (score moved),
 *   so each write reads the previous result and appends a history row;
 * - unchanged: every result hash is already stored (claims complete only).
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import {
  BUILTIN_CHECKS,
  readinessConfigFromAppConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import knexFactory, { type Knex } from 'knex';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticManifests } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import {
  DatabaseReadinessStore,
  type ResultInput,
} from '../plugins/scale-readiness-backend/src/database';
import { hashText } from '../plugins/scale-readiness-backend/src/database/util';
import {
  CatalogFactProvider,
  ManifestFactProvider,
} from '../plugins/scale-readiness-backend/src/providers';
import { ReadinessProcessor } from '../plugins/scale-readiness-backend/src/service/ReadinessProcessor';
import { inProcessCatalog } from './bench-catalog';
import {
  benchArgs,
  createDatabase,
  postgresBase,
  quietLogger,
} from './bench-fixture';

const DATABASE = process.env.BENCH_WRITES_DATABASE ?? 'scale_readiness_writes';
const WORKER = 'bench-writes';

function args() {
  const argv = benchArgs(
    'scripts/bench-writes [--size 10000] [--rounds 3] [--lanes 2]',
  );
  return {
    size: argv.integer('--size', 10_000),
    rounds: argv.integer('--rounds', 3),
    lanes: argv.integer('--lanes', 2),
  };
}

/** CPU ms (user + system) of the PostgreSQL backends connected to DATABASE. */
async function backendCpuMs(db: Knex): Promise<number> {
  const { rows } = await db.raw(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  const tick = 1000 / 100; // CLK_TCK is 100 on Linux
  let total = 0;
  for (const { pid } of rows as Array<{ pid: number }>) {
    try {
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // a backend on another machine, or one that just ended
    }
  }
  return total;
}

/** Every entity dirty and claimed by WORKER; returns the generations. */
async function claimAll(db: Knex): Promise<Map<string, number>> {
  await db('entities').update({
    dirty: true,
    claimed_by: WORKER,
    claimed_until: new Date(Date.now() + 3_600_000),
  });
  const rows = await db('entities').select('entity_ref', 'generation');
  return new Map(rows.map(r => [r.entity_ref, Number(r.generation)]));
}

/** The same result with its score moved: a changed hash and a history row. */
function moved(item: ResultInput, round: number): ResultInput {
  const result = { ...item.result, score: (item.result.score ?? 0) + round };
  const resultJson = JSON.stringify(result);
  return { ...item, result, resultJson, resultHash: hashText(resultJson) };
}

async function main() {
  const { size, rounds, lanes } = args();
  const { admin, url } = await createDatabase(postgresBase(), DATABASE);
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: lanes + 1, max: lanes + 1 },
  });
  const tmp = await fs.realpath(
    await fs.mkdtemp(path.join(os.tmpdir(), 'sr-bench-writes-')),
  );
  try {
    await writeSyntheticManifests(tmp);
    const catalog = inProcessCatalog({
      components: size,
      manifestsRoot: tmp,
      etags: true,
    });
    const store = await DatabaseReadinessStore.create({
      database: { getClient: async () => db, migrations: { skip: false } },
    });
    // Record what a real pass writes.
    const batches: ResultInput[][] = [];
    const recording = new Proxy(store, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver);
        if (prop !== 'saveClaimedResults') {
          return typeof value === 'function' ? value.bind(t) : value;
        }
        return (options: { results: ResultInput[] }) => {
          batches.push(options.results);
          return value.call(t, options);
        };
      },
    });
    const auth = {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:scale-readiness' },
      }),
    } as unknown as AuthService;
    await new ReadinessProcessor({
      logger: quietLogger(),
      auth,
      catalog: catalog.service,
      store: recording,
      providers: [
        new CatalogFactProvider(),
        new ManifestFactProvider({
          reader: {} as never,
          allowedLocalRoots: [tmp],
        }),
      ],
      checks: [...BUILTIN_CHECKS],
      config: readinessConfigFromAppConfig(undefined),
    }).runPass();
    const count = batches.reduce((n, b) => n + b.length, 0);
    const bytes = batches.reduce(
      (n, b) => n + b.reduce((m, i) => m + (i.resultJson?.length ?? 0), 0),
      0,
    );
    console.log(
      `recorded ${batches.length} batches, ${count} results (${Math.round(
        bytes / count,
      )} bytes of JSON each); ${lanes} lanes, ${rounds} rounds; PostgreSQL database ${DATABASE}`,
    );

    const replay = async (phase: string, input: ResultInput[][]) => {
      const generations = await claimAll(db);
      await db.raw('checkpoint');
      const pgBefore = await backendCpuMs(db);
      const cpu = process.cpuUsage();
      const start = performance.now();
      let next = 0;
      const totals = { written: 0, historyAdded: 0, completed: 0 };
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < input.length) {
            const results = input[next++];
            const saved = await store.saveClaimedResults({
              workerId: WORKER,
              claims: results.map(r => ({
                entityRef: r.result.entityRef,
                generation: generations.get(r.result.entityRef)!,
              })),
              results,
              inputHash: 'bench',
              at: new Date(),
            });
            totals.written += saved.written;
            totals.historyAdded += saved.historyAdded;
            totals.completed += saved.completed;
          }
        }),
      );
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const pgMs = (await backendCpuMs(db)) - pgBefore;
      const nodeMs = (used.user + used.system) / 1000;
      return { phase, ms, nodeMs, pgMs, ...totals };
    };

    const out: Array<Awaited<ReturnType<typeof replay>>> = [];
    for (let round = 1; round <= rounds; round++) {
      await db('result_history').delete();
      await db('results').delete();
      await db.raw('vacuum results, result_history, entities');
      out.push(await replay('first write', batches));
      out.push(
        await replay(
          'all changed',
          batches.map(b => b.map(i => moved(i, round))),
        ),
      );
      out.push(
        await replay(
          'unchanged',
          batches.map(b => b.map(i => moved(i, round))),
        ),
      );
    }
    console.log(
      '\nphase        | wall ms | node cpu ms | pg backend cpu ms | written | history | completed',
    );
    for (const r of out) {
      console.log(
        `${r.phase.padEnd(12)} | ${[r.ms, r.nodeMs, r.pgMs]
          .map(n => String(Math.round(n)).padStart(7))
          .join(' | ')} | ${r.written} | ${r.historyAdded} | ${r.completed}`,
      );
    }
    console.log(
      `BENCH_WRITES_JSON ${JSON.stringify({
        size,
        lanes,
        results: count,
        rounds: out.map(r => ({
          ...r,
          ms: Math.round(r.ms),
          nodeMs: Math.round(r.nodeMs),
          pgMs: Math.round(r.pgMs),
        })),
      })}`,
    );
  } finally {
    await db.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
