import type { CheckReport } from '../check/report';
import { formatHeadroom } from './common';

/** How serious a finding is, in CI annotation terms. */
export type FindingLevel = 'error' | 'warning' | 'note';

/**
 * One thing a CI format reports at a file and line: a failing, warning or
 * unknown check of an entity (at the entity's catalog file and line), an
 * input problem or a Kubernetes object matching no component (at the
 * manifest's file and line).
 */
export interface Finding {
  /** Check id, `input-problem` or `unowned/<type>`. */
  ruleId: string;
  /** Title of the rule (check title, or a fixed one). */
  ruleTitle: string;
  level: FindingLevel;
  message: string;
  /** Display path (relative to the working directory when below it). */
  file?: string;
  line?: number;
  entityRef?: string;
  /** Dimension of a check. */
  dimension?: string;
}

const LEVEL: Record<string, FindingLevel | undefined> = {
  fail: 'error',
  warn: 'warning',
  unknown: 'note',
};

/** The findings of a report, in report order. */
export function collectFindings(report: CheckReport): Finding[] {
  const out: Finding[] = [];
  for (const c of report.components) {
    for (const check of c.checks) {
      const level = LEVEL[check.status];
      if (!level) continue;
      const headroom =
        check.headroom !== undefined
          ? ` (headroom ${formatHeadroom(check.headroom)} at ${
              report.growthFactor
            }×)`
          : '';
      out.push({
        ruleId: check.id,
        ruleTitle: check.title,
        level,
        message: `${c.entityRef}: ${check.message}${headroom}${
          check.remediation ? `. Fix: ${check.remediation}` : ''
        }`,
        file: c.source?.file,
        line: c.source?.line,
        entityRef: c.entityRef,
        dimension: check.dimension,
      });
    }
  }
  for (const p of report.problems) {
    out.push({
      ruleId: 'input-problem',
      ruleTitle: 'Input that could not be used',
      level: 'warning',
      message: p.message,
      file: p.file,
      line: p.line,
    });
  }
  for (const u of report.unownedObjects ?? []) {
    out.push({
      ruleId: `unowned/${u.type}`,
      ruleTitle: 'Kubernetes object matching no component',
      level: 'warning',
      message: `${u.kind} ${u.namespace ? `${u.namespace}/` : ''}${u.name}: ${
        u.message
      }`,
      file: u.file,
      line: u.line,
    });
  }
  return out;
}
