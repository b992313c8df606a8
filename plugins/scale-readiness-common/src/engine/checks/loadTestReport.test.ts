import type { LoadTestFacts } from '../../facts';
import { docs, errored, ok, run, service } from '../__testUtils__/builders';
import { loadTestProvesFactorCheck as check } from './loadTestReport';

const REPORT = 'https://reports.example/search/k6-summary.json';

function withReport(
  loadTest: LoadTestFacts | 'error' | undefined,
  url = REPORT,
) {
  return service('component:default/search', {
    docs: docs({ loadTestReportUrl: url, loadTestDate: '2026-11-01' }),
    loadTest:
      loadTest === 'error'
        ? errored('HTTP 404 Not Found')
        : loadTest && ok(loadTest, { source: 'load-tests', location: url }),
  });
}

const k6 = (requestRate: number, errorRate: number): LoadTestFacts => ({
  format: 'k6',
  requestRate,
  errorRate,
  peakRequestRate: 100,
});

describe('docs.load-test-proves-factor', () => {
  it('passes when the tested rate reaches peak × factor with few errors', () => {
    const outcome = run(check, withReport(k6(320, 0.002)), 3);
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(
      /320 req\/s .* 300 req\/s needed \(proves 3\.20×\)/,
    );
  });

  it('fails below peak × factor, and on too many errors', () => {
    const slow = run(check, withReport(k6(250, 0.002)), 3);
    expect(slow.status).toBe('fail');
    expect(slow.message).toMatch(/below 300 req\/s/);
    expect(slow.remediation).toMatch(/300 req\/s or more/);
    const failing = run(check, withReport(k6(900, 0.05)), 3);
    expect(failing.status).toBe('fail');
    expect(failing.message).toMatch(/error rate is not under 1%/);
    // the same report passes at 2× and fails at 4×
    expect(run(check, withReport(k6(320, 0)), 2).status).toBe('pass');
    expect(run(check, withReport(k6(320, 0)), 4).status).toBe('fail');
  });

  it('is unknown when the report could not be read, or the peak is missing', () => {
    const unread = run(check, withReport('error'));
    expect(unread.status).toBe('unknown');
    expect(unread.message).toMatch(/404/);
    expect(run(check, withReport(undefined)).status).toBe('unknown');
    const noPeak = run(
      check,
      withReport({ ...k6(500, 0), peakRequestRate: undefined }),
    );
    expect(noPeak.status).toBe('unknown');
    expect(noPeak.remediation).toMatch(/peak-request-rate/);
  });

  it('is not applicable for dashboards (not a JSON report)', () => {
    const dashboard = withReport(
      undefined,
      'https://grafana.example/d/k6-search',
    );
    expect(run(check, dashboard).status).toBe('not-applicable');
  });
});
