/**
 * `scale-readiness`: score Backstage catalog files and Kubernetes manifests
 * for growth with the Scale Readiness engine, as a CI gate, and export team
 * scorecards from a running portal.
 * @packageDocumentation
 */
export { run, EXIT } from './cli';
export type { CliIO } from './cli';
export { runCheck } from './check/runCheck';
export type { CheckRun, RunCheckOptions } from './check/runCheck';
export { evaluateGate, parseFailOn } from './check/gate';
export type {
  GateCondition,
  GateFailure,
  GateOptions,
  GateResult,
} from './check/gate';
export {
  buildCheckReport,
  CHECK_REPORT_SCHEMA_VERSION,
  componentReport,
} from './check/report';
export type {
  CheckReport,
  CheckReportEntry,
  ComponentReport,
} from './check/report';
export { loadReadinessConfig } from './config';
export { InputError } from './errors';
export type { Problem } from './problems';
export { findUnownedObjects } from './kubernetes/unownedObjects';
export type { UnownedObject } from './kubernetes/unownedObjects';
export { fetchPlanExport } from './plan/fetchPlanExport';
export type { FetchPlanExportOptions } from './plan/fetchPlanExport';
export { fetchTeamScorecard } from './report/fetchTeamScorecard';
export type { FetchTeamScorecardOptions } from './report/fetchTeamScorecard';
export { formatTeamCsv, formatTeamMarkdown } from './report/formatTeamReport';
export { formatMarkdown } from './format/markdown';
export { formatTable } from './format/table';
export { formatSarif } from './format/sarif';
export type { SarifLog } from './format/sarif';
export { formatGithub } from './format/github';
