/**
 * Memory benchmark of the Scale Readiness backend: one full pass and one
 * unchanged pass of the real ReadinessProcessor over a synthetic catalog
 * (see scripts/bench-fixture.ts) against PostgreSQL, recording per phase
 * (collect, scoring, rollups, after the pass) `process.memoryUsage()`, the V8
 * heap spaces and, from V8's sampling heap profiler, the live bytes by
 * allocation site and by package at the phase's peak.
 * Run through `scripts/bench-heap [--size 10000] [--out <dir>]`.
 */
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import v8 from 'node:v8';
import type { DatabaseReadinessStore } from '../plugins/scale-readiness-backend/src/database';
import { computeRollup } from '../plugins/scale-readiness-backend/src/database/rollup';
import { summariseWeakestLinks } from '../plugins/scale-readiness-backend/src/service/weakestLinks';
import { createBenchCatalog, createBenchProcessor } from './bench-fixture';
import {
  type HeapProfile,
  type ProfileSummary,
  printPhases,
  summariseProfile,
} from './bench-heap-report';

const DATABASE =
  process.env.BENCH_HEAP_DATABASE ?? 'scale_readiness_bench_heap';

function args() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log(
      'usage: scripts/bench-heap [--size 10000] [--top 12] [--interval 65536] [--out <dir>] [--reads] [--no-sampling] [--keep]',
    );
    process.exit(0);
  }
  const size = Number(value('--size') ?? 10_000);
  const top = Number(value('--top') ?? 12);
  const interval = Number(value('--interval') ?? 65536);
  if (!Number.isInteger(size) || size < 10)
    throw new Error('--size must be an integer ≥ 10');
  return {
    size,
    top,
    interval,
    out: value('--out'),
    keep: argv.includes('--keep'),
    reads: argv.includes('--reads'),
    sampling: !argv.includes('--no-sampling'),
  };
}

const session = new Session();
function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );
}

/** What one phase looked like at its peak (largest heapUsed seen). */
export interface PhaseRecord {
  phase: string;
  ms: number;
  /** Largest RSS seen during the phase (sampled every 100 ms). */
  peakRss: number;
  /** process.memoryUsage() when heapUsed peaked. */
  memory: NodeJS.MemoryUsage;
  /** V8 heap space → used bytes when heapUsed peaked. */
  spaces: Record<string, number>;
  profile?: ProfileSummary;
  raw?: HeapProfile;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** V8 heap space → used bytes. */
function heapSpaces(): Record<string, number> {
  return Object.fromEntries(
    v8.getHeapSpaceStatistics().map(s => [s.space_name, s.space_used_size]),
  );
}

/**
 * Tracks the current phase: a 100 ms timer samples memory and takes a heap
 * profile whenever heapUsed passes the phase's last profiled peak by 5 %.
 */
class PhaseTracker {
  readonly records: PhaseRecord[] = [];
  #current?: PhaseRecord & { started: number; profiledAt: number };
  #timer?: NodeJS.Timeout;
  #busy = false;

  constructor(
    private readonly keepRaw: boolean,
    /** Without it, only memoryUsage and heap spaces (the profiler's cost measured). */
    private readonly sampling: boolean,
  ) {}

  start() {
    this.#timer = setInterval(() => void this.sample(), 100);
  }

  stop() {
    clearInterval(this.#timer);
  }

  /** Ends the current phase (after a last sample) and starts `phase`. */
  async enter(phase: string | undefined) {
    await this.sample();
    if (this.#current) {
      const { started, profiledAt: _p, ...record } = this.#current;
      record.ms = Math.round(performance.now() - started);
      this.records.push(record);
      console.log(
        `  ${record.phase}: ${record.ms} ms, peak RSS ${Math.round(
          record.peakRss / 1048576,
        )} MB, heapUsed ${Math.round(record.memory.heapUsed / 1048576)} MB`,
      );
    }
    this.#current = phase
      ? {
          phase,
          ms: 0,
          started: performance.now(),
          peakRss: 0,
          memory: process.memoryUsage(),
          spaces: heapSpaces(),
          profiledAt: 0,
        }
      : undefined;
    if (phase) await this.sample();
  }

  async sample() {
    const current = this.#current;
    if (!current || this.#busy) return;
    const memory = process.memoryUsage();
    current.peakRss = Math.max(current.peakRss, memory.rss);
    if (memory.heapUsed >= current.memory.heapUsed) {
      current.memory = memory;
      current.spaces = heapSpaces();
    }
    if (this.sampling && current.memory.heapUsed > current.profiledAt * 1.05) {
      this.#busy = true;
      try {
        current.profiledAt = current.memory.heapUsed;
        const { profile } = await post<{ profile: HeapProfile }>(
          'HeapProfiler.getSamplingProfile',
        );
        current.profile = summariseProfile(profile);
        if (this.keepRaw) current.raw = profile;
      } finally {
        this.#busy = false;
      }
    }
  }
}

/**
 * Retains ≈ 30 MB of small objects and returns how much of it the sampling
 * profile shows: V8 12's sampling heap profiler loses the samples of objects
 * allocated by TurboFan-optimised code, hence `--no-turbofan` in the wrapper.
 */
async function calibrate(): Promise<{ heapMb: number; sampledMb: number }> {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const kept = calibrationObjects(300_000);
  gc!();
  const heap = process.memoryUsage().heapUsed - before;
  const { profile } = await post<{ profile: HeapProfile }>(
    'HeapProfiler.getSamplingProfile',
  );
  const sampled = summariseProfile(profile)
    .bySite.filter(([site]) => site.includes('calibrationObjects'))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  kept.length = 0;
  const round = (n: number) => Math.round(n / 1048576);
  return { heapMb: round(heap), sampledMb: round(sampled) };
}

function calibrationObjects(n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ ref: `component:default/c${i}`, values: [i, i + 1], n: { i } });
  }
  return out;
}

