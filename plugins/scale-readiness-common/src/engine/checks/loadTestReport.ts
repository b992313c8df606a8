/**
 * `docs.load-test-proves-factor`: a load test counts only when its report
 * shows the component took peak × growth factor with few errors.
 */
import type { LoadTestFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import { describeEntity, factEvidence, gate, profileOf } from './helpers';

/**
 * Whether a load-test report location names a machine-readable report (a
 * `.json` file: k6 summary export or Gatling `stats.json`); dashboards and
 * HTML reports are left to `docs.load-test`.
 * @public
 */
export function isMachineReadableReport(location: string | undefined): boolean {
  if (!location) return false;
  return /\.json$/i.test(location.split(/[?#]/)[0]);
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** `docs.load-test-proves-factor` @public */
export const loadTestProvesFactorCheck: CheckDefinition = {
  id: 'docs.load-test-proves-factor',
  dimension: 'docs',
  title: 'Load test proves the growth factor',
  description:
    "Reads the k6 summary JSON (metrics.http_reqs.rate, metrics.http_req_failed.rate) or Gatling stats.json that 'scale-readiness.io/load-test-report' points to (loadTest facts, read by the backend through its UrlReader) and the peak request rate ('scale-readiness.io/peak-request-rate'). Passes when the tested rate ≥ peak × growth factor and the error rate < thresholds.loadTestMaxErrorRate (default 1%); fails otherwise. Unknown when the report or the peak cannot be read. Not applicable without a .json report (dashboards are only counted by docs.load-test).",
  severity: 'medium',
  evaluate(facts, ctx) {
    const p = profileOf(facts);
    const url = facts.docs?.value?.loadTestReportUrl;
    if (
      !(p.expectsWorkloads || p.isServerless) ||
      !isMachineReadableReport(url)
    )
      return {
        status: 'not-applicable',
        message: `No machine-readable load-test report (k6 summary or Gatling stats.json) for this ${describeEntity(
          facts,
        )}.`,
      };
    const g = gate<LoadTestFacts>(
      facts,
      'loadTest',
      `its load-test report ${url} should be read`,
    );
    if (!g.ok) return g.outcome;
    const t = g.value;
    const evidence = [factEvidence(g.fact, t)];
    if (!(t.peakRequestRate && t.peakRequestRate > 0))
      return {
        status: 'unknown',
        message: `The ${t.format} report shows ${fmt(
          t.requestRate,
        )} req/s, but the peak request rate is unknown.`,
        evidence,
        remediation:
          "Declare the observed peak with 'scale-readiness.io/peak-request-rate' (requests per second).",
      };
    const required = t.peakRequestRate * ctx.growthFactor;
    const proven = t.requestRate / t.peakRequestRate;
    const maxErrors = ctx.thresholds.loadTestMaxErrorRate ?? 0.01;
    const rateOk = t.requestRate >= required;
    const errorsOk = t.errorRate < maxErrors;
    const summary = `${t.format === 'k6' ? 'k6' : 'Gatling'} report: ${fmt(
      t.requestRate,
    )} req/s at ${fmt(t.errorRate * 100)}% errors; peak ${fmt(
      t.peakRequestRate,
    )} req/s × ${fmt(ctx.growthFactor)} = ${fmt(
      required,
    )} req/s needed (proves ${fmt(proven)}×).`;
    if (rateOk && errorsOk)
      return { status: 'pass', message: summary, evidence };
    const problems = [
      rateOk ? undefined : `the tested rate is below ${fmt(required)} req/s`,
      errorsOk
        ? undefined
        : `the error rate is not under ${fmt(maxErrors * 100)}%`,
    ].filter(Boolean);
    return {
      status: 'fail',
      message: `${summary} Not proven: ${problems.join(' and ')}.`,
      evidence,
      remediation: `Run the load test at ${fmt(
        required,
      )} req/s or more (peak × ${fmt(
        ctx.growthFactor,
      )}) and fix what fails until errors stay under ${fmt(
        maxErrors * 100,
      )}%, then publish the new report.`,
    };
  },
};
