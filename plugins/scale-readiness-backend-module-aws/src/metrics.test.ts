/**
 * `readPeaks` with the real CloudWatch client against the fake endpoint, which
 * aggregates raw samples by the query's Period and statistic as CloudWatch
 * does, and reports per-query `Forbidden` / `InternalError`.
 */
import type { FakeAws } from './__testUtils__/FakeAws';
import { reduce } from './__testUtils__/fakeCloudWatch';
import {
  PROD,
  providerFor,
  REGION,
  startFakeAws,
} from './__testUtils__/scenario';
import type { AwsClientFactory, AwsClients } from './AwsClients';
import { MetricQuery, peakWindow, readPeaks } from './metrics';

jest.setTimeout(30_000);

const NOW = new Date('2026-11-25T12:00:00Z');
const metric = {
  namespace: 'AWS/ApiGateway',
  name: 'Count',
  dimensions: { ApiName: 'shop', Stage: 'prod' },
};
const query = (
  stat: string,
  periodSeconds?: number,
  divisor?: number,
): MetricQuery => ({
  namespace: metric.namespace,
  metricName: metric.name,
  dimensions: metric.dimensions,
  stat,
  ...(periodSeconds ? { periodSeconds } : {}),
  ...(divisor ? { divisor } : {}),
});

describe('readPeaks against CloudWatch semantics', () => {
  let fake: FakeAws;
  let factory: AwsClientFactory;
  let clients: AwsClients;
  const signal = () => AbortSignal.timeout(10_000);

  beforeAll(async () => {
    fake = await startFakeAws();
    factory = providerFor(fake).clients;
    clients = await factory.forPlacement({ accountId: PROD, region: REGION });
    // One sample a minute, newest first: 11:59 … 11:50. Five-minute buckets
    // from the (hour-aligned) start: [11:55, 12:00) holds 10+20+30+40+50 = 150
    // (max 50), [11:50, 11:55) holds 100+1+1+1+1 = 104 (max 100).
    fake
      .region(PROD, REGION)
      .metric(metric, [10, 20, 30, 40, 50, 100, 1, 1, 1, 1], { now: NOW });
  });

  afterAll(async () => {
    await factory?.destroy();
    await fake?.stop();
  });

  afterEach(() => fake.reset());

  it('aggregates by Period: a 300-second Sum is the sum of five one-minute samples', async () => {
    const window = peakWindow(NOW, 14, 300);
    const peaks = await readPeaks(
      clients.cloudWatch,
      [
        query('Sum'),
        query('Sum', 60),
        query('Maximum'),
        query('Average'),
        query('SampleCount'),
        query('Sum', 300, 300),
      ],
      window,
      signal(),
    );
    expect(peaks).toEqual([150, 100, 100, 30, 5, 0.5]);
    expect(
      fake
        .calls('monitoring:GetMetricData')[0]
        .body.MetricDataQueries.map((q: any) => q.MetricStat.Period),
    ).toEqual([300, 60, 300, 300, 300, 300]);
  });

  it('a one-hour period (window over 63 days) puts all ten samples in one bucket', async () => {
    const window = peakWindow(NOW, 90, 60);
    expect(window.periodSeconds).toBe(3600);
    const [sum, max] = await readPeaks(
      clients.cloudWatch,
      [query('Sum'), query('Maximum')],
      window,
      signal(),
    );
    expect([sum, max]).toEqual([254, 100]);
  });

  it('a query CloudWatch answers Forbidden throws with the metric and the message', async () => {
    fake.region(PROD, REGION).failMetric(metric, 'Forbidden');
    try {
      await expect(
        readPeaks(
          clients.cloudWatch,
          [query('Sum')],
          peakWindow(NOW, 14, 60),
          signal(),
        ),
      ).rejects.toThrow(
        /GetMetricData AWS\/ApiGateway Count\{ApiName=shop,Stage=prod\} Sum: Forbidden \(User is not authorized/,
      );
    } finally {
      fake.region(PROD, REGION).metricFailures.clear();
    }
  });

  it('an invalid Period is rejected as CloudWatch does', async () => {
    await expect(
      readPeaks(
        clients.cloudWatch,
        [query('Sum', 90)],
        peakWindow(NOW, 14, 60),
        signal(),
      ),
    ).rejects.toThrow(/InvalidParameterValue|must be a multiple of 60/);
  });

  it('statistics: percentiles by nearest rank', () => {
    expect(reduce('p50', [4, 1, 3, 2])).toBe(2);
    expect(reduce('p99', [4, 1, 3, 2])).toBe(4);
    expect(() => reduce('Median', [1])).toThrow('not valid');
  });
});
