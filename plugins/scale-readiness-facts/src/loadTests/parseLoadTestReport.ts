import {
  ANNOTATION_PEAK_REQUEST_RATE,
  type LoadTestFacts,
} from '@scale-readiness/plugin-scale-readiness-common';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/**
 * k6: the `--summary-export` file (`metrics.http_reqs.rate`,
 * `metrics.http_req_failed.value` or `.rate`) or the `handleSummary` JSON
 * (`metrics.<name>.values.rate`).
 */
function k6(doc: Record<string, unknown>): LoadTestFacts | undefined {
  const metrics = doc.metrics;
  if (!isRecord(metrics) || !isRecord(metrics.http_reqs)) return undefined;
  const reqs = metrics.http_reqs;
  const reqValues = isRecord(reqs.values) ? reqs.values : {};
  const requestRate = finite(reqs.rate) ?? finite(reqValues.rate);
  if (requestRate === undefined)
    throw new Error('k6 summary: metrics.http_reqs has no rate');
  const failed = isRecord(metrics.http_req_failed)
    ? metrics.http_req_failed
    : undefined;
  if (!failed)
    throw new Error(
      'k6 summary: metrics.http_req_failed is missing (k6 ≥ 0.31 reports it)',
    );
  const failedValues = isRecord(failed.values) ? failed.values : {};
  const errorRate =
    finite(failed.rate) ?? finite(failed.value) ?? finite(failedValues.rate);
  if (errorRate === undefined)
    throw new Error('k6 summary: metrics.http_req_failed has no rate');
  const requests = finite(reqs.count) ?? finite(reqValues.count);
  return {
    format: 'k6',
    requestRate,
    errorRate,
    ...(requests !== undefined ? { requests } : {}),
  };
}

/** Gatling: `js/stats.json` of a report (the "All Requests" group). */
function gatling(doc: Record<string, unknown>): LoadTestFacts | undefined {
  const stats = doc.stats;
  if (!isRecord(stats) || !isRecord(stats.numberOfRequests)) return undefined;
  const perSecond = isRecord(stats.meanNumberOfRequestsPerSecond)
    ? stats.meanNumberOfRequestsPerSecond
    : {};
  const requestRate = finite(perSecond.total);
  const total = finite(stats.numberOfRequests.total);
  const ko = finite(stats.numberOfRequests.ko);
  if (requestRate === undefined || total === undefined || ko === undefined)
    throw new Error(
      'Gatling stats.json: stats.meanNumberOfRequestsPerSecond.total or stats.numberOfRequests.total/ko is missing',
    );
  return {
    format: 'gatling',
    requestRate,
    errorRate: total > 0 ? ko / total : 0,
    requests: total,
  };
}

/**
 * Reads a k6 summary JSON or a Gatling `stats.json`. Throws a readable error
 * for anything else (invalid JSON, another format, missing metrics). Shared by
 * the backend's load-test provider and the CLI.
 * @public
 */
export function parseLoadTestReport(text: string): LoadTestFacts {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`the report is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new Error('the report is not a JSON object');
  const found = k6(doc) ?? gatling(doc);
  if (!found)
    throw new Error(
      'not a k6 summary (metrics.http_reqs) nor a Gatling stats.json (stats.numberOfRequests)',
    );
  return found;
}

/**
 * The value of `scale-readiness.io/peak-request-rate` (req/s), undefined when
 * absent; throws a readable error for anything but a number above 0.
 * @public
 */
export function parsePeakRequestRate(
  raw: string | undefined,
): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(
      `${ANNOTATION_PEAK_REQUEST_RATE} must be a number of requests per second above 0, got ${JSON.stringify(
        raw,
      )}`,
    );
  return value;
}
