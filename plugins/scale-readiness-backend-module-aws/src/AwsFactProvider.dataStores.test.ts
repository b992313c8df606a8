/**
 * Data stores and queues: the provider with the real SDK v3 clients (RDS and
 * ElastiCache over AWS Query/XML, SQS over JSON 1.0, Kinesis over JSON 1.1,
 * API Gateway v1/v2 over REST-JSON) against the fake endpoint, one item per
 * page, with throttled calls retried; facts scored with the real engine.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_READINESS_CONFIG,
  evaluateEntity,
  FactContribution,
  mergeFacts,
  QuotaFact,
} from '@scale-readiness/plugin-scale-readiness-common';
import { buildBaseFacts } from '@scale-readiness/plugin-scale-readiness-facts';
import type { FakeAws } from './__testUtils__/FakeAws';
import {
  contextFor,
  PROD,
  providerFor,
  REGION,
  startFakeAws,
} from './__testUtils__/scenario';
import {
  clickstream,
  DATA_STORES,
  edgeApi,
  jobs,
  ledgerDb,
  NOW,
  ordersDb,
  seedDataStores,
  sessionCache,
} from './__testUtils__/seedDataStores';
import type { AwsClientFactory } from './AwsClients';

jest.setTimeout(60_000);

const ID = `aws/${PROD}/${REGION}`;

function headroom(e: Entity, facts: FactContribution, growthFactor: number) {
  const merged = mergeFacts(buildBaseFacts(e), [{ providerId: 'aws', facts }]);
  const result = evaluateEntity(
    merged,
    { ...DEFAULT_READINESS_CONFIG, growthFactor },
    { now: NOW },
  );
  return result.checks.find(c => c.id === 'quotas.headroom')!;
}

describe('AwsFactProvider data stores and queues', () => {
  let fake: FakeAws;
  let clients: AwsClientFactory;
  let facts: Map<string, FactContribution>;

  beforeAll(async () => {
    fake = await startFakeAws();
    seedDataStores(fake);
    const p = providerFor(fake);
    clients = p.clients;
    // Throttled first answers, retried by the SDK: RDS (Query/XML 400
    // Throttling), Kinesis (JSON 400 LimitExceededException), SQS (JSON,
    // query-compatible RequestThrottled) and API Gateway v2 (429 + Retry-After).
    fake.failNext('rds:DescribeDBParameters', 1, {
      status: 400,
      type: 'Throttling',
    });
    fake.failNext('kinesis:DescribeStreamSummary', 1, {
      status: 400,
      type: 'LimitExceededException',
    });
    fake.failNext('sqs:GetQueueUrl', 1, {
      status: 400,
      type: 'RequestThrottled',
    });
    fake.failNext('apigateway:GET /v2/apis/a1b2c3/stages/prod', 1, {
      status: 429,
      type: 'TooManyRequestsException',
      retryAfter: '0',
    });
    fake.pageSize = 1;
    facts = await p.provider.collect(DATA_STORES, contextFor(DATA_STORES, NOW));
  });

  afterAll(async () => {
    await clients?.destroy();
    await fake?.stop();
  });

  const quotas = (e: Entity): QuotaFact[] => {
    const f = facts.get(`${e.kind.toLowerCase()}:default/${e.metadata.name}`);
    expect(f?.quotas?.error).toBeUndefined();
    expect(f?.quotas?.status).toBe('ok');
    return f!.quotas!.value!;
  };
  const scored = (e: Entity, factor: number) =>
    headroom(
      e,
      facts.get(`${e.kind.toLowerCase()}:default/${e.metadata.name}`)!,
      factor,
    );

  it('RDS: max_connections from the parameter group (a formula for the class, or a number) vs peak DatabaseConnections', () => {
    const q = quotas(ordersDb);
    expect(q.map(x => [x.id, x.limit, x.peak, x.unit])).toEqual([
      [
        `${ID}/rds/instance/orders-pg/max-connections`,
        1802,
        900,
        'connections',
      ],
      [
        `${ID}/rds/instance/orders-mysql/max-connections`,
        2000,
        400,
        'connections',
      ],
    ]);
    expect(q[0].name).toBe(
      "RDS instance 'orders-pg' connections (default formula of parameter group 'default.postgres16' for db.r6g.large)",
    );
    expect(q[0].note).toContain(
      'LEAST({DBInstanceClassMemory/9531392},5000), evaluated with DBInstanceClassMemory = 16 GiB',
    );
    expect(q[1].name).toContain(
      "max_connections 2000 in parameter group 'orders-mysql-params'",
    );
    expect(q[1].note).not.toContain('formula');
    expect(q[0]).toMatchObject({ origin: 'aws', adjustable: true });
    expect(q[0].increaseUrl).toContain('#database:id=orders-pg');
    // max_connections is the 6th parameter: six pages of one, after a throttle.
    const params = fake.calls('rds:DescribeDBParameters');
    expect(params[0].status).toBe(400);
    expect(
      params
        .filter(c => c.body.DBParameterGroupName === 'default.postgres16')
        .filter(c => c.status === 200)
        .map(c => c.body.Marker !== undefined),
    ).toEqual([false, true, true, true, true, true]);
    expect(params[0].body).toMatchObject({
      Action: 'DescribeDBParameters',
      Version: '2014-10-31',
    });
    // Headroom 2.0: passes at 1.5×, fails at 3×, naming the PostgreSQL instance.
    expect(scored(ordersDb, 1.5).status).toBe('pass');
    const at3 = scored(ordersDb, 3);
    expect(at3).toMatchObject({ status: 'fail', headroom: 2 });
    expect(at3.message).toContain('orders-pg');
  });

  it('Aurora Serverless v2: every member on the formula at the maximum ACU, and max ACU vs peak capacity', () => {
    const q = quotas(ledgerDb);
    expect(q.map(x => [x.id, x.limit, x.peak])).toEqual([
      [`${ID}/rds/instance/ledger-1/max-connections`, 3604, 500],
      [`${ID}/rds/instance/ledger-2/max-connections`, 3604, 100],
      [`${ID}/rds/cluster/ledger/serverless-capacity`, 16, 4],
    ]);
    expect(q[0].name).toContain("(cluster 'ledger')");
    expect(q[0].note).toContain('db.serverless at 16 ACU');
    expect(q[2]).toMatchObject({
      name: "Aurora Serverless v2 cluster 'ledger' capacity (maximum 16 ACU)",
      unit: 'ACU',
    });
    expect(scored(ledgerDb, 3)).toMatchObject({ status: 'pass', headroom: 4 });
    expect(fake.calls('rds:DescribeDBClusters')).toHaveLength(1);
  });

  it('ElastiCache: the busiest node, connections vs maxclients 65 000 (fixed) and memory vs 100 %', () => {
    const q = quotas(sessionCache);
    expect(q.map(x => [x.id, x.limit, x.peak, x.adjustable])).toEqual([
      [`${ID}/elasticache/sessions/connections`, 65_000, 3000, false],
      [`${ID}/elasticache/sessions/memory`, 100, 45, true],
    ]);
    expect(q[0].name).toContain("busiest node 'sessions-002'");
    expect(q[1].name).toContain('(cache.r7g.large)');
    expect(fake.calls('elasticache:DescribeReplicationGroups')[0].body).toEqual(
      {
        Action: 'DescribeReplicationGroups',
        Version: '2015-02-02',
        ReplicationGroupId: 'sessions',
      },
    );
    expect(scored(sessionCache, 1.5).status).toBe('pass');
    expect(scored(sessionCache, 3)).toMatchObject({
      status: 'fail',
      headroom: 2.22,
    });
  });

  it('SQS: in-flight limit per queue type vs peak ApproximateNumberOfMessagesNotVisible', () => {
    const q = quotas(jobs);
    expect(q.map(x => [x.name, x.limit, x.peak])).toEqual([
      ["SQS standard queue 'jobs' in-flight messages", 120_000, 20_000],
      ["SQS FIFO queue 'payments.fifo' in-flight messages", 120_000, 50_000],
    ]);
    expect(q[1].note).toContain('FIFO queue returns no error');
    expect(
      fake.calls('sqs:GetQueueUrl').map(c => [c.body.QueueName, c.status]),
    ).toEqual(
      expect.arrayContaining([
        ['jobs', 200],
        ['payments.fifo', 200],
      ]),
    );
    expect(fake.calls('sqs:GetQueueUrl').some(c => c.status === 400)).toBe(
      true,
    );
    expect(scored(jobs, 3)).toMatchObject({ status: 'fail', headroom: 2.4 });
  });

  it('Kinesis: provisioned shards × 1 MiB/s and × 1000 records/s; on-demand maximum with the 2× note', () => {
    const q = quotas(clickstream);
    expect(q.map(x => [x.id, x.limit, x.peak, x.unit])).toEqual([
      [`${ID}/kinesis/clicks/write-bytes`, 4, 1.5, 'MiB/s'],
      [`${ID}/kinesis/clicks/write-records`, 4000, 2000, 'records/s'],
      [`${ID}/kinesis/audit/write-bytes`, 10_240, 0.1, 'MiB/s'],
      [`${ID}/kinesis/audit/write-records`, 10_240_000, 0, 'records/s'],
    ]);
    expect(q[0].name).toBe(
      "Kinesis stream 'clicks' write throughput (4 open shards)",
    );
    expect(q[2].note).toContain('double the peak write throughput');
    const described = fake.calls('kinesis:DescribeStreamSummary');
    expect(described.map(c => c.status)).toContain(400);
    // The Kinesis client speaks HTTP/2, as against the real endpoint.
    expect(described.map(c => c.httpVersion)).toEqual(
      described.map(() => '2.0'),
    );
    expect(scored(clickstream, 3)).toMatchObject({
      status: 'fail',
      headroom: 2,
    });
  });

  it('API Gateway: HTTP API stage throttle, usage plan quota and throttle per key', () => {
    const q = quotas(edgeApi);
    expect(q.map(x => [x.id, x.limit, x.peak, x.unit])).toEqual([
      [`${ID}/apigatewayv2/a1b2c3/prod/throttle-rate`, 1000, 500, 'requests/s'],
      [
        `${ID}/apigateway/usage-plan/plan01/quota`,
        100_000,
        60_000,
        'requests/day',
      ],
      [
        `${ID}/apigateway/usage-plan/plan01/throttle-rate`,
        100,
        37.5,
        'requests/s',
      ],
    ]);
    expect(q[0].name).toContain('(stage default route throttle)');
    expect(q[2].note).toContain('75 %');
    const usage = fake.calls('apigateway:GET /usageplans/plan01/usage');
    // Three keys, one per page.
    expect(usage).toHaveLength(3);
    expect(
      fake
        .calls('apigateway:GET /v2/apis/a1b2c3/stages/prod')
        .map(c => c.status),
    ).toEqual([429, 200]);
    expect(scored(edgeApi, 2)).toMatchObject({
      status: 'fail',
      headroom: 1.66,
    });
  });
});
