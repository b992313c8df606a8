/**
 * Issue 18's targets, each with the value this `scripts/bench` run measured
 * and MET / NOT MET / NOT MEASURED (with the reason), printed at the end of
 * every run and written as `BENCH_JSON.targets`.
 *
 * Targets are stated for 100 000 components on 2 cores with PostgreSQL 15.
 * The full-pass time scales linearly to other sizes (≤ 6 s at 10 000); the
 * ratios, the memory and the latencies are compared as they are, and the row
 * says at which size they were measured.
 */

/** One target of issue 18 with its verdict. */
export interface TargetRow {
  id: string;
  target: string;
  /** The measured value, as printed. */
  measured?: string;
  status: 'MET' | 'NOT MET' | 'NOT MEASURED';
  /** Why it was not measured, or what the value means at this size. */
  note?: string;
}

/** A latency result the targets read (p95 only from the cold rounds). */
interface Latency {
  p95?: number;
  p99: number;
  bytes?: number;
}

/** What a run measured, as `bench-suite.ts` collects it. */
export interface TargetInputs {
  size: number;
  only: ReadonlySet<string>;
  connections: number[];
  changed: number;
  store?: {
    fullPassMs: number;
    idlePassMs: number;
    incrementalPassMs: number;
    peakRssMb: number;
    catalog?: string;
  };
  team2k?: {
    components: number;
    cold1?: Latency;
    cold50?: Latency;
  };
  /** Org overview (default sort) at 50 clients. */
  overview50?: Latency;
}

const FULL_SIZE = 100_000;

/** Evaluates every target of issue 18 against one run. */
export function evaluateTargets(run: TargetInputs): TargetRow[] {
  const rows: TargetRow[] = [];
  const at =
    run.size === FULL_SIZE
      ? undefined
      : `measured at ${run.size} components (target at ${FULL_SIZE})`;
  const missing = (bench: string, extra = '') =>
    run.only.has(bench)
      ? `not run${extra}`
      : `the ${bench} case was not run (--only)`;
  const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

  const limitS = (60 * run.size) / FULL_SIZE;
  const s = run.store;
  const storeNote = missing('store');
  rows.push(
    s
      ? {
          id: 'full-pass',
          target: `full pass ≤ 60 s at 100k (≤ ${limitS} s at ${run.size})`,
          measured: `${(s.fullPassMs / 1000).toFixed(1)} s`,
          status: verdict(s.fullPassMs <= limitS * 1000),
        }
      : {
          id: 'full-pass',
          target: `full pass ≤ 60 s at 100k`,
          status: 'NOT MEASURED',
          note: storeNote,
        },
  );
  rows.push(
    s
      ? {
          id: 'peak-rss',
          target: "peak RSS of the plugin's process ≤ 1 GB",
          measured: `${s.peakRssMb} MB`,
          status: verdict(s.peakRssMb <= 1024),
          note: [
            s.catalog === 'in-process' ? 'includes the in-process catalog' : '',
            at ?? '',
          ]
            .filter(Boolean)
            .join('; '),
        }
      : {
          id: 'peak-rss',
          target: "peak RSS of the plugin's process ≤ 1 GB",
          status: 'NOT MEASURED',
          note: storeNote,
        },
  );
  const ratio = (
    id: string,
    label: string,
    ms: number | undefined,
    max: number,
  ) => {
    if (!s || ms === undefined) {
      rows.push({ id, target: label, status: 'NOT MEASURED', note: storeNote });
      return;
    }
    const share = ms / s.fullPassMs;
    rows.push({
      id,
      target: label,
      measured: `${(share * 100).toFixed(1)} % (${ms} ms of ${
        s.fullPassMs
      } ms)`,
      status: verdict(share <= max),
    });
  };
  ratio(
    'incremental-pass',
    `${run.changed * 100} % changed ≤ 3 % of a full pass`,
    s?.incrementalPassMs,
    0.03,
  );
  ratio(
    'unchanged-pass',
    'unchanged pass ≤ 2 % of a full pass',
    s?.idlePassMs,
    0.02,
  );

  const team = run.team2k;
  const teamMissing = !run.only.has('api')
    ? missing('api')
    : 'the synthetic catalog has no second sub-tree to grow to 2,000 components (size < 10 000)';
  const latency = (
    id: string,
    label: string,
    value: Latency | undefined,
    pick: 'p95' | 'p99' | 'bytes',
    max: number,
    unit: string,
    why: string,
    note = at,
  ) => {
    const v = value?.[pick];
    rows.push(
      v === undefined
        ? { id, target: label, status: 'NOT MEASURED', note: why }
        : {
            id,
            target: label,
            measured:
              unit === 'KB' ? `${(v / 1024).toFixed(0)} KB` : `${v} ${unit}`,
            status: verdict(unit === 'KB' ? v / 1024 <= max : v <= max),
            note,
          },
    );
  };
  const teamLabel = `team scorecard (${team?.components ?? 2000} components)`;
  latency(
    'team-bytes',
    `${teamLabel}, uncompressed ≤ 600 KB`,
    team?.cold1,
    'bytes',
    600,
    'KB',
    teamMissing,
    'compact format, as the frontend and the CLI ask for it',
  );
  latency(
    'team-cold-p95-1',
    `${teamLabel}, first request after a change, 1 client: p95 ≤ 50 ms`,
    team?.cold1,
    'p95',
    50,
    'ms',
    teamMissing,
  );
  const no50 = run.connections.includes(50) ? '' : ' (--connections has no 50)';
  latency(
    'team-cold-p99-50',
    `${teamLabel}, first request after a change, 50 clients: p99 ≤ 500 ms`,
    team?.cold50,
    'p99',
    500,
    'ms',
    no50 && run.only.has('api') ? `50 clients not run${no50}` : teamMissing,
  );
  latency(
    'overview-p99-50',
    'org overview, 50 clients: p99 ≤ 100 ms',
    run.overview50,
    'p99',
    100,
    'ms',
    run.only.has('overview')
      ? `50 clients not run${no50}`
      : missing('overview'),
  );
  return rows;
}

/** Prints the targets table. */
export function printTargets(rows: TargetRow[]) {
  console.log('\n## issue 18 targets\n');
  const header = ['target', 'measured', 'verdict'];
  const lines = rows.map(r => [
    r.target,
    r.measured ?? '–',
    `${r.status}${r.note ? ` (${r.note})` : ''}`,
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const fmt = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(`${fmt(header)}\n${widths.map(w => '-'.repeat(w)).join('-+-')}`);
  for (const l of lines) console.log(fmt(l));
}
