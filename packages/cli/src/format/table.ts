import type { CheckReport } from '../check/report';
import {
  checksWithStatus,
  formatHeadroom,
  formatScore,
  gateFailureLines,
  gateLine,
  levelReasons,
  summaryLine,
} from './common';

function renderTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

/** Plain-text report for a terminal. @public */
export function formatTable(report: CheckReport): string {
  const out: string[] = [summaryLine(report), ''];
  out.push(
    ...renderTable(
      [
        'ENTITY',
        'LEVEL',
        'SCORE',
        'HEADROOM',
        'WEAKEST LINK',
        'FAILING CHECKS',
      ],
      report.components.map(c => [
        c.entityRef,
        c.level,
        formatScore(c.score),
        formatHeadroom(c.headroom),
        c.weakestLink
          ? `${c.weakestLink.entityRef} ${c.weakestLink.checkId}`
          : '—',
        checksWithStatus(c, 'fail').join(', ') || '—',
      ]),
    ),
  );
  out.push('', 'Why each level:');
  for (const [ref, why] of levelReasons(report)) out.push(`  ${ref}: ${why}`);
  if (report.problems.length > 0) {
    out.push('', 'Problems:');
    for (const p of report.problems) {
      out.push(`  ${p.file}:${p.line}  ${p.message}`);
    }
  }
  if (report.unownedObjects.length > 0) {
    out.push('', 'Objects that match no component:');
    for (const o of report.unownedObjects) {
      out.push(`  ${o.file}:${o.line}  ${o.message}`);
    }
  }
  out.push('', gateLine(report));
  for (const line of gateFailureLines(report)) out.push(`  ${line}`);
  return `${out.join('\n')}\n`;
}
