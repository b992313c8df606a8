/**
 * The 2,000-component team of `scripts/bench` (issue 18): the synthetic
 * catalog's 10-ary hierarchy has sub-trees of 10, 110, 1110, 11110 …
 * components, so {@link reownTeam} moves components from unrelated groups to
 * one sub-tree's root until that team owns `target` components.
 *
 * {@link runColdLoad} measures "the first request after a change": in a child
 * process (not on the backend's event loop), each round touches one of the
 * team's result rows in PostgreSQL (its `evaluated_at`, which is what a pass
 * writes; the scorecard's version changes, so the response cache misses),
 * then `clients` requests go out at once; their latencies are pooled.
 */
import type { Entity } from '@backstage/catalog-model';
import { spawn } from 'node:child_process';
import { type LoadResult, runLoad } from './bench-load';

/** The team picked for the 2,000-component cases. */
export interface Team2k {
  ref: string;
  components: number;
  /** Components that moved to the team's root group. */
  moved: number;
  /** A few of the team's component refs (for invalidating its scorecard). */
  sample: string[];
}

const parentOf = (g: number) => Math.floor((g - 1) / 10);

/**
 * Re-owns components (in place: `spec.owner` and the `ownedBy` relation) so
 * that one team owns `target` components. The team is the smallest sub-tree
 * with ≥ 1000 components after the first such (`pickTeams`' large team),
 * which, like the leaf `g<groups-1>`, gives no component away.
 * Undefined when the catalog has no such second sub-tree (below 10k).
 */
export function reownTeam(
  entities: Entity[],
  groups: number,
  target = 2000,
): Team2k | undefined {
  const components = entities.filter(e => e.kind === 'Component');
  const ownerIndex = (e: Entity) =>
    Number(String((e.spec as { owner: string }).owner).replace(/^g/, ''));
  const subtree = new Array<number>(groups).fill(0);
  for (const c of components) subtree[ownerIndex(c)]++;
  for (let g = groups - 1; g > 0; g--) subtree[parentOf(g)] += subtree[g];
  const within = (g: number, root: number) => {
    for (let x = g; ; x = parentOf(x)) {
      if (x === root) return true;
      if (x === 0) return false;
    }
  };
  const candidates = [...subtree.keys()].filter(g => subtree[g] >= 1000);
  const smallest = (list: number[]) =>
    list.reduce<number | undefined>(
      (best, g) =>
        best === undefined || subtree[g] < subtree[best] ? g : best,
      undefined,
    );
  const large = smallest(candidates);
  if (large === undefined) return undefined;
  const team = smallest(
    candidates.filter(g => g !== 0 && !within(g, large) && !within(large, g)),
  );
  if (team === undefined || subtree[team] > target) return undefined;
  const teamRef = `group:default/g${team}`;
  let moved = 0;
  for (let i = components.length - 1; i >= 0; i--) {
    if (subtree[team] + moved >= target) break;
    const c = components[i];
    const g = ownerIndex(c);
    if (g === groups - 1 || within(g, large) || within(g, team)) continue;
    if (within(team, g)) continue; // an ancestor keeps its count
    (c.spec as { owner: string }).owner = `g${team}`;
    c.relations = (c.relations ?? []).map(r =>
      r.type === 'ownedBy' ? { ...r, targetRef: teamRef } : r,
    );
    moved++;
  }
  const sample = components
    .filter(c => within(ownerIndex(c), team))
    .slice(0, 20)
    .map(c => `component:default/${c.metadata.name}`);
  return { ref: teamRef, components: subtree[team] + moved, moved, sample };
}

/** What {@link runColdLoad} measures. */
export interface ColdLoadOptions {
  url: string;
  /** PostgreSQL connection string of the plugin's database. */
  database: string;
  /** Components of the team: one is touched per round. */
  entityRefs: string[];
  clients: number;
  rounds: number;
}

/** Latencies of first requests after a change, pooled over the rounds. */
export interface ColdLoadResult {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Uncompressed body bytes of the last response. */
  bytes: number;
  errors: number;
}

