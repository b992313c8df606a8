/**
 * Kinesis Data Streams write throughput: per shard 1 MiB/s and 1,000
 * records/s (provisioned mode: open shards × that), or the on-demand maximum
 * (DescribeStreamSummary), vs peak `IncomingBytes` / `IncomingRecords`
 * (CloudWatch `AWS/Kinesis`, Sum per period ÷ period seconds).
 */
import {
  DescribeStreamSummaryCommand,
  StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { MetricQuery, readPeaks } from '../metrics';
import { quotaId, sendOptions, SourceContext } from './common';

const MIB = 1_048_576;

/** Write limits of one shard. @public */
export const KINESIS_SHARD_WRITE = { mibPerSecond: 1, recordsPerSecond: 1000 };

/**
 * On-demand write maximum of one stream in MiB/s: 10 GB/s in us-east-1,
 * us-west-2 and eu-west-1, 200 MB/s elsewhere (raised through AWS Support).
 * @public
 */
export function onDemandMaxMiBPerSecond(region: string): number {
  return ['us-east-1', 'us-west-2', 'eu-west-1'].includes(region)
    ? 10_240
    : 200;
}

/** The note on on-demand streams. @public */
export const KINESIS_ON_DEMAND_NOTE =
  'On-demand stream: it absorbs up to double the peak write throughput of the previous 30 days at once; a bigger jump is throttled while it adds shards (up to ~15 minutes), so ramp up or pre-warm.';

function streamConsoleUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/kinesis/home?region=${region}#/streams/details/${encodeURIComponent(
    name,
  )}/configuration`;
}

function quotas(
  ctx: SourceContext,
  name: string,
  summary: StreamDescriptionSummary,
  peakMiB: number,
  peakRecords: number,
): QuotaFact[] {
  const { clients } = ctx;
  const onDemand = summary.StreamModeDetails?.StreamMode === 'ON_DEMAND';
  const shards = summary.OpenShardCount;
  let mib: number;
  let how: string;
  if (onDemand) {
    mib = onDemandMaxMiBPerSecond(clients.region);
    how = 'on-demand maximum';
  } else {
    if (shards === undefined) {
      throw new Error(
        `kinesis:DescribeStreamSummary ${name}: no OpenShardCount for a provisioned stream`,
      );
    }
    mib = shards * KINESIS_SHARD_WRITE.mibPerSecond;
    how = `${shards} open shard${shards === 1 ? '' : 's'}`;
  }
  const records = mib * KINESIS_SHARD_WRITE.recordsPerSecond;
  const base = {
    origin: 'aws',
    adjustable: true,
    increaseUrl: streamConsoleUrl(clients.region, name),
    note: onDemand
      ? KINESIS_ON_DEMAND_NOTE
      : 'Provisioned stream: the limit is per shard, so a hot partition key throttles its shard before the stream total reaches it (watch WriteProvisionedThroughputExceeded); add shards with UpdateShardCount or switch to on-demand.',
  };
  return [
    {
      ...base,
      id: quotaId(clients, 'kinesis', name, 'write-bytes'),
      name: `Kinesis stream '${name}' write throughput (${how})`,
      limit: mib,
      peak: peakMiB,
      unit: 'MiB/s',
    },
    {
      ...base,
      id: quotaId(clients, 'kinesis', name, 'write-records'),
      name: `Kinesis stream '${name}' write records (${how})`,
      limit: records,
      peak: peakRecords,
      unit: 'records/s',
    },
  ];
}

/**
 * Reads each stream's write limits against its peak incoming bytes and
 * records per second.
 * @public
 */
export async function collectKinesis(
  ctx: SourceContext,
  streams: readonly string[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const summaries = await Promise.all(
    streams.map(async name => {
      const out = await call(`kinesis:DescribeStreamSummary ${name}`, () =>
        clients.kinesis.send(
          new DescribeStreamSummaryCommand({ StreamName: name }),
          sendOptions(signal),
        ),
      );
      if (!out.StreamDescriptionSummary) {
        throw new Error(
          `kinesis:DescribeStreamSummary ${name}: no StreamDescriptionSummary`,
        );
      }
      return out.StreamDescriptionSummary;
    }),
  );
  const queries: MetricQuery[] = streams.flatMap(name => [
    {
      namespace: 'AWS/Kinesis',
      metricName: 'IncomingBytes',
      dimensions: { StreamName: name },
      stat: 'Sum',
      divisor: window.periodSeconds * MIB,
    },
    {
      namespace: 'AWS/Kinesis',
      metricName: 'IncomingRecords',
      dimensions: { StreamName: name },
      stat: 'Sum',
      divisor: window.periodSeconds,
    },
  ]);
  const peaks = await readPeaks(clients.cloudWatch, queries, window, signal);
  return streams.flatMap((name, i) =>
    quotas(ctx, name, summaries[i], peaks[i * 2], peaks[i * 2 + 1]),
  );
}
