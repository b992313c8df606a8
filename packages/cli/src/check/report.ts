import type {
  CheckStatus,
  Dimension,
  EntityResult,
  ReadinessLevel,
  Severity,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { UnownedObject } from '../kubernetes/unownedObjects';
import type { Problem } from '../problems';
import type { GateResult } from './gate';

/** Version of the JSON output; bumped only on an incompatible change. @public */
export const CHECK_REPORT_SCHEMA_VERSION = 1;

/** One check of a component in the JSON output. @public */
export interface CheckReportEntry {
  id: string;
  title: string;
  dimension: Dimension;
  status: CheckStatus;
  severity: Severity;
  message: string;
  /** Capacity checks only: growth factor survived; null = unbounded. */
  headroom?: number | null;
  /** How to fix it (not for `pass` / `not-applicable`). */
  remediation?: string;
}

/** One scored component (or resource) in the JSON output. @public */
export interface ComponentReport {
  entityRef: string;
  kind: string;
  title?: string;
  owner: string | null;
  level: ReadinessLevel;
  /** 0–100, null when no check could be evaluated. */
  score: number | null;
  /** Chain headroom: the lowest headroom of the component and everything it depends on; null = unbounded/unknown. */
  headroom: number | null;
  /** The component's own tightest headroom. */
  ownHeadroom: number | null;
  /** Where the chain headroom comes from. */
  weakestLink: {
    entityRef: string;
    checkId: string;
    headroom: number | null;
    message: string;
  } | null;
  /** Share (0–1) of applicable checks that could be evaluated. */
  coverage: number;
  /** The catalog file (relative to the working directory when below it) and line of the entity. */
  source?: { file: string; line: number };
  checks: CheckReportEntry[];
}

/**
 * The JSON output of `scale-readiness check` (documented in the README).
 * @public
 */
export interface CheckReport {
  schemaVersion: number;
  growthFactor: number;
  components: ComponentReport[];
  problems: Problem[];
  /** Kubernetes objects that match no component (dangling autoscalers, PDBs matching no pod, quotas of unowned namespaces). */
  unownedObjects: UnownedObject[];
  gate: GateResult;
}

function checkEntry(check: EntityResult['checks'][number]): CheckReportEntry {
  const entry: CheckReportEntry = {
    id: check.id,
    title: check.title,
    dimension: check.dimension,
    status: check.status,
    severity: check.severity,
    message: check.message,
  };
  if (check.headroom !== undefined) entry.headroom = check.headroom;
  if (check.remediation) entry.remediation = check.remediation;
  return entry;
}

/** The JSON report entry of one result. @public */
export function componentReport(
  result: EntityResult,
  source?: { file: string; line: number },
): ComponentReport {
  const report: ComponentReport = {
    entityRef: result.entityRef,
    kind: result.kind,
    ...(result.title ? { title: result.title } : {}),
    owner: result.owner ?? null,
    level: result.level,
    score: result.score,
    headroom: result.chain.headroom,
    ownHeadroom: result.ownHeadroom?.headroom ?? null,
    weakestLink: result.chain.weakestLink
      ? {
          entityRef: result.chain.weakestLink.entityRef,
          checkId: result.chain.weakestLink.checkId,
          headroom: result.chain.weakestLink.headroom,
          message: result.chain.weakestLink.message,
        }
      : null,
    coverage: result.coverage.ratio,
    ...(source ? { source } : {}),
    checks: result.checks.map(checkEntry),
  };
  return report;
}

/** Builds the JSON report. @public */
export function buildCheckReport(
  results: ReadonlyArray<EntityResult>,
  problems: Problem[],
  gate: GateResult,
  growthFactor: number,
  unownedObjects: UnownedObject[] = [],
  sources?: ReadonlyMap<string, { file: string; line: number }>,
): CheckReport {
  return {
    schemaVersion: CHECK_REPORT_SCHEMA_VERSION,
    growthFactor,
    components: results.map(r => componentReport(r, sources?.get(r.entityRef))),
    problems,
    unownedObjects,
    gate,
  };
}
