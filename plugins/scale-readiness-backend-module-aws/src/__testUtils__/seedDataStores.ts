/**
 * Data store and queue scenario: entities declaring RDS instances, an Aurora
 * Serverless v2 cluster, an ElastiCache replication group, SQS queues,
 * Kinesis streams, an HTTP API stage and a usage plan, and the fake AWS state
 * behind them (limits, parameter groups, CloudWatch samples, key usage).
 */
import type { FakeAws } from './FakeAws';
import { entity, PROD, REGION } from './scenario';

export const NOW = new Date('2026-11-25T12:00:00Z');

const placed = {
  'scale-readiness.io/aws-account': PROD,
  'scale-readiness.io/aws-region': REGION,
};

export const ordersDb = entity('Resource', 'orders-db', {
  ...placed,
  'scale-readiness.io/aws-rds-instances': 'orders-pg, orders-mysql',
});
export const ledgerDb = entity('Resource', 'ledger-db', {
  ...placed,
  'scale-readiness.io/aws-rds-clusters': 'ledger',
});
export const sessionCache = entity('Resource', 'session-cache', {
  ...placed,
  'scale-readiness.io/aws-elasticache-replication-groups': 'sessions',
});
export const jobs = entity('Component', 'jobs', {
  ...placed,
  'scale-readiness.io/aws-sqs-queues': 'jobs, payments.fifo',
});
export const clickstream = entity('Component', 'clickstream', {
  ...placed,
  'scale-readiness.io/aws-kinesis-streams': 'clicks, audit',
});
export const edgeApi = entity('Component', 'edge-api', {
  ...placed,
  'scale-readiness.io/aws-apigatewayv2': 'a1b2c3/prod',
  'scale-readiness.io/aws-apigateway-usage-plans': 'plan01',
});
export const DATA_STORES = [
  ordersDb,
  ledgerDb,
  sessionCache,
  jobs,
  clickstream,
  edgeApi,
];

/** PostgreSQL's engine default `max_connections`. */
export const PG_DEFAULT = 'LEAST({DBInstanceClassMemory/9531392},5000)';

/** Seeds the fake; samples one a minute, ending a minute before `now`. */
export function seedDataStores(fake: FakeAws, now: Date = NOW) {
  const at = { now, outside: { value: 9_999_999, windowDays: 14 } };
  const prod = fake.region(PROD, REGION);
  const s = prod.stores;
  const metric = (
    namespace: string,
    name: string,
    dimensions: Record<string, string>,
    values: number[],
  ) => prod.metric({ namespace, name, dimensions }, values, at);

  // RDS: a PostgreSQL instance on the engine default formula (r6g.large,
  // 16 GiB → 1802) and a MySQL instance with max_connections set to 2000.
  s.parameterGroup('default.postgres16', PG_DEFAULT, 5)
    .parameterGroup('orders-mysql-params', '2000', 3)
    .dbInstance('orders-pg', 'db.r6g.large', 'default.postgres16')
    .dbInstance('orders-mysql', 'db.m5.xlarge', 'orders-mysql-params', {
      engine: 'mysql',
    });
  metric(
    'AWS/RDS',
    'DatabaseConnections',
    { DBInstanceIdentifier: 'orders-pg' },
    [300, 900, 450],
  );
  metric(
    'AWS/RDS',
    'DatabaseConnections',
    { DBInstanceIdentifier: 'orders-mysql' },
    [400],
  );

  // Aurora Serverless v2: 0.5–16 ACU (32 GiB at the maximum → 3604).
  s.parameterGroup('default.aurora-postgresql16', PG_DEFAULT, 2)
    .dbCluster('ledger', ['ledger-1', 'ledger-2'], { min: 0.5, max: 16 })
    .dbInstance('ledger-1', 'db.serverless', 'default.aurora-postgresql16', {
      engine: 'aurora-postgresql',
      cluster: 'ledger',
    })
    .dbInstance('ledger-2', 'db.serverless', 'default.aurora-postgresql16', {
      engine: 'aurora-postgresql',
      cluster: 'ledger',
    });
  metric(
    'AWS/RDS',
    'DatabaseConnections',
    { DBInstanceIdentifier: 'ledger-1' },
    [500],
  );
  metric(
    'AWS/RDS',
    'DatabaseConnections',
    { DBInstanceIdentifier: 'ledger-2' },
    [100],
  );
  metric(
    'AWS/RDS',
    'ServerlessDatabaseCapacity',
    { DBClusterIdentifier: 'ledger' },
    [2, 4, 3],
  );

  // ElastiCache: two nodes; the busiest has 3000 connections and 45 % memory.
  s.replicationGroup(
    'sessions',
    ['sessions-001', 'sessions-002'],
    'cache.r7g.large',
  );
  metric(
    'AWS/ElastiCache',
    'CurrConnections',
    { CacheClusterId: 'sessions-001' },
    [1200],
  );
  metric(
    'AWS/ElastiCache',
    'CurrConnections',
    { CacheClusterId: 'sessions-002' },
    [3000, 2000],
  );
  metric(
    'AWS/ElastiCache',
    'DatabaseMemoryUsagePercentage',
    { CacheClusterId: 'sessions-001' },
    [40],
  );
  metric(
    'AWS/ElastiCache',
    'DatabaseMemoryUsagePercentage',
    { CacheClusterId: 'sessions-002' },
    [45, 44],
  );

  // SQS: 20 000 in flight on the standard queue, 50 000 on the FIFO queue.
  s.queues.add('jobs');
  s.queues.add('payments.fifo');
  metric(
    'AWS/SQS',
    'ApproximateNumberOfMessagesNotVisible',
    { QueueName: 'jobs' },
    [20_000, 5_000],
  );
  metric(
    'AWS/SQS',
    'ApproximateNumberOfMessagesNotVisible',
    { QueueName: 'payments.fifo' },
    [50_000],
  );

  // Kinesis: 4 shards, 1.5 MiB/s and 2000 records/s at peak; one on-demand.
  s.stream('clicks', { shards: 4 }).stream('audit', 'ON_DEMAND');
  metric('AWS/Kinesis', 'IncomingBytes', { StreamName: 'clicks' }, [
    60 * 1_048_576,
    90 * 1_048_576,
  ]);
  metric(
    'AWS/Kinesis',
    'IncomingRecords',
    { StreamName: 'clicks' },
    [60_000, 120_000],
  );
  metric('AWS/Kinesis', 'IncomingBytes', { StreamName: 'audit' }, [
    6 * 1_048_576,
  ]);

  // HTTP API: stage throttle 1000/s, peak 30 000 a minute = 500/s.
  s.httpApiStage('a1b2c3', 'prod', { rate: 1000, burst: 2000 });
  metric(
    'AWS/ApiGateway',
    'Count',
    { ApiId: 'a1b2c3', Stage: 'prod' },
    [30_000, 12_000],
  );

  // Usage plan: 100 000 a day and 100/s per key over partner-api/prod.
  prod.restApi('pq9zz1', 'partner-api', { prod: {} });
  s.usagePlan(
    'plan01',
    {
      name: 'partners',
      stages: [{ apiId: 'pq9zz1', stage: 'prod' }],
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 100_000, period: 'DAY' },
    },
    {
      key1: { '2026-11-24': 40_000, '2026-11-25': 60_000 },
      key2: { '2026-11-24': 20_000, '2026-11-25': 20_000 },
      key3: {},
    },
  );
  metric('AWS/ApiGateway', 'Count', { ApiName: 'partner-api', Stage: 'prod' }, [
    3_000,
  ]);
}