/** The 2,000-component team's cases of `scripts/bench`. */
export interface Team2kResult {
  ref: string;
  components: number;
  moved: number;
  /** First request after a change, 1 client (30 rounds). */
  cold1: ColdLoadResult;
  /** First requests after a change, 50 at once (10 rounds). */
  cold50?: ColdLoadResult;
  /** Cached (nothing changed), autocannon, per client count. */
  warm: Array<LoadResult & { connections: number }>;
}

/**
 * Measures the team's compact scorecard (`url`) cold with 1 and 50 clients
 * (when `connections` has 50) and warm with every client count.
 */
export async function measureTeam2k(options: {
  url: string;
  databaseUrl: string;
  team: Team2k;
  connections: number[];
  duration: number;
}): Promise<Team2kResult> {
  const { url, team } = options;
  const cold = (clients: number, rounds: number) =>
    runColdLoad({
      url,
      database: options.databaseUrl,
      entityRefs: team.sample,
      clients,
      rounds,
    });
  const cold1 = await cold(1, 30);
  const cold50 = options.connections.includes(50)
    ? await cold(50, 10)
    : undefined;
  const warm: Team2kResult['warm'] = [];
  const { origin, pathname, search } = new URL(url);
  for (const connections of options.connections) {
    const load = { baseUrl: origin, paths: [pathname + search], connections };
    await runLoad({ ...load, duration: Math.min(3, options.duration) });
    warm.push({
      connections,
      ...(await runLoad({ ...load, duration: options.duration })),
    });
  }
  return {
    ref: team.ref,
    components: team.components,
    moved: team.moved,
    cold1,
    cold50,
    warm,
  };
}

/**
 * Prints the cold results and returns the warm ones as rows of the latency
 * table (`bench: 'api'`).
 */
export function team2kLatencyRows(t: Team2kResult) {
  const label = `team scorecard, ${t.components} components (compact)`;
  for (const [clients, c] of [
    [1, t.cold1],
    [50, t.cold50],
  ] as const) {
    if (c)
      console.log(
        `${label}, first request after a change: p50 ${c.p50} ms, p95 ${c.p95} ms, p99 ${c.p99} ms, ${c.bytes} bytes (${clients} clients, ${c.samples} requests)`,
      );
  }
  return t.warm.map(({ connections, ...result }) => ({
    bench: 'api' as const,
    case: `${label}, warm`,
    connections,
    ...result,
  }));
}

/** Runs the cold rounds in a child process. */
export function runColdLoad(options: ColdLoadOptions): Promise<ColdLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'sucrase/register', __filename, JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', chunk => {
      out += String(chunk);
    });
    child.on('error', reject);
    child.on('exit', code => {
      const line = out.split('\n').find(l => l.startsWith('BENCH_COLD_JSON '));
      if (code !== 0 || !line) {
        reject(new Error(`cold load child exited with ${code}: ${out}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_COLD_JSON '.length)));
    });
  });
}

/** The value at quantile `q` of ascending `sorted` (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function child(options: ColdLoadOptions) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const knex = require('knex')({
    client: 'pg',
    connection: options.database,
    pool: { min: 1, max: 1 },
  });
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const one = async () => {
    const start = performance.now();
    const res = await fetch(options.url, {
      headers: { 'accept-encoding': 'identity' },
    });
    const body = await res.arrayBuffer();
    latencies.push(performance.now() - start);
    if (res.status !== 200) errors++;
    bytes = body.byteLength;
  };
  try {
    for (let round = 0; round < options.rounds; round++) {
      const ref = options.entityRefs[round % options.entityRefs.length];
      // what a pass does when it rewrites a changed result
      const touched = await knex('results')
        .where({ entity_ref: ref })
        .update({ evaluated_at: new Date() });
      if (touched !== 1) throw new Error(`no result row for ${ref}`);
      await Promise.all(Array.from({ length: options.clients }, one));
    }
  } finally {
    await knex.destroy();
  }
  latencies.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  const out: ColdLoadResult = {
    samples: latencies.length,
    p50: r(quantile(latencies, 0.5)),
    p95: r(quantile(latencies, 0.95)),
    p99: r(quantile(latencies, 0.99)),
    max: r(latencies[latencies.length - 1]),
    bytes,
    errors,
  };
  process.stdout.write(`BENCH_COLD_JSON ${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  child(JSON.parse(process.argv[2])).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
