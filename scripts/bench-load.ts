/**
 * HTTP load for `scripts/bench`: runs autocannon in a child process (so the
 * load generator never shares an event loop with the backend under test) and
 * returns its latency percentiles.
 *
 * As a module: `runLoad(options)` spawns this file. As a child process
 * (`node -r sucrase/register scripts/bench-load.ts '<json>'`): runs autocannon
 * and prints one `BENCH_LOAD_JSON {...}` line.
 */
import { spawn } from 'node:child_process';

/** What to load: `paths` are requested round-robin by every connection. */
export interface LoadOptions {
  baseUrl: string;
  paths: string[];
  connections: number;
  /** Seconds. */
  duration: number;
  /** Per-request timeout, seconds. Default 30. */
  timeout?: number;
}

/** The numbers `scripts/bench` reports for one load run. */
export interface LoadResult {
  requests: number;
  /** Average requests per second. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  avg: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Average response body size in bytes. */
  avgBytes: number;
}

/** Runs autocannon in a child process against `options`. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
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
      const line = out.split('\n').find(l => l.startsWith('BENCH_LOAD_JSON '));
      if (code !== 0 || !line) {
        reject(new Error(`autocannon child exited with ${code}: ${out}`));
        return;
      }
      resolve(JSON.parse(line.slice('BENCH_LOAD_JSON '.length)));
    });
  });
}

async function child(options: LoadOptions) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon');
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.duration,
    timeout: options.timeout ?? 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: { path: string }) => {
          const path = options.paths[next++ % options.paths.length];
          return { ...request, path };
        },
      },
    ],
  });
  const total = result.requests.total || 1;
  const out: LoadResult = {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    avg: Math.round(result.latency.average * 10) / 10,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    avgBytes: Math.round(result.throughput.total / total),
  };
  process.stdout.write(`BENCH_LOAD_JSON ${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  child(JSON.parse(process.argv[2])).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
