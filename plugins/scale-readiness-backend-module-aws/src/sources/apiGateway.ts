/**
 * API Gateway (REST APIs) throttles: the account throttle of the region
 * (GetAccount → throttleSettings) and the stage's default method throttle
 * (GetStage → methodSettings `*\/*`) against the stage's peak request rate
 * (CloudWatch `AWS/ApiGateway` Count, Sum per period ÷ period seconds).
 */
import {
  GetAccountCommand,
  GetRestApiCommand,
  GetStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { readPeaks } from '../metrics';
import type { ApiStageTarget } from '../targets';
import { call } from '../awsErrors';
import {
  quotaId,
  sendOptions,
  serviceQuotasUrl,
  SourceContext,
} from './common';

/** The account-level throttle of API Gateway in a region. */
export interface AccountThrottle {
  rateLimit?: number;
  burstLimit?: number;
}

/** The account throttle of the region (GetAccount), once per batch. */
export function accountThrottle(ctx: SourceContext): Promise<AccountThrottle> {
  const { clients } = ctx;
  return ctx.lookups.get(
    `${clients.accountId}/${clients.region}/apigateway`,
    async signal => {
      const account = await call('apigateway:GetAccount', () =>
        clients.apiGateway.send(new GetAccountCommand({}), sendOptions(signal)),
      );
      return account.throttleSettings ?? {};
    },
  );
}

function stageConsoleUrl(region: string, api: ApiStageTarget): string {
  return `https://${region}.console.aws.amazon.com/apigateway/main/apis/${api.restApiId}/stages?api=${api.restApiId}&region=${region}`;
}

/**
 * Reads the effective request-rate limit of each stage (the stage's default
 * method throttle when set, capped by the account throttle) against its peak
 * requests per second.
 * @public
 */
export async function collectApiGateway(
  ctx: SourceContext,
  stages: readonly ApiStageTarget[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const account = await accountThrottle(ctx);
  const described = await Promise.all(
    stages.map(async target => {
      const label = `${target.restApiId}/${target.stage}`;
      const [api, stage] = await Promise.all([
        call(`apigateway:GetRestApi ${target.restApiId}`, () =>
          clients.apiGateway.send(
            new GetRestApiCommand({ restApiId: target.restApiId }),
            sendOptions(signal),
          ),
        ),
        call(`apigateway:GetStage ${label}`, () =>
          clients.apiGateway.send(
            new GetStageCommand({
              restApiId: target.restApiId,
              stageName: target.stage,
            }),
            sendOptions(signal),
          ),
        ),
      ]);
      return {
        target,
        apiName: api.name ?? target.restApiId,
        stageRate: stage.methodSettings?.['*/*']?.throttlingRateLimit,
      };
    }),
  );
  const peaks = await readPeaks(
    clients.cloudWatch,
    described.map(d => ({
      namespace: 'AWS/ApiGateway',
      metricName: 'Count',
      dimensions: { ApiName: d.apiName, Stage: d.target.stage },
      stat: 'Sum',
      divisor: window.periodSeconds,
    })),
    window,
    signal,
  );
  return described.map((d, i) => {
    const accountRate = account.rateLimit;
    const stageBinds =
      d.stageRate !== undefined &&
      d.stageRate >= 0 &&
      (accountRate === undefined || d.stageRate < accountRate);
    const limit = stageBinds ? d.stageRate : accountRate;
    if (limit === undefined) {
      throw new Error(
        `API Gateway ${d.target.restApiId}/${d.target.stage}: neither a stage nor an account throttle is known`,
      );
    }
    return {
      id: quotaId(
        clients,
        'apigateway',
        d.target.restApiId,
        d.target.stage,
        'throttle-rate',
      ),
      name: `API Gateway '${d.apiName}' stage '${
        d.target.stage
      }' throttle rate (${
        stageBinds ? 'stage default method throttle' : 'account throttle'
      })`,
      limit: limit as number,
      peak: peaks[i],
      unit: 'requests/s',
      origin: 'aws',
      adjustable: true,
      increaseUrl: stageBinds
        ? stageConsoleUrl(clients.region, d.target)
        : serviceQuotasUrl(clients.region, 'apigateway'),
      note: `Peak is the busiest ${
        window.periodSeconds
      }-second average; bursts above the rate are absorbed up to the burst limit (${
        account.burstLimit ?? 'unknown'
      } for the account).`,
    };
  });
}
