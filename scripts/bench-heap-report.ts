/**
 * Summaries and tables of `scripts/bench-heap`: live bytes of a V8 sampling
 * heap profile by allocation site and by package.
 */

/** A node of `HeapProfiler.getSamplingProfile`'s tree. */
export interface HeapProfileNode {
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  selfSize: number;
  id: number;
  children: HeapProfileNode[];
}

/** `HeapProfiler.getSamplingProfile`'s profile (a `.heapprofile` file). */
export interface HeapProfile {
  head: HeapProfileNode;
  samples: unknown[];
}

/** Live bytes (estimated from samples), largest first. */
export interface ProfileSummary {
  total: number;
  /** Allocation site: the allocating function, or a native one ← its caller. */
  bySite: Array<[string, number]>;
  /** Package of the nearest frame with a script. */
  byPackage: Array<[string, number]>;
  /** Nearest frame in our plugins' code (many driver allocations have none). */
  byPluginFrame: Array<[string, number]>;
}

const REPO_MARKER = '/plugins/';

/** Short file name: repo-relative for ours, package-relative for node_modules. */
function shortFile(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const plugins = url.indexOf(REPO_MARKER);
  if (plugins >= 0) return url.slice(plugins + 1);
  const scripts = url.indexOf('/scripts/');
  if (scripts >= 0) return url.slice(scripts + 1);
  return url.replace(/^file:\/\//, '');
}

/** The package (or group of packages) a script belongs to. */
export function packageOf(url: string): string {
  if (!url) return '(native, no script)';
  if (url.startsWith('node:') || !url.includes('/')) return 'node internals';
  if (/\/__fixtures__\/|\/__testUtils__\/|\/scripts\//.test(url))
    return 'bench catalog and fixtures (not the plugin)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@')
      ? `${parts[0]}/${parts[1]}`
      : parts[0];
    if (name.startsWith('@backstage/')) return '@backstage/*';
    if (/^(pg|pg-.*|postgres-.*|knex|better-sqlite3|tarn)$/.test(name))
      return `driver: ${name}`;
    if (name === 'sucrase' || name === 'pirates')
      return 'sucrase (TypeScript loader)';
    return name;
  }
  const plugin = url.match(/\/plugins\/([^/]+)\/src\/([^/]+)/);
  if (plugin) {
    const dir = plugin[2].includes('.') ? '' : `/${plugin[2]}`;
    return `ours: ${plugin[1]}${dir}`;
  }
  return shortFile(url);
}

function frameLabel(node: HeapProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return url ? `${name} ${shortFile(url)}:${lineNumber + 1}` : name;
}

const sorted = (map: Map<string, number>) =>
  [...map].sort((a, b) => b[1] - a[1]);

/** Sums the profile's live bytes by site, package and nearest plugin frame. */
export function summariseProfile(profile: HeapProfile): ProfileSummary {
  const bySite = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byPluginFrame = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n);
  // Iterative walk: stacks can be deep. Each entry: node, nearest frame with a
  // script, nearest frame in our plugins.
  const stack: Array<
    [HeapProfileNode, HeapProfileNode | undefined, HeapProfileNode | undefined]
  > = [[profile.head, undefined, undefined]];
  while (stack.length) {
    const [node, scripted, ours] = stack.pop()!;
    const url = node.callFrame.url;
    const nearest = url ? node : scripted;
    const plugin =
      url.includes(REPO_MARKER) && !/__fixtures__|__testUtils__/.test(url)
        ? node
        : ours;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const site =
        url || !nearest
          ? frameLabel(node)
          : `${frameLabel(node)} ← ${frameLabel(nearest)}`;
      add(bySite, site, node.selfSize);
      add(byPackage, packageOf(nearest?.callFrame.url ?? ''), node.selfSize);
      add(
        byPluginFrame,
        plugin ? frameLabel(plugin) : '(no plugin frame on the stack)',
        node.selfSize,
      );
    }
    for (const child of node.children) stack.push([child, nearest, plugin]);
  }
  return {
    total,
    bySite: sorted(bySite),
    byPackage: sorted(byPackage),
    byPluginFrame: sorted(byPluginFrame),
  };
}

const mb = (n: number) => (n / 1048576).toFixed(1);

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join(' | ');
  console.log(`${fmt(header)}\n${widths.map(w => '-'.repeat(w)).join('-+-')}`);
  for (const r of rows) console.log(fmt(r));
}

/** Prints the memory table, then the profile of every phase. */
export function printPhases(
  records: Array<{
    phase: string;
    ms: number;
    peakRss: number;
    memory: NodeJS.MemoryUsage;
    spaces: Record<string, number>;
    profile?: ProfileSummary;
  }>,
  top: number,
) {
  console.log('\nMB at the phase peak (largest heapUsed seen):');
  table(
    [
      'phase',
      'ms',
      'peak rss',
      'rss',
      'heapUsed',
      'old',
      'large obj',
      'new',
      'external',
      'arrayBuf',
      'sampled',
    ],
    records.map(r => [
      r.phase,
      String(r.ms),
      mb(r.peakRss),
      mb(r.memory.rss),
      mb(r.memory.heapUsed),
      mb(r.spaces.old_space ?? 0),
      mb(r.spaces.large_object_space ?? 0),
      mb(r.spaces.new_space ?? 0),
      mb(r.memory.external),
      mb(r.memory.arrayBuffers),
      r.profile ? mb(r.profile.total) : '',
    ]),
  );
  for (const r of records) {
    if (!r.profile) continue;
    console.log(
      `\n${r.phase}: ${mb(r.profile.total)} MB live in the sampling profile`,
    );
    table(
      ['package', 'MB'],
      r.profile.byPackage.slice(0, top).map(([k, v]) => [k, mb(v)]),
    );
    console.log('');
    table(
      ['allocation site', 'MB'],
      r.profile.bySite.slice(0, top).map(([k, v]) => [k, mb(v)]),
    );
    console.log('');
    table(
      ['nearest plugin frame', 'MB'],
      r.profile.byPluginFrame.slice(0, top).map(([k, v]) => [k, mb(v)]),
    );
  }
}
