/**
 * SQS in-flight messages: the per-queue in-flight limit (messages received
 * but not yet deleted) vs peak `ApproximateNumberOfMessagesNotVisible`
 * (CloudWatch `AWS/SQS`, Maximum). The queue must exist (GetQueueUrl); FIFO
 * queues are known by their `.fifo` suffix, as AWS documents.
 */
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { readPeaks } from '../metrics';
import { quotaId, sendOptions, SourceContext } from './common';

/**
 * In-flight limits per queue type, from the SQS quotas documentation:
 * standard queues about 120,000; FIFO queues 120,000 (raised from 20,000 in
 * 2024). Both can be raised through AWS Support.
 * @public
 */
export const SQS_IN_FLIGHT_LIMITS = { standard: 120_000, fifo: 120_000 };

/** The AWS Support page where SQS quota increases are requested. */
const SUPPORT_CASE_URL =
  'https://support.console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase';

/**
 * Reads the in-flight limit of each queue against its peak in-flight count.
 * @public
 */
export async function collectSqs(
  ctx: SourceContext,
  queues: readonly string[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  await Promise.all(
    queues.map(name =>
      call(`sqs:GetQueueUrl ${name}`, () =>
        clients.sqs.send(
          new GetQueueUrlCommand({ QueueName: name }),
          sendOptions(signal),
        ),
      ),
    ),
  );
  const peaks = await readPeaks(
    clients.cloudWatch,
    queues.map(name => ({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesNotVisible',
      dimensions: { QueueName: name },
      stat: 'Maximum',
    })),
    window,
    signal,
  );
  return queues.map((name, i) => {
    const fifo = name.endsWith('.fifo');
    const limit = fifo
      ? SQS_IN_FLIGHT_LIMITS.fifo
      : SQS_IN_FLIGHT_LIMITS.standard;
    return {
      id: quotaId(clients, 'sqs', name, 'in-flight-messages'),
      name: `SQS ${
        fifo ? 'FIFO' : 'standard'
      } queue '${name}' in-flight messages`,
      limit,
      peak: peaks[i],
      unit: 'messages',
      origin: 'aws',
      adjustable: true,
      increaseUrl: SUPPORT_CASE_URL,
      note: `In flight = received by a consumer and not yet deleted. ${
        fifo
          ? 'At the limit a FIFO queue returns no error but stops handing out messages.'
          : 'At the limit ReceiveMessage fails with OverLimit.'
      } Delete messages as soon as they are processed and keep visibility timeouts short; the limit is raised through AWS Support.`,
    };
  });
}
