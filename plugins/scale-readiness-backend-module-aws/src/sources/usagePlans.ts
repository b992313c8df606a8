/**
 * API Gateway REST API usage plans: the plan's per-key throttle and request
 * quota (GetUsagePlan) vs the busiest API key. The quota is compared with the
 * busiest key's requests per quota period (GetUsage, daily counts per key,
 * paginated; a week or month is the largest sum over that many consecutive
 * days, which never understates a calendar period). CloudWatch has no per-key
 * metric, so the throttle is compared with the peak request rate of the
 * plan's stages (`Count` by `ApiName` and `Stage`) times the largest share of
 * a day's requests one key made: exact for a plan with one key.
 */
import {
  GetRestApiCommand,
  GetUsagePlanCommand,
  paginateGetUsage,
  UsagePlan,
} from '@aws-sdk/client-api-gateway';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { readPeaks } from '../metrics';
import { quotaId, sendOptions, SourceContext } from './common';

const PERIOD_DAYS: Record<string, number> = { DAY: 1, WEEK: 7, MONTH: 31 };

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function planConsoleUrl(region: string, id: string): string {
  return `https://${region}.console.aws.amazon.com/apigateway/main/usage-plans/${id}?region=${region}`;
}

/** Daily request counts per key over the last `days` days. */
async function usage(
  ctx: SourceContext,
  planId: string,
  days: number,
): Promise<Record<string, number[]>> {
  const end = ctx.window.end;
  const start = new Date(end.getTime() - (days - 1) * 86_400_000);
  const perKey: Record<string, number[]> = {};
  await call(`apigateway:GetUsage ${planId}`, async () => {
    for await (const page of paginateGetUsage(
      { client: ctx.clients.apiGateway },
      { usagePlanId: planId, startDate: day(start), endDate: day(end) },
      sendOptions(ctx.signal),
    )) {
      for (const [key, rows] of Object.entries(page.items ?? {})) {
        perKey[key] = [...(perKey[key] ?? []), ...rows.map(r => r[0] ?? 0)];
      }
    }
  });
  return perKey;
}

/** Largest sum of `span` consecutive values. */
function maxWindowSum(values: number[], span: number): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const sum = values.slice(i, i + span).reduce((a, b) => a + b, 0);
    best = Math.max(best, sum);
  }
  return best;
}

/** Largest fraction of a day's requests (all keys) that one key made. */
function busiestShare(perKey: Record<string, number[]>): number {
  const keys = Object.values(perKey);
  const days = Math.max(0, ...keys.map(k => k.length));
  let share = 0;
  for (let d = 0; d < days; d++) {
    const counts = keys.map(k => k[d] ?? 0);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 0) share = Math.max(share, Math.max(...counts) / total);
  }
  return keys.length === 1 ? 1 : share;
}

async function planQuotas(
  ctx: SourceContext,
  planId: string,
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const plan: UsagePlan = await call(`apigateway:GetUsagePlan ${planId}`, () =>
    clients.apiGateway.send(
      new GetUsagePlanCommand({ usagePlanId: planId }),
      sendOptions(signal),
    ),
  );
  const label = `API Gateway usage plan '${plan.name ?? planId}'`;
  const windowDays = Math.round(
    (window.end.getTime() - window.start.getTime()) / 86_400_000,
  );
  const periodDays = plan.quota?.period
    ? PERIOD_DAYS[plan.quota.period]
    : undefined;
  const perKey = await usage(
    ctx,
    planId,
    Math.max(windowDays, periodDays ?? 1),
  );
  const facts: QuotaFact[] = [];
  const base = {
    origin: 'aws',
    adjustable: true,
    increaseUrl: planConsoleUrl(clients.region, planId),
  };
  if (plan.quota?.limit !== undefined && periodDays !== undefined) {
    const peak = Math.max(
      0,
      ...Object.values(perKey).map(v => maxWindowSum(v, periodDays)),
    );
    facts.push({
      ...base,
      id: quotaId(clients, 'apigateway', 'usage-plan', planId, 'quota'),
      name: `${label} request quota per API key per ${plan.quota.period!.toLowerCase()}`,
      limit: plan.quota.limit,
      peak,
      unit: `requests/${plan.quota.period!.toLowerCase()}`,
      note: `Busiest of ${
        Object.keys(perKey).length
      } API keys; past the quota a key gets 429 until the period resets.`,
    });
  }
  const rate = plan.throttle?.rateLimit;
  const stages = plan.apiStages ?? [];
  if (rate !== undefined && rate > 0 && stages.length > 0) {
    const names = await Promise.all(
      stages.map(async s => {
        const api = await call(`apigateway:GetRestApi ${s.apiId}`, () =>
          clients.apiGateway.send(
            new GetRestApiCommand({ restApiId: s.apiId! }),
            sendOptions(signal),
          ),
        );
        return api.name ?? s.apiId!;
      }),
    );
    const peaks = await readPeaks(
      clients.cloudWatch,
      stages.map((s, i) => ({
        namespace: 'AWS/ApiGateway',
        metricName: 'Count',
        dimensions: { ApiName: names[i], Stage: s.stage! },
        stat: 'Sum',
        divisor: window.periodSeconds,
      })),
      window,
      signal,
    );
    const share = busiestShare(perKey);
    const stagePeak = Math.max(0, ...peaks);
    facts.push({
      ...base,
      id: quotaId(clients, 'apigateway', 'usage-plan', planId, 'throttle-rate'),
      name: `${label} throttle rate per API key`,
      limit: rate,
      peak: Math.ceil(stagePeak * share * 100) / 100,
      unit: 'requests/s',
      note: `Peak per key = the plan's busiest stage peak (${stagePeak} requests/s) × the largest share of a day's requests one key made (${
        Math.round(share * 1000) / 10
      } %); CloudWatch has no per-key metric.`,
    });
  }
  return facts;
}

/**
 * Reads the throttle and quota of each usage plan against its busiest key.
 * @public
 */
export async function collectUsagePlans(
  ctx: SourceContext,
  plans: readonly string[],
): Promise<QuotaFact[]> {
  const all = await Promise.all(plans.map(id => planQuotas(ctx, id)));
  return all.flat();
}
