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

/** Escapes text for a Markdown table cell or list item. */
export function mdText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

const STATUS_ICON: Record<string, string> = {
  fail: '❌',
  warn: '⚠️',
  unknown: '❔',
};

/** Markdown report (for a pull request comment or a job summary). @public */
export function formatMarkdown(report: CheckReport): string {
  const out: string[] = [
    `## ${report.gate.passed ? '✅' : '❌'} ${mdText(summaryLine(report))}`,
    '',
    `**${mdText(gateLine(report))}**`,
    '',
  ];
  const failures = gateFailureLines(report);
  if (failures.length > 0) {
    for (const line of failures) out.push(`- ${mdText(line)}`);
    out.push('');
  }
  out.push(
    '| Entity | Level | Score | Chain headroom | Weakest link | Failing checks |',
    '| --- | --- | ---: | ---: | --- | --- |',
  );
  for (const c of report.components) {
    const failing = checksWithStatus(c, 'fail').map(code).join(', ') || '—';
    const link = c.weakestLink
      ? `${code(c.weakestLink.entityRef)} ${code(c.weakestLink.checkId)}`
      : '—';
    out.push(
      `| ${code(c.entityRef)} | ${c.level} | ${formatScore(
        c.score,
      )} | ${formatHeadroom(c.headroom)} | ${link} | ${failing} |`,
    );
  }
  out.push('', '**Why each level**', '');
  for (const [ref, why] of levelReasons(report))
    out.push(`- ${code(ref)}: ${mdText(why)}`);
  const findings = report.components.filter(
    c => checksWithStatus(c, 'fail', 'warn', 'unknown').length > 0,
  );
  if (findings.length > 0) {
    out.push('', '<details><summary>Findings</summary>', '');
    for (const c of findings) {
      out.push(`### ${mdText(c.entityRef)}`, '');
      for (const check of c.checks) {
        const icon = STATUS_ICON[check.status];
        if (!icon) continue;
        out.push(
          `- ${icon} ${code(check.id)} (${check.severity}): ${mdText(
            check.message,
          )}`,
        );
        if (check.remediation)
          out.push(`  - Fix: ${mdText(check.remediation)}`);
      }
      out.push('');
    }
    out.push('</details>');
  }
  if (report.problems.length > 0) {
    out.push('', '### Input problems', '');
    for (const p of report.problems) {
      out.push(`- ${code(`${p.file}:${p.line}`)} ${mdText(p.message)}`);
    }
  }
  if (report.unownedObjects.length > 0) {
    out.push('', '### Objects that match no component', '');
    for (const o of report.unownedObjects) {
      out.push(`- ${code(`${o.file}:${o.line}`)} ${mdText(o.message)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
