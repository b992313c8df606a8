import { explainRow } from '@scale-readiness/plugin-scale-readiness-common';
import type { CheckReport, ComponentReport } from '../check/report';

/**
 * Why each entity has its level, in the words the portal uses ("Bronze
 * because the chain breaks at 1.4× at …"), one `[ref, sentence]` per entity.
 */
export function levelReasons(
  report: Pick<CheckReport, 'components' | 'growthFactor'>,
): Array<[string, string]> {
  const titles = new Map(
    report.components.flatMap(c => (c.title ? [[c.entityRef, c.title]] : [])),
  );
  return report.components.map(c => [
    c.entityRef,
    explainRow(
      {
        level: c.level,
        score: c.score,
        coverage: c.coverage,
        chainHeadroom: c.headroom,
        weakestLink: c.weakestLink,
        findings: c.checks,
      },
      report.growthFactor,
      undefined,
      { displayName: ref => titles.get(ref) },
    ).text,
  ]);
}

/** `3×`, `1.25×`, or `—` for an unbounded/unknown headroom. */
export function formatHeadroom(headroom: number | null | undefined): string {
  if (headroom === null || headroom === undefined) return '—';
  return `${Math.round(headroom * 100) / 100}×`;
}

/** A score with one decimal, or `—`. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1);
}

/** Ids of the checks with this status. */
export function checksWithStatus(
  component: ComponentReport,
  ...statuses: string[]
): string[] {
  return component.checks
    .filter(c => statuses.includes(c.status))
    .map(c => c.id);
}

/** One-line summary of the run. */
export function summaryLine(report: CheckReport): string {
  const n = report.components.length;
  const p = report.problems.length;
  const u = report.unownedObjects?.length ?? 0;
  return `Scale readiness at ${report.growthFactor}× growth: ${n} ${
    n === 1 ? 'entity' : 'entities'
  } scored, ${p} input problem${p === 1 ? '' : 's'}${
    u > 0 ? `, ${u} object${u === 1 ? '' : 's'} matching no component` : ''
  }`;
}

/** `passed` / `FAILED` with the gate settings. */
export function gateLine(report: CheckReport): string {
  const settings = [
    `--fail-on ${report.gate.failOn.join(',')}`,
    ...(report.gate.minHeadroom !== null
      ? [`--min-headroom ${report.gate.minHeadroom}`]
      : []),
  ].join(' ');
  return `Gate ${report.gate.passed ? 'passed' : 'FAILED'} (${settings})`;
}

/**
 * The gate failures, one line per entity: the failing check ids, then any
 * other reason (level, headroom, problems).
 */
export function gateFailureLines(report: Pick<CheckReport, 'gate'>): string[] {
  const byEntity = new Map<string, { checks: string[]; reasons: string[] }>();
  for (const f of report.gate.failures) {
    let entry = byEntity.get(f.entityRef);
    if (!entry)
      byEntity.set(f.entityRef, (entry = { checks: [], reasons: [] }));
    if (f.checkId && !f.reason.startsWith('chain headroom')) {
      if (!entry.checks.includes(f.checkId)) entry.checks.push(f.checkId);
    } else {
      entry.reasons.push(f.reason);
    }
  }
  return [...byEntity.entries()].map(([ref, { checks, reasons }]) =>
    [
      `${ref}:`,
      [...(checks.length > 0 ? [checks.join(', ')] : []), ...reasons].join(
        '; ',
      ),
    ].join(' '),
  );
}
