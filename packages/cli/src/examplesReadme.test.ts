/**
 * examples/README.md describes the demo organisation's request chains and
 * capacity headrooms. Those tables must say what the engine computes: this
 * test runs the CLI over examples/ and compares them, so a change to the demo
 * data or to the engine that moves a weakest link fails here until the README
 * is regenerated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from './cli';
import type { CheckReport } from './check/report';

const REPO = path.resolve(__dirname, '../../..');

/** The cells of the Markdown table whose header row starts with `firstHeader`. */
function tableRows(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex(l =>
    new RegExp(`^\\|\\s*${firstHeader}\\s*\\|`).test(l),
  );
  if (start < 0) throw new Error(`no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim()),
    );
  }
  return rows;
}

const name = (ref: string) => ref.slice(ref.indexOf('/') + 1);
const code = (cell: string) => cell.replace(/^`(.*)`$/, '$1');
/** `1.4×`, `3.33× ⚠️` → 1.4, 3.33 */
const factor = (cell: string) => Number(/^([\d.]+)×/.exec(cell)?.[1]);

describe('examples/README.md agrees with the engine', () => {
  jest.setTimeout(60_000);
  let report: CheckReport;
  let readme: string;
  beforeAll(async () => {
    let stdout = '';
    await run(
      ['check', 'examples', '--now', '2026-11-25', '--fail-on', 'none'],
      {
        stdout: { write: (t: string) => (stdout += t) },
        stderr: { write: () => undefined },
        isTTY: false,
        env: {},
        cwd: REPO,
      },
    );
    report = JSON.parse(stdout) as CheckReport;
    readme = fs.readFileSync(path.join(REPO, 'examples/README.md'), 'utf8');
  });

  it('lists every chain whose weakest link is another member, with its check and headroom', () => {
    const documented = tableRows(readme, 'Entry point').map(
      ([entry, link, check, breaksAt]) => [
        code(entry),
        code(link),
        code(check),
        factor(breaksAt),
      ],
    );
    const computed = report.components
      .filter(c => c.weakestLink && c.weakestLink.entityRef !== c.entityRef)
      .map(c => [
        name(c.entityRef),
        name(c.weakestLink!.entityRef),
        c.weakestLink!.checkId,
        c.weakestLink!.headroom,
      ]);
    expect(documented.length).toBeGreaterThan(5);
    expect(documented).toEqual(computed);
  });

  it('gives each resource with a capacity the headroom the engine computes', () => {
    const documented = tableRows(readme, 'Resource').map(([ref, , , h]) => [
      code(ref),
      factor(h),
    ]);
    const computed = report.components
      .filter(c => c.entityRef.startsWith('resource:') && c.ownHeadroom)
      .map(c => [name(c.entityRef), c.ownHeadroom]);
    const byName = (a: unknown[], b: unknown[]) =>
      String(a[0]).localeCompare(String(b[0]));
    expect(documented.length).toBeGreaterThan(5);
    expect(documented.sort(byName)).toEqual(computed.sort(byName));
  });
});
