/**
 * Lambda concurrency: account limit (GetAccountSettings, quota L-B99A9384),
 * reserved concurrency per function (GetFunctionConcurrency) and peak
 * `ConcurrentExecutions` (CloudWatch `AWS/Lambda`, Maximum).
 */
import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import type {
  QuotaFact,
  ServerlessFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { readPeaks } from '../metrics';
import { functionNameOf } from '../targets';
import { call } from '../awsErrors';
import {
  quotaId,
  sendOptions,
  serviceQuotasUrl,
  SourceContext,
} from './common';

/** Service Quotas code of Lambda's "Concurrent executions". @public */
export const LAMBDA_CONCURRENCY_QUOTA_CODE = 'L-B99A9384';

interface LambdaAccount {
  concurrentExecutions: number;
  unreservedConcurrentExecutions?: number;
  peak: number;
}

function concurrencyQuery(dimensions: Record<string, string>) {
  return {
    namespace: 'AWS/Lambda',
    metricName: 'ConcurrentExecutions',
    dimensions,
    stat: 'Maximum',
  };
}

function lambdaAccount(ctx: SourceContext): Promise<LambdaAccount> {
  const { clients, window } = ctx;
  return ctx.lookups.get(
    `${clients.accountId}/${clients.region}/lambda`,
    async signal => {
      const settings = await call('lambda:GetAccountSettings', () =>
        clients.lambda.send(
          new GetAccountSettingsCommand({}),
          sendOptions(signal),
        ),
      );
      const limit = settings.AccountLimit?.ConcurrentExecutions;
      if (limit === undefined) {
        throw new Error(
          'lambda:GetAccountSettings returned no AccountLimit.ConcurrentExecutions',
        );
      }
      const [peak] = await readPeaks(
        clients.cloudWatch,
        [concurrencyQuery({})],
        window,
        signal,
      );
      return {
        concurrentExecutions: limit,
        unreservedConcurrentExecutions:
          settings.AccountLimit?.UnreservedConcurrentExecutions,
        peak,
      };
    },
  );
}

/** What the Lambda source contributes for one entity. @public */
export interface LambdaFacts {
  serverless: ServerlessFacts;
  quotas: QuotaFact[];
}

/**
 * Reads the concurrency of the entity's functions. A function without
 * reserved concurrency draws from the account's unreserved pool, so that is
 * its `accountConcurrency`; the account quota itself (all functions, peak of
 * the account-wide metric) is a QuotaFact.
 * @public
 */
export async function collectLambda(
  ctx: SourceContext,
  functions: readonly string[],
): Promise<LambdaFacts> {
  const { clients, window, signal } = ctx;
  const account = await lambdaAccount(ctx);
  const reserved = await Promise.all(
    functions.map(async fn => {
      const out = await call(`lambda:GetFunctionConcurrency ${fn}`, () =>
        clients.lambda.send(
          new GetFunctionConcurrencyCommand({ FunctionName: fn }),
          sendOptions(signal),
        ),
      );
      return out.ReservedConcurrentExecutions;
    }),
  );
  const peaks = await readPeaks(
    clients.cloudWatch,
    functions.map(fn => concurrencyQuery({ FunctionName: functionNameOf(fn) })),
    window,
    signal,
  );
  const serverless: ServerlessFacts = {
    functions: functions.map((fn, i) => {
      const entry: ServerlessFacts['functions'][number] = {
        functionName: functionNameOf(fn),
        accountConcurrency:
          account.unreservedConcurrentExecutions ??
          account.concurrentExecutions,
        peakConcurrency: peaks[i],
      };
      if (reserved[i] !== undefined) entry.reservedConcurrency = reserved[i];
      return entry;
    }),
  };
  const quota: QuotaFact = {
    id: quotaId(clients, 'lambda', LAMBDA_CONCURRENCY_QUOTA_CODE),
    name: 'Lambda concurrent executions',
    limit: account.concurrentExecutions,
    peak: account.peak,
    unit: 'concurrent executions',
    origin: 'aws',
    adjustable: true,
    increaseUrl: serviceQuotasUrl(
      clients.region,
      'lambda',
      LAMBDA_CONCURRENCY_QUOTA_CODE,
    ),
    note: `Account-wide in ${clients.accountId}/${
      clients.region
    }: peak of all functions over ${Math.round(
      (window.end.getTime() - window.start.getTime()) / 86_400_000,
    )} days.`,
  };
  return { serverless, quotas: [quota] };
}
