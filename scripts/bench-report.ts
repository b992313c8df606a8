/**
 * Helpers of `scripts/bench` (see bench-suite.ts): running bench-store as a
 * child process, and printing the pass and latency tables.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { ExplainedQuery } from './bench-explain';
import type { LoadResult } from './bench-load';
import { printPayload } from './bench-payload';

/** Sub-benchmarks of the suite. */
export const BENCHES = [
  'store',
  'api',
  'overview',
  'history',
  'explain',
  'payload',
  'scaleout',
] as const;
/** One sub-benchmark. */
export type Bench = (typeof BENCHES)[number];

/** Runs scripts/bench-store and returns its BENCH_STORE_JSON. */
export function runBenchStore(
  size: number,
  changed: number,
  catalog: string,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      [
        'scripts/bench-store',
        '--size',
        String(size),
        '--changed',
        String(changed),
        '--catalog',
        catalog,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let json: any;
    let buffer = '';
    child.stdout.on('data', chunk => {
      buffer += String(chunk);
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('BENCH_STORE_JSON '))
          json = JSON.parse(line.slice('BENCH_STORE_JSON '.length));
        else console.log(`  [bench-store] ${line}`);
      }
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0 && json
        ? resolve(json)
        : reject(new Error(`bench-store exited with ${code}`)),
    );
  });
}

/** One load case at one client count. */
export interface LatencyRow extends LoadResult {
  bench: Bench;
  case: string;
  connections: number;
}

/** Case identity across runs (sizes in parentheses differ between sizes). */
function caseKey(l: LatencyRow): string {
  return `${l.case.replace(/\s*\(.*\)/, '')}@${l.connections}`;
}

function printTable(header: string[], lines: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ');
  console.log(`${fmt(header)}\n${widths.map(w => '-'.repeat(w)).join('-+-')}`);
  for (const l of lines) console.log(fmt(l));
}

/** Prints the pass table, the latency table, targets and the EXPLAIN verdict. */
export async function printSummary(
  report: Record<string, any>,
  latency: LatencyRow[],
  explained: ExplainedQuery[],
  compare?: string,
) {
  const m = report.machine;
  console.log(
    `\n## results: ${report.size} components; ${m.cpus} × ${m.cpuModel}, ${
      m.memGb
    } GB, Node ${m.node}${m.postgres ? `, PostgreSQL ${m.postgres}` : ''}\n`,
  );
  const s = report.store;
  const passes: string[][] = [];
  if (s) {
    passes.push([
      'full pass (bench-store)',
      String(s.fullPassMs),
      `peak RSS ${s.peakRssMb} MB; catalog ${s.catalog}${
        s.catalogPeakRssMb ? `, its process ${s.catalogPeakRssMb} MB` : ''
      }`,
    ]);
    passes.push(['second pass, nothing changed', String(s.idlePassMs), '']);
    const inc = s.incremental;
    passes.push([
      'incremental pass (1% changed)',
      String(s.incrementalPassMs),
      `${inc.rowsWritten} rows written (${inc.factsChanged} facts, ${inc.resultsWritten} results, ${inc.historyAdded} history); ${inc.evaluated} evaluated`,
    ]);
  }
  if (report.seedPass) {
    passes.push([
      'full pass via the plugin (suite)',
      String(report.seedPass.ms),
      `suite process peak RSS ${report.suitePeakRssMb} MB (backend${
        report.catalog === 'in-process'
          ? ' + catalog'
          : `; catalog process ${report.catalogPeakRssMb} MB`
      })`,
    ]);
  }
  if (report.payload) {
    printPayload(report.payload);
    console.log('');
  }
  if (passes.length) {
    printTable(['pass', 'time ms', 'notes'], passes);
    console.log('');
  }
  let previous: Map<string, LatencyRow> | undefined;
  if (compare) {
    const old = JSON.parse(await fs.readFile(compare, 'utf8'));
    previous = new Map((old.latency as LatencyRow[]).map(l => [caseKey(l), l]));
  }
  if (latency.length) {
    printTable(
      [
        'case',
        'clients',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'req/s',
        'KB',
        'errors',
        ...(previous ? ['p99 before'] : []),
      ],
      latency.map(l => [
        l.case,
        String(l.connections),
        String(l.p50),
        String(l.p90),
        String(l.p99),
        String(l.max),
        String(l.rps),
        (l.avgBytes / 1024).toFixed(1),
        String(l.non2xx + l.errors + l.timeouts),
        ...(previous ? [String(previous.get(caseKey(l))?.p99 ?? '')] : []),
      ]),
    );
  }
  for (const t of report.target ?? []) {
    console.log(
      `target team scorecard p99 ≤ ${t.targetMs} ms: ${
        t.met ? 'MET    ' : 'NOT MET'
      } ${t.p99} ms, ${t.case}, ${t.connections} clients`,
    );
  }
  for (const t of report.payload?.targets ?? []) {
    console.log(
      `target ${t.name}: ${t.met ? 'MET    ' : 'NOT MET'} ${t.value}`,
    );
  }
  if (explained.length) {
    const seq = explained.filter(q => q.seqScan);
    console.log(
      `EXPLAIN: ${explained.length} hot statements, ${
        seq.length
      } with Seq Scan${
        seq.length ? `: ${seq.map(q => q.path).join('; ')}` : ''
      }`,
    );
  }
}
