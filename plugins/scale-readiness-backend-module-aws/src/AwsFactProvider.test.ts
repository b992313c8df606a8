/**
 * The provider with the real SDK v3 clients against the local fake AWS
 * endpoint; the collected facts are scored with the real engine.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_READINESS_CONFIG,
  evaluateEntity,
  FactContribution,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { buildBaseFacts } from '@scale-readiness/plugin-scale-readiness-facts';
import type { FakeAws } from './__testUtils__/FakeAws';
import {
  contextFor,
  DATA,
  PROD,
  providerFor,
  REGION,
  startFakeAws,
} from './__testUtils__/scenario';
import {
  ALL,
  checkoutFn,
  eventsTable,
  NOW,
  ordersTable,
  platform,
  seed,
} from './__testUtils__/seedScenario';
import type { AwsClientFactory } from './AwsClients';
import type { AwsFactProvider } from './AwsFactProvider';

jest.setTimeout(60_000);

function score(
  e: Entity,
  facts: FactContribution,
  growthFactor: number,
  headroomWarnMargin?: number,
) {
  const config = {
    ...DEFAULT_READINESS_CONFIG,
    growthFactor,
    thresholds: {
      ...DEFAULT_READINESS_CONFIG.thresholds,
      ...(headroomWarnMargin ? { headroomWarnMargin } : {}),
    },
  };
  const merged = mergeFacts(buildBaseFacts(e), [{ providerId: 'aws', facts }]);
  const result = evaluateEntity(merged, config, { now: NOW });
  return (id: string) => {
    const check = result.checks.find(c => c.id === id);
    if (!check) throw new Error(`no ${id}`);
    return check;
  };
}

describe('AwsFactProvider', () => {
  let fake: FakeAws;
  let provider: AwsFactProvider;
  let clients: AwsClientFactory;
  let facts: Map<string, FactContribution>;

  beforeAll(async () => {
    fake = await startFakeAws();
    seed(fake);
    ({ provider, clients } = providerFor(fake));
    // GetStage is throttled twice (429 + Retry-After) and then answers.
    fake.failNext('apigateway:GET /restapis/abc123/stages/prod', 2, {
      status: 429,
      type: 'TooManyRequestsException',
      retryAfter: '1',
    });
    fake.pageSize = 1;
    facts = await provider.collect(ALL, contextFor(ALL, NOW));
    fake.pageSize = 2;
  });

  afterAll(async () => {
    await clients?.destroy();
    await fake?.stop();
  });

  const get = (ref: string) => {
    const f = facts.get(ref);
    if (!f) throw new Error(`no facts for ${ref}`);
    return f;
  };

  it('collects only entities that declare AWS things', () => {
    expect([...facts.keys()].sort()).toEqual([
      'component:default/checkout-fn',
      'component:default/platform',
      'component:default/public-api',
      'resource:default/events-table',
      'resource:default/orders-table',
    ]);
  });

  it('Lambda: account limit 1000, peak 450 → headroom 2.22, fails at 3, passes at 2', () => {
    const f = get('component:default/checkout-fn');
    expect(f.serverless).toMatchObject({
      status: 'ok',
      source: 'aws',
      location: `aws ${PROD}/${REGION}`,
      value: {
        functions: [
          {
            functionName: 'checkout-handler',
            accountConcurrency: 1000,
            peakConcurrency: 450,
          },
        ],
      },
    });
    expect(
      f.serverless?.value?.functions[0].reservedConcurrency,
    ).toBeUndefined();
    expect(f.quotas?.value).toEqual([
      expect.objectContaining({
        id: `aws/${PROD}/${REGION}/lambda/L-B99A9384`,
        limit: 1000,
        peak: 450,
        origin: 'aws',
        adjustable: true,
        increaseUrl: `https://${REGION}.console.aws.amazon.com/servicequotas/home/services/lambda/quotas/L-B99A9384`,
      }),
    ]);
    const at3 = score(checkoutFn, f, 3);
    expect(at3('autoscaling.serverless-concurrency')).toMatchObject({
      status: 'fail',
      headroom: 2.22,
    });
    expect(at3('quotas.headroom')).toMatchObject({
      status: 'fail',
      headroom: 2.22,
    });
    expect(at3('quotas.headroom').remediation).toContain('≥ 1350');
    // At 2× the default 1.2 safety margin (2.4) makes it a warning; without it, a pass.
    expect(
      score(checkoutFn, f, 2)('autoscaling.serverless-concurrency').status,
    ).toBe('warn');
    const at2 = score(checkoutFn, f, 2, 1);
    expect(at2('autoscaling.serverless-concurrency')).toMatchObject({
      status: 'pass',
      headroom: 2.22,
    });
    expect(at2('quotas.headroom')).toMatchObject({
      status: 'pass',
      headroom: 2.22,
    });
  });

  it('signs with the credentials of the account named by the Resource it depends on', () => {
    const lambdaCalls = fake.requests.filter(r => r.op.startsWith('lambda:'));
    expect(lambdaCalls.map(r => `${r.accountId}/${r.region}`)).toEqual(
      lambdaCalls.map(() => `${PROD}/${REGION}`),
    );
    expect(
      fake.requests
        .filter(r => r.op === 'dynamodb:DescribeTable')
        .map(r => `${r.body.TableName}@${r.accountId}`)
        .sort(),
    ).toEqual([`events@${PROD}`, `legacy@${DATA}`, `orders@${DATA}`]);
  });

  it('reads peaks over the window only (14 days, 60 s periods), paging GetMetricData', () => {
    const metricCalls = fake.calls('monitoring:GetMetricData');
    const first = metricCalls[0].body;
    expect(first.EndTime - first.StartTime).toBe(14 * 86_400);
    expect(first.EndTime).toBe(NOW.getTime() / 1000);
    expect(first.MetricDataQueries[0].MetricStat.Period).toBe(60);
    expect(metricCalls.some(c => typeof c.body.NextToken === 'string')).toBe(
      true,
    );
  });

  it('DynamoDB provisioned: autoscaling max 4000 WCU, peak 1500 → passes at 2, fails at 3', () => {
    const f = get('resource:default/orders-table');
    expect(f.serverless).toBeUndefined();
    expect(f.quotas?.value?.slice(0, 2)).toEqual([
      expect.objectContaining({
        id: `aws/${DATA}/${REGION}/dynamodb/table/orders/write-capacity`,
        name: "DynamoDB table 'orders' write capacity (autoscaling maximum)",
        limit: 4000,
        peak: 1500,
        unit: 'WCU/s',
      }),
      expect.objectContaining({
        id: `aws/${DATA}/${REGION}/dynamodb/table/orders/read-capacity`,
        name: "DynamoDB table 'orders' read capacity (autoscaling maximum)",
        limit: 2000,
        peak: 100,
      }),
    ]);
    // Without autoscaling the provisioned capacity is the limit: 20 WCU vs peak 0.
    expect(
      f.quotas?.value?.slice(2).map(q => [q.name, q.limit, q.peak]),
    ).toEqual([
      [
        "DynamoDB table 'legacy' write capacity (provisioned capacity (no autoscaling))",
        20,
        0,
      ],
      [
        "DynamoDB table 'legacy' read capacity (provisioned capacity (no autoscaling))",
        50,
        0,
      ],
    ]);
    expect(f.quotas?.value?.[0].note).toBeUndefined();
    expect(score(ordersTable, f, 2)('quotas.headroom')).toMatchObject({
      status: 'pass',
      headroom: 2.66,
    });
    const at3 = score(ordersTable, f, 3)('quotas.headroom');
    expect(at3).toMatchObject({ status: 'fail', headroom: 2.66 });
    expect(at3.message).toContain('orders');
    const targets = fake.calls(
      'application-autoscaling:DescribeScalableTargets',
    );
    expect(targets[0].body).toMatchObject({
      ServiceNamespace: 'dynamodb',
      ResourceIds: ['table/orders'],
    });
    // Page size 1: the read target came on a second page, asked for with the NextToken.
    expect(
      targets
        .filter(t => t.body.ResourceIds[0] === 'table/orders')
        .map(t => typeof t.body.NextToken),
    ).toEqual(['undefined', 'string']);
  });

  it('DynamoDB on-demand: the maximum throughput vs peak, with the ~2× note', () => {
    const quotas = get('resource:default/events-table').quotas?.value ?? [];
    expect(quotas[0]).toMatchObject({
      id: `aws/${PROD}/${REGION}/dynamodb/table/events/write-capacity`,
      limit: 4000,
      peak: 1000,
      unit: 'write request units/s',
    });
    expect(quotas[0].note).toContain('2×');
    // No read maximum: the table-level quota (DescribeLimits) applies; no reads → unbounded.
    expect(quotas[1]).toMatchObject({ limit: 40_000, peak: 0 });
    expect(quotas[1].name).toContain('table-level throughput quota');
    expect(
      fake
        .calls('application-autoscaling:DescribeScalableTargets')
        .every(c => c.body.ResourceIds[0] !== 'table/events'),
    ).toBe(true);
    const check = score(
      eventsTable,
      get('resource:default/events-table'),
      3,
    )('quotas.headroom');
    expect(check).toMatchObject({ status: 'pass', headroom: 4 });
    expect(check.message).toContain('Note: On-demand table');
  });

  it('API Gateway: throttled twice (429, Retry-After) then recovering still yields the stage throttle', () => {
    expect(
      fake
        .calls('apigateway:GET /restapis/abc123/stages/prod')
        .map(c => c.status),
    ).toEqual([429, 429, 200]);
    expect(get('component:default/public-api').quotas).toMatchObject({
      status: 'ok',
      value: [
        {
          id: `aws/${PROD}/${REGION}/apigateway/abc123/prod/throttle-rate`,
          name: "API Gateway 'public-api' stage 'prod' throttle rate (stage default method throttle)",
          limit: 500,
          peak: 200,
          unit: 'requests/s',
        },
      ],
    });
    expect(fake.calls('apigateway:GET /account')).toHaveLength(1);
  });

  it('Service Quotas: applied and default values, paginated service lists, rate quotas per second', () => {
    const quotas = get('component:default/platform').quotas?.value ?? [];
    expect(quotas.map(q => [q.id, q.limit, q.peak])).toEqual([
      [`aws/${PROD}/${REGION}/ec2/L-1216C47A`, 256, 128],
      [`aws/${PROD}/${REGION}/sns/L-61103206`, 100_000, 40],
      [`aws/${PROD}/${REGION}/sns/L-0B4A5B3F`, 12_500_000, 0],
      // Never applied in the account: the AWS default; 240 000 calls a minute = 4 000/s.
      [`aws/${PROD}/${REGION}/kms/L-6E3AF000`, 10_000, 4000],
    ]);
    expect(quotas[0]).toMatchObject({
      name: 'Running On-Demand Standard instances',
      adjustable: true,
      increaseUrl: `https://${REGION}.console.aws.amazon.com/servicequotas/home/services/ec2/quotas/L-1216C47A`,
    });
    expect(quotas[0].unit).toBeUndefined();
    const lists = fake.calls('servicequotas:ListServiceQuotas');
    expect(lists.map(c => c.body.NextToken === undefined)).toEqual([
      true,
      false,
      false,
    ]);
    expect(
      fake
        .calls('servicequotas:GetAWSDefaultServiceQuota')
        .map(c => c.body.QuotaCode),
    ).toEqual(['L-6E3AF000']);
    expect(
      score(platform, get('component:default/platform'), 3)('quotas.headroom'),
    ).toMatchObject({ status: 'fail', headroom: 2 });
  });
});
