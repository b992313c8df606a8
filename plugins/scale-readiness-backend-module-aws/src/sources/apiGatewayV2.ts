/**
 * API Gateway HTTP APIs (v2): the stage's default route throttle (GetStage →
 * `defaultRouteSettings.throttlingRateLimit`), capped by the region's account
 * throttle (shared by REST, HTTP and WebSocket APIs; GetAccount), vs the
 * stage's peak requests per second (CloudWatch `AWS/ApiGateway` `Count` by
 * `ApiId` and `Stage`, Sum per period ÷ period seconds).
 */
import { GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { readPeaks } from '../metrics';
import type { HttpApiStageTarget } from '../targets';
import { accountThrottle } from './apiGateway';
import {
  quotaId,
  sendOptions,
  serviceQuotasUrl,
  SourceContext,
} from './common';

function stageConsoleUrl(region: string, t: HttpApiStageTarget): string {
  return `https://${region}.console.aws.amazon.com/apigateway/main/develop/throttling?api=${
    t.apiId
  }&stage=${encodeURIComponent(t.stage)}&region=${region}`;
}

/**
 * Reads the effective request-rate limit of each HTTP API stage against its
 * peak requests per second.
 * @public
 */
export async function collectHttpApis(
  ctx: SourceContext,
  stages: readonly HttpApiStageTarget[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const account = await accountThrottle(ctx);
  const described = await Promise.all(
    stages.map(t =>
      call(`apigatewayv2:GetStage ${t.apiId}/${t.stage}`, () =>
        clients.apiGatewayV2.send(
          new GetStageCommand({ ApiId: t.apiId, StageName: t.stage }),
          sendOptions(signal),
        ),
      ),
    ),
  );
  const peaks = await readPeaks(
    clients.cloudWatch,
    stages.map(t => ({
      namespace: 'AWS/ApiGateway',
      metricName: 'Count',
      dimensions: { ApiId: t.apiId, Stage: t.stage },
      stat: 'Sum',
      divisor: window.periodSeconds,
    })),
    window,
    signal,
  );
  return stages.map((t, i) => {
    const stageRate = described[i].DefaultRouteSettings?.ThrottlingRateLimit;
    const accountRate = account.rateLimit;
    const stageBinds =
      stageRate !== undefined &&
      stageRate >= 0 &&
      (accountRate === undefined || stageRate < accountRate);
    const limit = stageBinds ? stageRate : accountRate;
    if (limit === undefined) {
      throw new Error(
        `API Gateway HTTP API ${t.apiId}/${t.stage}: neither a stage nor an account throttle is known`,
      );
    }
    return {
      id: quotaId(clients, 'apigatewayv2', t.apiId, t.stage, 'throttle-rate'),
      name: `API Gateway HTTP API '${t.apiId}' stage '${
        t.stage
      }' throttle rate (${
        stageBinds ? 'stage default route throttle' : 'account throttle'
      })`,
      limit: limit as number,
      peak: peaks[i],
      unit: 'requests/s',
      origin: 'aws',
      adjustable: true,
      increaseUrl: stageBinds
        ? stageConsoleUrl(clients.region, t)
        : serviceQuotasUrl(clients.region, 'apigateway'),
      note: `Peak is the busiest ${
        window.periodSeconds
      }-second average; the account throttle (${
        accountRate ?? 'unknown'
      } requests/s) is shared by every REST, HTTP and WebSocket API of the account in ${
        clients.region
      }.`,
    };
  });
}
