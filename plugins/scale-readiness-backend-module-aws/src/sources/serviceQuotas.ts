/**
 * AWS Service Quotas: the applied value of a quota (GetServiceQuota, falling
 * back to GetAWSDefaultServiceQuota for quotas never applied in the account)
 * or every quota of a service (ListServiceQuotas, paginated), and the peak of
 * the CloudWatch usage metric each quota names (`UsageMetric`, usually in
 * `AWS/Usage`), with the statistic AWS recommends.
 */
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  paginateListServiceQuotas,
  ServiceQuota,
} from '@aws-sdk/client-service-quotas';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { MetricQuery, readPeaks } from '../metrics';
import type { ServiceQuotaTarget } from '../targets';
import { call } from '../awsErrors';
import {
  quotaId,
  sendOptions,
  serviceQuotasUrl,
  SourceContext,
} from './common';

const PERIOD_SECONDS: Record<string, number> = {
  MICROSECOND: 1e-6,
  MILLISECOND: 1e-3,
  SECOND: 1,
  MINUTE: 60,
  HOUR: 3600,
  DAY: 86_400,
  WEEK: 604_800,
};

async function getQuota(
  ctx: SourceContext,
  serviceCode: string,
  quotaCode: string,
): Promise<ServiceQuota> {
  const { clients, signal } = ctx;
  const label = `${serviceCode}/${quotaCode}`;
  try {
    const out = await call(`servicequotas:GetServiceQuota ${label}`, () =>
      clients.serviceQuotas.send(
        new GetServiceQuotaCommand({
          ServiceCode: serviceCode,
          QuotaCode: quotaCode,
        }),
        sendOptions(signal),
      ),
    );
    if (out.Quota) return out.Quota;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchResourceException') throw error;
  }
  const fallback = await call(
    `servicequotas:GetAWSDefaultServiceQuota ${label}`,
    () =>
      clients.serviceQuotas.send(
        new GetAWSDefaultServiceQuotaCommand({
          ServiceCode: serviceCode,
          QuotaCode: quotaCode,
        }),
        sendOptions(signal),
      ),
  );
  if (!fallback.Quota) throw new Error(`Service quota ${label} not found`);
  return fallback.Quota;
}

async function listQuotas(
  ctx: SourceContext,
  serviceCode: string,
): Promise<ServiceQuota[]> {
  const quotas: ServiceQuota[] = [];
  await call(`servicequotas:ListServiceQuotas ${serviceCode}`, async () => {
    for await (const page of paginateListServiceQuotas(
      { client: ctx.clients.serviceQuotas },
      { ServiceCode: serviceCode },
      sendOptions(ctx.signal),
    )) {
      quotas.push(...(page.Quotas ?? []));
    }
  });
  // Only quotas whose usage CloudWatch reports can be compared with a peak.
  return quotas.filter(q => q.UsageMetric?.MetricName);
}

/**
 * The metric query of a quota's usage. A `Sum` over a rate quota (a quota
 * with a `Period`, e.g. requests per second) is read per metric period and
 * divided down to the quota's period.
 */
function usageQuery(quota: ServiceQuota, periodSeconds: number): MetricQuery {
  const usage = quota.UsageMetric!;
  const stat = usage.MetricStatisticRecommendation ?? 'Maximum';
  const query: MetricQuery = {
    namespace: usage.MetricNamespace ?? 'AWS/Usage',
    metricName: usage.MetricName!,
    dimensions: usage.MetricDimensions ?? {},
    stat,
  };
  const unit = quota.Period?.PeriodUnit;
  const quotaPeriod =
    unit && PERIOD_SECONDS[unit] !== undefined
      ? (quota.Period?.PeriodValue ?? 1) * PERIOD_SECONDS[unit]
      : undefined;
  if (stat === 'Sum' && quotaPeriod !== undefined) {
    const period = Math.max(periodSeconds, Math.ceil(quotaPeriod / 60) * 60);
    query.periodSeconds = period;
    query.divisor = period / quotaPeriod;
  }
  return query;
}

/**
 * Reads the requested quotas and their peak usage. A quota asked for by code
 * that names no usage metric is an error (its peak cannot be known; declare it
 * with `scale-readiness.io/quotas` instead); `serviceCode/*` keeps only the
 * quotas that do name one.
 * @public
 */
export async function collectServiceQuotas(
  ctx: SourceContext,
  targets: readonly ServiceQuotaTarget[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const lists = await Promise.all(
    targets.map(async t => {
      if (t.quotaCode === '*') return listQuotas(ctx, t.serviceCode);
      const quota = await getQuota(ctx, t.serviceCode, t.quotaCode);
      if (!quota.UsageMetric?.MetricName) {
        throw new Error(
          `Service quota ${t.serviceCode}/${t.quotaCode} (${
            quota.QuotaName ?? 'unnamed'
          }) names no CloudWatch usage metric, so its peak is unknown; declare it with scale-readiness.io/quotas instead`,
        );
      }
      return [quota];
    }),
  );
  const seen = new Set<string>();
  const quotas = lists.flat().filter(q => {
    const key = `${q.ServiceCode}/${q.QuotaCode}`;
    if (seen.has(key) || q.Value === undefined) return false;
    seen.add(key);
    return true;
  });
  const peaks = await readPeaks(
    clients.cloudWatch,
    quotas.map(q => usageQuery(q, window.periodSeconds)),
    window,
    signal,
  );
  return quotas.map((q, i) => {
    const fact: QuotaFact = {
      id: quotaId(clients, q.ServiceCode!, q.QuotaCode!),
      name: q.QuotaName ?? `${q.ServiceCode}/${q.QuotaCode}`,
      limit: q.Value!,
      peak: peaks[i],
      origin: 'aws',
      increaseUrl: serviceQuotasUrl(
        clients.region,
        q.ServiceCode!,
        q.QuotaCode,
      ),
    };
    if (q.Unit && q.Unit !== 'None') fact.unit = q.Unit;
    if (q.Adjustable !== undefined) fact.adjustable = q.Adjustable;
    return fact;
  });
}