async function main() {
  const { size, top, interval, out, keep, reads, sampling } = args();
  const base =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  if (!gc) throw new Error('run through scripts/bench-heap (--expose-gc)');
  session.connect();
  if (sampling) {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: interval });
  }
  const tracker = new PhaseTracker(Boolean(out), sampling);
  tracker.start();

  if (sampling) {
    const calibration = await calibrate();
    console.log(
      `sampling profiler check: ${calibration.heapMb} MB retained on purpose, ${calibration.sampledMb} MB of it in the profile`,
    );
    if (calibration.sampledMb < calibration.heapMb / 2) {
      console.warn(
        '  warn: the sampling profile misses allocations (optimised code? run through scripts/bench-heap, which passes --no-turbofan --no-maglev)',
      );
    }
  }
  gc();
  const empty = process.memoryUsage();
  await tracker.enter('build synthetic catalog');
  const bench = await createBenchCatalog(size);
  await tracker.enter(undefined);
  gc();
  const withCatalog = process.memoryUsage();
  await tracker.enter('catalog built (after gc)');
  await tracker.enter(undefined);

  let pass = '';
  const wrapStore = (store: DatabaseReadinessStore) =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const next =
          prop === 'openGate'
            ? 'scoring'
            : prop === 'getResultsSignature'
            ? 'rollups'
            : undefined;
        if (!next) return value.bind(target);
        return async (...a: unknown[]) => {
          await tracker.enter(`${pass}: ${next}`);
          return value.apply(target, a);
        };
      },
    });
  const setup = await createBenchProcessor({
    bench,
    base,
    database: DATABASE,
    wrapStore,
  });
  console.log(
    `synthetic catalog: ${Object.entries(bench.synthetic.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} (${
      bench.catalog.size
    } entities); PostgreSQL database ${DATABASE}; sampling interval ${interval} bytes`,
  );
  const passes: Array<{ pass: string; ms: number; resultsWritten: number }> =
    [];
  try {
    for (const name of ['full', 'unchanged']) {
      pass = name;
      const start = performance.now();
      await tracker.enter(`${pass}: collect`);
      const stats = await setup.processor.runPass();
      await tracker.enter(`${pass}: end of pass`);
      await tracker.enter(undefined);
      gc();
      await tracker.enter(`${pass}: after the pass (after gc)`);
      await tracker.enter(undefined);
      passes.push({
        pass,
        ms: Math.round(performance.now() - start),
        resultsWritten: stats.resultsWritten,
      });
    }
    if (reads) {
      // The reads bench-store times after its passes: the root team's
      // scorecard (every result) and a simulation of the department g1.
      const { store, service, config } = setup;
      await tracker.enter('team scorecard g0 (every result)');
      const groups = await store.getDescendantGroups('group:default/g0');
      const components = await store.getRowsByOwners(groups);
      computeRollup(components, config.growthFactor);
      summariseWeakestLinks(components, config.growthFactor);
      await tracker.enter(undefined);
      await tracker.enter('simulate g1 at 5x');
      await service.simulate({ growthFactor: 5, team: 'group:default/g1' });
      await tracker.enter(undefined);
    }
  } finally {
    tracker.stop();
    await setup.close({ keep });
  }
  if (sampling) await post('HeapProfiler.stopSampling');
  session.disconnect();

  const records = tracker.records;
  if (out) {
    await fs.mkdir(out, { recursive: true });
    for (const [i, r] of records.entries()) {
      if (!r.raw) continue;
      const name = `${i + 1}-${r.phase.replace(/[^a-z0-9]+/gi, '-')}`;
      await fs.writeFile(
        path.join(out, `${name}.heapprofile`),
        JSON.stringify(r.raw),
      );
    }
    console.log(`heap profiles written to ${out}`);
  }
  for (const p of passes)
    console.log(`${p.pass} pass: ${p.ms} ms, ${p.resultsWritten} written`);
  const mb = (n: number) => Math.round(n / 1048576);
  console.log(
    `heapUsed after gc: ${mb(empty.heapUsed)} MB at start, ${mb(
      withCatalog.heapUsed,
    )} MB with the synthetic catalog (catalog ≈ ${mb(
      withCatalog.heapUsed - empty.heapUsed,
    )} MB of heap); RSS ${mb(empty.rss)} → ${mb(withCatalog.rss)} MB`,
  );
  printPhases(records, top);
  console.log(
    `BENCH_JSON ${JSON.stringify({
      bench: 'heap',
      size,
      entities: bench.catalog.size,
      samplingInterval: interval,
      catalogHeapMb: mb(withCatalog.heapUsed - empty.heapUsed),
      passes,
      phases: records.map(r => ({
        phase: r.phase,
        ms: r.ms,
        peakRssMb: mb(r.peakRss),
        memoryMb: Object.fromEntries(
          Object.entries(r.memory).map(([k, v]) => [k, mb(v)]),
        ),
        spacesMb: Object.fromEntries(
          Object.entries(r.spaces).map(([k, v]) => [k, mb(v)]),
        ),
        sampledMb: r.profile && mb(r.profile.total),
        byPackageMb:
          r.profile &&
          Object.fromEntries(
            r.profile.byPackage.map(([k, v]) => [k, +(v / 1048576).toFixed(1)]),
          ),
        topSitesMb: r.profile?.bySite
          .slice(0, top)
          .map(([k, v]) => [k, +(v / 1048576).toFixed(1)]),
      })),
    })}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
