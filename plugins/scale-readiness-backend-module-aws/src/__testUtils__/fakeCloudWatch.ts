/**
 * CloudWatch `GetMetricData` of the fake AWS endpoint, as CloudWatch answers
 * it: raw samples aggregated into `Period`-second buckets counted from the
 * start time (rounded down to the minute), each bucket reduced with the
 * query's statistic (`Sum`, `Maximum`, `Minimum`, `Average`, `SampleCount`,
 * `pNN`), newest first (`ScanBy` `TimestampDescending`, the default), paged
 * with `NextToken` / `MaxDatapoints`. A query on a metric marked with
 * `FakeRegion.failMetric` answers `StatusCode` `Forbidden` or `InternalError`
 * with a message and no datapoints, as CloudWatch reports per query.
 */
import { FakeRegion, metricKey, MetricPoint } from './FakeRegion';
import { AwsError, page } from './fakeAwsHandlers';

const HIGH_RESOLUTION_PERIODS = [1, 5, 10, 30];

const FAILURE_MESSAGES: Record<string, string> = {
  Forbidden:
    'User is not authorized to access this metric (cloudwatch:GetMetricData denied for its namespace)',
  InternalError: 'An internal error occurred while reading this metric',
};

/** Reduces the values of one bucket with a CloudWatch statistic. */
export function reduce(stat: string, values: number[]): number {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Maximum':
      return Math.max(...values);
    case 'Minimum':
      return Math.min(...values);
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'SampleCount':
      return values.length;
    default: {
      const m = /^p(\d{1,2}(\.\d+)?)$/.exec(stat);
      if (!m) {
        throw new AwsError(
          400,
          'InvalidParameterValue',
          `The value ${stat} for parameter MetricDataQueries.member.1.MetricStat.Stat is not valid.`,
        );
      }
      // Nearest rank.
      const sorted = [...values].sort((a, b) => a - b);
      const rank = Math.ceil((Number(m[1]) / 100) * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }
  }
}

interface Datapoint {
  id: string;
  t: number;
  v: number;
}

function aggregate(
  series: MetricPoint[],
  start: number,
  end: number,
  period: number,
  stat: string,
): Array<{ t: number; v: number }> {
  const buckets = new Map<number, number[]>();
  for (const p of series) {
    if (p.t < start || p.t >= end) continue;
    const bucket = start + Math.floor((p.t - start) / period) * period;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), p.v]);
  }
  return [...buckets]
    .map(([t, values]) => ({ t, v: reduce(stat, values) }))
    .sort((a, b) => b.t - a.t);
}

/** Answers `GetMetricData` from the region's samples. */
export function metricData(input: any, region: FakeRegion, pageSize: number) {
  const start = Math.floor(Number(input.StartTime) / 60) * 60;
  const end = Number(input.EndTime);
  if (!(end > start)) {
    throw new AwsError(
      400,
      'InvalidParameterValue',
      'The parameter StartTime must be less than the parameter EndTime.',
    );
  }
  const points: Datapoint[] = [];
  const failures = new Map<string, string>();
  for (const q of input.MetricDataQueries ?? []) {
    const m = q.MetricStat;
    const period = Number(m.Period);
    if (
      !(period >= 60 && period % 60 === 0) &&
      !HIGH_RESOLUTION_PERIODS.includes(period)
    ) {
      throw new AwsError(
        400,
        'InvalidParameterValue',
        `The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60 or one of 1, 5, 10, 30; got ${m.Period}.`,
      );
    }
    const dims = Object.fromEntries(
      (m.Metric.Dimensions ?? []).map((d: any) => [d.Name, d.Value]),
    );
    const key = metricKey(m.Metric.Namespace, m.Metric.MetricName, dims);
    const failure = region.metricFailures.get(key);
    if (failure) {
      failures.set(q.Id, failure);
      continue;
    }
    const series = region.metrics.get(key) ?? [];
    for (const p of aggregate(series, start, end, period, m.Stat)) {
      points.push({ id: q.Id, ...p });
    }
  }
  const { slice, NextToken } = page(
    points,
    input.NextToken,
    input.MaxDatapoints,
    pageSize,
  );
  const results = (input.MetricDataQueries ?? []).map((q: any) => {
    const failure = failures.get(q.Id);
    const mine = slice.filter(p => p.id === q.Id);
    return {
      Id: q.Id,
      Label: q.MetricStat.Metric.MetricName,
      Timestamps: mine.map(p => p.t),
      Values: mine.map(p => p.v),
      StatusCode: failure ?? (NextToken ? 'PartialData' : 'Complete'),
      ...(failure
        ? { Messages: [{ Code: failure, Value: FAILURE_MESSAGES[failure] }] }
        : {}),
    };
  });
  return { MetricDataResults: results, NextToken, Messages: [] };
}
