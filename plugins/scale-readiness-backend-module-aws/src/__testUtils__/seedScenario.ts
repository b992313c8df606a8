/**
 * The main test scenario: entities declaring Lambda functions, DynamoDB
 * tables, an API Gateway stage and Service Quotas in two accounts, and the
 * fake AWS state (limits, CloudWatch datapoints) behind them.
 */
import type { FakeAws } from './FakeAws';
import { DATA, entity, PROD, REGION } from './scenario';

export const NOW = new Date('2026-11-25T12:00:00Z');

export const account = entity(
  'Resource',
  'prod-account',
  {
    'scale-readiness.io/aws-account': PROD,
    'scale-readiness.io/aws-region': REGION,
  },
  { type: 'aws-account' },
);
export const checkoutFn = entity(
  'Component',
  'checkout-fn',
  {
    'scale-readiness.io/aws-lambda-functions': 'checkout-handler',
  },
  { type: 'function', dependsOn: ['resource:prod-account'] },
);
export const ordersTable = entity(
  'Resource',
  'orders-table',
  {
    'scale-readiness.io/aws-account': DATA,
    'scale-readiness.io/aws-region': REGION,
    'scale-readiness.io/aws-dynamodb-tables': 'orders, legacy',
  },
  { type: 'dynamodb-table' },
);
export const eventsTable = entity(
  'Resource',
  'events-table',
  {
    'scale-readiness.io/aws-dynamodb-tables': 'events',
  },
  { type: 'dynamodb-table', dependsOn: ['resource:prod-account'] },
);
export const publicApi = entity(
  'Component',
  'public-api',
  {
    'scale-readiness.io/aws-apigateway': 'abc123/prod',
  },
  { dependsOn: ['resource:prod-account'] },
);
export const platform = entity(
  'Component',
  'platform',
  {
    'scale-readiness.io/aws-service-quotas':
      'ec2/L-1216C47A, sns/*, kms/L-6E3AF000',
  },
  { dependsOn: ['resource:prod-account'] },
);
export const plain = entity('Component', 'plain', {});
export const ALL = [
  account,
  checkoutFn,
  ordersTable,
  eventsTable,
  publicApi,
  platform,
  plain,
];

/** Seeds the fake; datapoints end a minute before `now`. */
export function seed(fake: FakeAws, now: Date = NOW) {
  const WINDOW = { now, outside: { value: 999_999, windowDays: 14 } };
  const prod = fake.region(PROD, REGION);
  prod.functions.set('checkout-handler', {});
  prod.functions.set('reserved-fn', { reserved: 50 });
  prod.metric(
    {
      namespace: 'AWS/Lambda',
      name: 'ConcurrentExecutions',
      dimensions: { FunctionName: 'checkout-handler' },
    },
    [120, 450, 300],
    WINDOW,
  );
  prod.metric(
    { namespace: 'AWS/Lambda', name: 'ConcurrentExecutions' },
    [200, 450, 310],
    WINDOW,
  );
  prod.onDemandTable('events', { write: 4000 });
  prod.metric(
    {
      namespace: 'AWS/DynamoDB',
      name: 'ConsumedWriteCapacityUnits',
      dimensions: { TableName: 'events' },
    },
    [60_000, 30_000],
    WINDOW,
  );
  prod.restApi('abc123', 'public-api', {
    prod: {
      '*/*': {
        throttlingRateLimit: 500,
        throttlingBurstLimit: 1000,
        metricsEnabled: false,
      },
    },
  });
  prod.metric(
    {
      namespace: 'AWS/ApiGateway',
      name: 'Count',
      dimensions: { ApiName: 'public-api', Stage: 'prod' },
    },
    [6_000, 12_000, 9_000],
    WINDOW,
  );
  const usage = (resource: string, stat = 'Maximum') => ({
    MetricNamespace: 'AWS/Usage',
    MetricName: stat === 'Sum' ? 'CallCount' : 'ResourceCount',
    MetricDimensions: {
      Service: resource,
      Type: stat === 'Sum' ? 'API' : 'Resource',
      Resource: resource,
      Class: 'None',
    },
    MetricStatisticRecommendation: stat,
  });
  const ec2 = {
    ServiceCode: 'ec2',
    QuotaCode: 'L-1216C47A',
    QuotaName: 'Running On-Demand Standard instances',
    Value: 256,
    Unit: 'None',
    Adjustable: true,
    UsageMetric: usage('vCPU'),
  };
  prod.quotas.set('ec2/L-1216C47A', {
    applied: ec2,
    default: { ...ec2, Value: 5 },
  });
  const kms = {
    ServiceCode: 'kms',
    QuotaCode: 'L-6E3AF000',
    QuotaName: 'Cryptographic operations (symmetric) request rate',
    Value: 10_000,
    Unit: 'None',
    Adjustable: true,
    UsageMetric: usage('Decrypt', 'Sum'),
    Period: { PeriodValue: 1, PeriodUnit: 'SECOND' },
  };
  prod.quotas.set('kms/L-6E3AF000', { default: kms });
  const sns = (
    code: string,
    name: string,
    value: number,
    metric?: boolean,
  ) => ({
    ServiceCode: 'sns',
    QuotaCode: code,
    QuotaName: name,
    Value: value,
    Adjustable: true,
    ...(metric ? { UsageMetric: usage(name) } : {}),
  });
  prod.quotas.set('sns/L-61103206', {
    applied: sns('L-61103206', 'Topics', 100_000, true),
    default: sns('L-61103206', 'Topics', 100_000, true),
  });
  prod.quotas.set('sns/L-A4340BCD', {
    applied: sns('L-A4340BCD', 'Pending subscriptions', 1000),
    default: sns('L-A4340BCD', 'Pending subscriptions', 1000),
  });
  prod.quotas.set('sns/L-0B4A5B3F', {
    applied: sns('L-0B4A5B3F', 'Subscriptions per topic', 12_500_000, true),
    default: sns('L-0B4A5B3F', 'Subscriptions per topic', 12_500_000, true),
  });
  prod.metric(
    {
      namespace: 'AWS/Usage',
      name: 'ResourceCount',
      dimensions: usage('vCPU').MetricDimensions,
    },
    [64, 128],
    WINDOW,
  );
  prod.metric(
    {
      namespace: 'AWS/Usage',
      name: 'CallCount',
      dimensions: usage('Decrypt', 'Sum').MetricDimensions,
    },
    [120_000, 240_000],
    WINDOW,
  );
  prod.metric(
    {
      namespace: 'AWS/Usage',
      name: 'ResourceCount',
      dimensions: usage('Topics').MetricDimensions,
    },
    [40],
    WINDOW,
  );

  const data = fake.region(DATA, REGION);
  data.provisionedTable(
    'orders',
    { read: 500, write: 1000 },
    { writeMax: 4000, readMax: 2000 },
  );
  data.provisionedTable('legacy', { read: 50, write: 20 });
  data.metric(
    {
      namespace: 'AWS/DynamoDB',
      name: 'ConsumedWriteCapacityUnits',
      dimensions: { TableName: 'orders' },
    },
    [30_000, 90_000, 60_000],
    WINDOW,
  );
  data.metric(
    {
      namespace: 'AWS/DynamoDB',
      name: 'ConsumedReadCapacityUnits',
      dimensions: { TableName: 'orders' },
    },
    [6_000],
    WINDOW,
  );
}
