/**
 * Failures of the data store and queue sources: each makes its entity's
 * quotas `error` (the checks say `unknown`, with the reason), never a pass,
 * never the batch; not-found answers are not retried, throttling is.
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
  entity,
  PROD,
  providerFor,
  REGION,
  startFakeAws,
} from './__testUtils__/scenario';
import { PG_DEFAULT } from './__testUtils__/seedDataStores';
import type { AwsClientFactory } from './AwsClients';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-25T12:00:00Z');
const placed = {
  'scale-readiness.io/aws-account': PROD,
  'scale-readiness.io/aws-region': REGION,
};
const declaring = (name: string, annotations: Record<string, string>) =>
  entity('Resource', name, { ...placed, ...annotations });

function headroom(e: Entity, facts: FactContribution | undefined) {
  const merged = mergeFacts(
    buildBaseFacts(e),
    facts ? [{ providerId: 'aws', facts }] : [],
  );
  return evaluateEntity(
    merged,
    { ...DEFAULT_READINESS_CONFIG, growthFactor: 2 },
    { now: NOW },
  ).checks.find(c => c.id === 'quotas.headroom')!;
}

describe('AwsFactProvider data store failures', () => {
  let fake: FakeAws;
  const factories: AwsClientFactory[] = [];

  async function collect(entities: Entity[]) {
    const p = providerFor(fake);
    factories.push(p.clients);
    return p.provider.collect(entities, contextFor(entities, NOW));
  }

  beforeAll(async () => {
    fake = await startFakeAws();
    const s = fake.region(PROD, REGION).stores;
    s.parameterGroup('pg', PG_DEFAULT, 1)
      .parameterGroup('empty', '', 1)
      .dbInstance('db1', 'db.r6g.large', 'pg')
      .dbInstance('metal', 'db.m5d.metal', 'pg')
      .dbInstance('nomax', 'db.r6g.large', 'empty');
    s.parameterGroups.get('empty')!.pop();
    s.queues.add('jobs');
    s.replicationGroup('cache', ['cache-001'], 'cache.t4g.small');
  });

  afterEach(() => fake.reset());

  afterAll(async () => {
    await Promise.all(factories.map(f => f.destroy()));
    await fake?.stop();
  });

  it('a missing DB instance (404 DBInstanceNotFound, XML; DBInstanceNotFoundFault in the SDK) is not retried and leaves other entities alone', async () => {
    const gone = declaring('gone', {
      'scale-readiness.io/aws-rds-instances': 'db1, gone',
    });
    const queue = declaring('queue', {
      'scale-readiness.io/aws-sqs-queues': 'jobs',
    });
    const facts = await collect([gone, queue]);
    const q = facts.get('resource:default/gone')?.quotas;
    expect(q?.status).toBe('error');
    expect(q?.error).toBe(
      'RDS: rds:DescribeDBInstances gone: DBInstanceNotFoundFault: DBInstance gone not found., HTTP 404',
    );
    expect(
      fake
        .calls('rds:DescribeDBInstances')
        .filter(c => c.body.DBInstanceIdentifier === 'gone'),
    ).toHaveLength(1);
    expect(headroom(gone, facts.get('resource:default/gone'))).toMatchObject({
      status: 'unknown',
    });
    expect(facts.get('resource:default/queue')?.quotas?.status).toBe('ok');
  });

  it('a formula for a class of unknown memory, or no max_connections at all, is unknown with the fix', async () => {
    const metal = declaring('metal', {
      'scale-readiness.io/aws-rds-instances': 'metal',
    });
    const nomax = declaring('nomax', {
      'scale-readiness.io/aws-rds-instances': 'nomax',
    });
    const facts = await collect([metal, nomax]);
    expect(facts.get('resource:default/metal')?.quotas?.error).toContain(
      'the memory of instance class db.m5d.metal is not known; set max_connections to a number',
    );
    expect(facts.get('resource:default/nomax')?.quotas?.error).toContain(
      "DB parameter group 'empty' has no max_connections value",
    );
    expect(
      headroom(metal, facts.get('resource:default/metal')).message,
    ).toContain('db.m5d.metal');
  });

  it('RDS throttling (XML 400 Throttling) on every attempt: unknown after the SDK retries', async () => {
    fake.failAlways('rds:DescribeDBInstances', {
      status: 400,
      type: 'Throttling',
    });
    const db = declaring('db', {
      'scale-readiness.io/aws-rds-instances': 'db1',
    });
    const facts = await collect([db]);
    expect(facts.get('resource:default/db')?.quotas?.error).toBe(
      'RDS: rds:DescribeDBInstances db1: Throttling: Rate exceeded, HTTP 400, after 3 attempts',
    );
    expect(fake.calls('rds:DescribeDBInstances')).toHaveLength(3);
  });

  it('a missing queue, stream, HTTP API stage or usage plan names what is missing', async () => {
    const missing = declaring('missing', {
      'scale-readiness.io/aws-sqs-queues': 'nope',
      'scale-readiness.io/aws-kinesis-streams': 'nostream',
      'scale-readiness.io/aws-apigatewayv2': 'zz9/prod',
      'scale-readiness.io/aws-apigateway-usage-plans': 'noplan',
    });
    const facts = await collect([missing]);
    const error = facts.get('resource:default/missing')?.quotas?.error ?? '';
    expect(error).toContain(
      'SQS: sqs:GetQueueUrl nope: QueueDoesNotExist: The specified queue does not exist.',
    );
    expect(error).toContain(
      'Kinesis: kinesis:DescribeStreamSummary nostream: ResourceNotFoundException',
    );
    expect(error).toContain(
      'API Gateway HTTP APIs: apigatewayv2:GetStage zz9/prod: NotFoundException',
    );
    expect(error).toContain(
      'API Gateway usage plans: apigateway:GetUsagePlan noplan: NotFoundException',
    );
    expect(fake.calls('sqs:GetQueueUrl')).toHaveLength(1);
    expect(fake.calls('kinesis:DescribeStreamSummary')).toHaveLength(1);
  });

  it('a Forbidden CurrConnections query makes the cache unknown, never a pass', async () => {
    const region = fake.region(PROD, REGION);
    region.failMetric(
      {
        namespace: 'AWS/ElastiCache',
        name: 'CurrConnections',
        dimensions: { CacheClusterId: 'cache-001' },
      },
      'Forbidden',
    );
    try {
      const cache = declaring('cache', {
        'scale-readiness.io/aws-elasticache-replication-groups': 'cache',
      });
      const facts = await collect([cache]);
      const f = facts.get('resource:default/cache');
      expect(f?.quotas?.error).toContain(
        'ElastiCache: CloudWatch GetMetricData AWS/ElastiCache CurrConnections{CacheClusterId=cache-001} Maximum: Forbidden',
      );
      expect(headroom(cache, f).status).toBe('unknown');
    } finally {
      region.metricFailures.clear();
    }
  });

  it('bad annotation values are errors of that entity, without AWS calls', async () => {
    const bad = declaring('bad', {
      'scale-readiness.io/aws-apigatewayv2': 'no-stage',
      'scale-readiness.io/aws-sqs-queues': 'bad name!',
      'scale-readiness.io/aws-rds-clusters': '1starts-with-digit',
    });
    const facts = await collect([bad]);
    const error = facts.get('resource:default/bad')?.quotas?.error;
    expect(error).toContain(
      "RDS: scale-readiness.io/aws-rds-clusters: '1starts-with-digit' is not an Aurora DB cluster identifier",
    );
    expect(error).toContain(
      "SQS: scale-readiness.io/aws-sqs-queues: 'bad name!' is not an SQS queue name",
    );
    expect(error).toContain(
      "API Gateway HTTP APIs: scale-readiness.io/aws-apigatewayv2: 'no-stage' is not apiId/stage",
    );
    expect(fake.requests).toHaveLength(0);
  });
});
