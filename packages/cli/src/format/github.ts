import type { CheckReport } from '../check/report';
import { gateLine, summaryLine } from './common';
import { collectFindings } from './findings';

/** Escapes the message of a workflow command. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command. */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice`
 * annotation per finding at its file and line (failing checks are errors,
 * warnings warnings, unknown checks notices), then the summary and the gate.
 * See docs/ci-gate.md.
 */
export function formatGithub(report: CheckReport): string {
  const lines = collectFindings(report).map(f => {
    const props = [
      ...(f.file ? [`file=${escapeProperty(f.file)}`] : []),
      ...(f.line ? [`line=${f.line}`] : []),
      `title=${escapeProperty(`scale-readiness ${f.ruleId}`)}`,
    ].join(',');
    return `::${COMMAND[f.level]} ${props}::${escapeData(f.message)}`;
  });
  lines.push(summaryLine(report), gateLine(report));
  return `${lines.join('\n')}\n`;
}
