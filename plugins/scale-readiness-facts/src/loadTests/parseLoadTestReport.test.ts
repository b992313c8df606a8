import {
  parseLoadTestReport,
  parsePeakRequestRate,
} from './parseLoadTestReport';

describe('parseLoadTestReport', () => {
  it("reads k6's handleSummary JSON (metrics.<name>.values)", () => {
    const report = {
      metrics: {
        http_reqs: { type: 'counter', values: { count: 6000, rate: 100.5 } },
        http_req_failed: {
          type: 'rate',
          values: { rate: 0.015, passes: 90, fails: 5910 },
        },
      },
    };
    expect(parseLoadTestReport(JSON.stringify(report))).toEqual({
      format: 'k6',
      requestRate: 100.5,
      errorRate: 0.015,
      requests: 6000,
    });
  });

  it('refuses a k6 summary without http_req_failed, and a Gatling file without rates', () => {
    expect(() =>
      parseLoadTestReport('{"metrics":{"http_reqs":{"count":1,"rate":2}}}'),
    ).toThrow(/http_req_failed is missing/);
    expect(() =>
      parseLoadTestReport(
        '{"stats":{"numberOfRequests":{"total":10,"ok":10,"ko":0}}}',
      ),
    ).toThrow(/meanNumberOfRequestsPerSecond/);
  });

  it('reads the peak request rate annotation', () => {
    expect(parsePeakRequestRate(undefined)).toBeUndefined();
    expect(parsePeakRequestRate('120.5')).toBe(120.5);
    expect(() => parsePeakRequestRate('-1')).toThrow(/above 0/);
  });
});
