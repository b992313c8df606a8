/**
 * Peaks of CloudWatch metrics over the collection window (GetMetricData,
 * paginated, up to 500 queries per call).
 */
import {
  CloudWatchClient,
  MetricDataQuery,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import { call } from './awsErrors';

/** One metric whose peak is wanted. @public */
export interface MetricQuery {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** CloudWatch statistic, e.g. `Maximum` or `Sum`. */
  stat: string;
  /** Period in seconds; defaults to the window's period. */
  periodSeconds?: number;
  /** Each datapoint is divided by this (e.g. a Sum per period → per second). */
  divisor?: number;
}

/** The time range and default period of peak queries. @public */
export interface PeakWindow {
  start: Date;
  end: Date;
  periodSeconds: number;
}

const MAX_QUERIES_PER_CALL = 500;

/**
 * The period CloudWatch can still answer for the oldest part of the window:
 * one-minute data is kept 15 days, five-minute data 63 days, then hourly.
 * @public
 */
export function effectivePeriodSeconds(
  configured: number,
  windowDays: number,
): number {
  if (windowDays > 63) return Math.max(configured, 3600);
  if (windowDays > 15) return Math.max(configured, 300);
  return configured;
}

/** Builds the peak window ending at `now`. @public */
export function peakWindow(
  now: Date,
  windowDays: number,
  periodSeconds: number,
): PeakWindow {
  return {
    start: new Date(now.getTime() - windowDays * 86_400_000),
    end: now,
    periodSeconds: effectivePeriodSeconds(periodSeconds, windowDays),
  };
}

function describe(q: MetricQuery): string {
  const dims = Object.entries(q.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${q.namespace} ${q.metricName}${dims ? `{${dims}}` : ''} ${q.stat}`;
}

/**
 * Reads the peak (largest datapoint, after `divisor`) of each query; the result
 * is aligned with `queries`, 0 where CloudWatch has no datapoint in the window
 * (nothing happened). Throws when CloudWatch reports a query as `Forbidden` or
 * `InternalError`.
 * @public
 */
export async function readPeaks(
  client: CloudWatchClient,
  queries: readonly MetricQuery[],
  window: PeakWindow,
  abortSignal: AbortSignal,
): Promise<number[]> {
  const peaks = queries.map(() => 0);
  for (
    let offset = 0;
    offset < queries.length;
    offset += MAX_QUERIES_PER_CALL
  ) {
    const chunk = queries.slice(offset, offset + MAX_QUERIES_PER_CALL);
    const dataQueries: MetricDataQuery[] = chunk.map((q, i) => ({
      Id: `m${offset + i}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: q.namespace,
          MetricName: q.metricName,
          Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({
            Name,
            Value,
          })),
        },
        Period: q.periodSeconds ?? window.periodSeconds,
        Stat: q.stat,
      },
    }));
    const pages = paginateGetMetricData(
      { client },
      {
        MetricDataQueries: dataQueries,
        StartTime: window.start,
        EndTime: window.end,
        ScanBy: 'TimestampDescending',
      },
      { abortSignal: abortSignal as any },
    );
    await call('cloudwatch:GetMetricData', async () => {
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          const index = Number(result.Id?.slice(1));
          const q = queries[index];
          if (!q) continue;
          if (
            result.StatusCode === 'Forbidden' ||
            result.StatusCode === 'InternalError'
          ) {
            const detail = (result.Messages ?? [])
              .map(m => m.Value ?? m.Code)
              .filter(Boolean)
              .join('; ');
            const error = new Error(
              `CloudWatch GetMetricData ${describe(q)}: ${result.StatusCode}${
                detail ? ` (${detail})` : ''
              }`,
            );
            // Already names the operation: not wrapped again by `call`.
            (error as { awsOperation?: string }).awsOperation =
              'cloudwatch:GetMetricData';
            throw error;
          }
          for (const value of result.Values ?? []) {
            const v = value / (q.divisor ?? 1);
            if (v > peaks[index]) peaks[index] = v;
          }
        }
      }
    });
  }
  // Rounded up to hundredths: a stored peak never understates usage.
  return peaks.map(p => Math.max(0, Math.ceil(p * 100 - 1e-6)) / 100);
}
