/**
 * Failures of AWS sources: each makes its own entity's section `error` (so the
 * checks report `unknown`), never the batch, and never throws.
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
import type { AwsClientFactory } from './AwsClients';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-25T12:00:00Z');
const placed = {
  'scale-readiness.io/aws-account': PROD,
  'scale-readiness.io/aws-region': REGION,
};
const fn = entity(
  'Component',
  'fn',
  { ...placed, 'scale-readiness.io/aws-lambda-functions': 'handler' },
  { type: 'function' },
);
const api = entity('Component', 'api', {
  ...placed,
  'scale-readiness.io/aws-apigateway': 'abc123/prod',
});
const table = entity('Resource', 'table', {
  ...placed,
  'scale-readiness.io/aws-dynamodb-tables': 'orders',
});

function check(e: Entity, facts: FactContribution | undefined, id: string) {
  const merged = mergeFacts(
    buildBaseFacts(e),
    facts ? [{ providerId: 'aws', facts }] : [],
  );
  const result = evaluateEntity(
    merged,
    { ...DEFAULT_READINESS_CONFIG, growthFactor: 2 },
    { now: NOW },
  );
  return result.checks.find(c => c.id === id)!;
}

describe('AwsFactProvider failures', () => {
  let fake: FakeAws;
  const factories: AwsClientFactory[] = [];

  function provider(overrides = {}) {
    const p = providerFor(fake, overrides);
    factories.push(p.clients);
    return p.provider;
  }

  beforeAll(async () => {
    fake = await startFakeAws();
    const prod = fake.region(PROD, REGION);
    prod.functions.set('handler', { reserved: 100 });
    prod.restApi('abc123', 'api', { prod: {} });
    prod.provisionedTable('orders', { read: 10, write: 10 });
  });

  afterEach(() => fake.reset());

  afterAll(async () => {
    await Promise.all(factories.map(f => f.destroy()));
    await fake?.stop();
  });

  it('an API that keeps throttling (429) makes only that entity unknown, after the SDK retries', async () => {
    fake.failAlways('apigateway:GET /account', {
      status: 429,
      type: 'TooManyRequestsException',
      retryAfter: '0',
    });
    const facts = await provider().collect(
      [fn, api],
      contextFor([fn, api], NOW),
    );
    const apiFacts = facts.get('component:default/api');
    expect(apiFacts?.quotas?.status).toBe('error');
    expect(apiFacts?.quotas?.error).toBe(
      'API Gateway: apigateway:GetAccount: TooManyRequestsException: Rate exceeded, HTTP 429, after 3 attempts',
    );
    expect(fake.calls('apigateway:GET /account')).toHaveLength(3);
    const headroom = check(api, apiFacts, 'quotas.headroom');
    expect(headroom.status).toBe('unknown');
    expect(headroom.message).toContain('TooManyRequestsException');
    // The Lambda component of the same batch is unaffected.
    expect(facts.get('component:default/fn')?.serverless).toMatchObject({
      status: 'ok',
      value: {
        functions: [
          {
            functionName: 'handler',
            reservedConcurrency: 100,
            accountConcurrency: 1000,
            peakConcurrency: 0,
          },
        ],
      },
    });
  });

  it('CloudWatch throttling (query-compatible 400) on every attempt: serverless and quotas unknown', async () => {
    fake.failAlways('monitoring:GetMetricData', {
      status: 400,
      type: 'Throttling',
    });
    const facts = await provider().collect([fn], contextFor([fn], NOW));
    const f = facts.get('component:default/fn');
    expect(f?.serverless?.status).toBe('error');
    expect(f?.serverless?.error).toContain('Throttling');
    expect(f?.quotas?.error).toMatch(/^Lambda: .*Throttling.*after 3 attempts/);
    expect(fake.calls('monitoring:GetMetricData')).toHaveLength(3);
    expect(check(fn, f, 'autoscaling.serverless-concurrency').status).toBe(
      'unknown',
    );
    expect(check(fn, f, 'quotas.headroom').status).toBe('unknown');
  });

  it('a quota whose usage query CloudWatch answers Forbidden is unknown with the reason, never a pass', async () => {
    const prod = fake.region(PROD, REGION);
    const usage = (resource: string) => ({
      MetricNamespace: 'AWS/Usage',
      MetricName: 'ResourceCount',
      MetricDimensions: {
        Service: 'EC2',
        Type: 'Resource',
        Resource: resource,
        Class: 'None',
      },
      MetricStatisticRecommendation: 'Maximum',
    });
    const quota = (code: string, resource: string, value: number) => ({
      ServiceCode: 'ec2',
      QuotaCode: code,
      QuotaName: resource,
      Value: value,
      Adjustable: true,
      UsageMetric: usage(resource),
    });
    for (const [code, resource] of [
      ['L-1216C47A', 'vCPU'],
      ['L-0263D0A3', 'EIPs'],
    ]) {
      const q = quota(code, resource, 1000);
      prod.quotas.set(`ec2/${code}`, { applied: q, default: q });
      prod.metric(
        {
          namespace: 'AWS/Usage',
          name: 'ResourceCount',
          dimensions: usage(resource).MetricDimensions,
        },
        [10],
        { now: NOW },
      );
    }
    prod.failMetric(
      {
        namespace: 'AWS/Usage',
        name: 'ResourceCount',
        dimensions: usage('vCPU').MetricDimensions,
      },
      'Forbidden',
    );
    const platform = entity('Component', 'platform', {
      ...placed,
      'scale-readiness.io/aws-service-quotas': 'ec2/L-1216C47A, ec2/L-0263D0A3',
    });
    try {
      const facts = await provider().collect(
        [platform],
        contextFor([platform], NOW),
      );
      const q = facts.get('component:default/platform')?.quotas;
      expect(q?.status).toBe('error');
      expect(q?.error).toContain(
        'CloudWatch GetMetricData AWS/Usage ResourceCount{Service=EC2,Type=Resource,Resource=vCPU,Class=None} Maximum: Forbidden',
      );
      const headroom = check(
        platform,
        facts.get('component:default/platform'),
        'quotas.headroom',
      );
      expect(headroom.status).toBe('unknown');
      expect(headroom.message).toContain('Forbidden');
      // A per-query failure is an answer, not a throttle: no retry.
      expect(fake.calls('monitoring:GetMetricData')).toHaveLength(1);
    } finally {
      prod.metricFailures.clear();
    }
  });

  it('a usage query CloudWatch answers InternalError makes Lambda unknown too', async () => {
    const prod = fake.region(PROD, REGION);
    prod.failMetric(
      {
        namespace: 'AWS/Lambda',
        name: 'ConcurrentExecutions',
        dimensions: { FunctionName: 'handler' },
      },
      'InternalError',
    );
    try {
      const facts = await provider().collect([fn], contextFor([fn], NOW));
      const f = facts.get('component:default/fn');
      expect(f?.serverless?.error).toContain('InternalError');
      expect(check(fn, f, 'autoscaling.serverless-concurrency').status).toBe(
        'unknown',
      );
      expect(check(fn, f, 'quotas.headroom').status).toBe('unknown');
    } finally {
      prod.metricFailures.clear();
    }
  });

  it('a call slower than the request timeout fails with a timeout, retried once', async () => {
    fake.delay('dynamodb:DescribeTable', 1500);
    const facts = await provider({
      requestTimeoutMs: 300,
      maxAttempts: 2,
    }).collect([table], contextFor([table], NOW));
    const q = facts.get('resource:default/table')?.quotas;
    expect(q?.status).toBe('error');
    expect(q?.error).toContain('dynamodb:DescribeTable orders: TimeoutError');
  });

  it('the source deadline aborts a slow source', async () => {
    fake.delay('dynamodb:DescribeTable', 3000);
    const started = Date.now();
    const facts = await provider({
      sourceTimeoutMs: 500,
      requestTimeoutMs: 10_000,
    }).collect([table], contextFor([table], NOW));
    expect(Date.now() - started).toBeLessThan(2500);
    const q = facts.get('resource:default/table')?.quotas;
    expect(q?.status).toBe('error');
    expect(q?.error).toMatch(
      /dynamodb:DescribeTable orders: (AbortError|TimeoutError)/,
    );
  });

  it('a missing function (404) is not retried and names the function', async () => {
    const missing = entity('Component', 'missing', {
      ...placed,
      'scale-readiness.io/aws-lambda-functions': 'handler, gone',
    });
    const facts = await provider().collect(
      [missing],
      contextFor([missing], NOW),
    );
    expect(facts.get('component:default/missing')?.serverless?.error).toBe(
      'Lambda: lambda:GetFunctionConcurrency gone: ResourceNotFoundException: Function not found: gone, HTTP 404',
    );
    expect(
      fake.calls('lambda:GET /2019-09-30/functions/gone/concurrency'),
    ).toHaveLength(1);
  });

  it('bad annotations and unresolvable placement are errors of that entity, without AWS calls', async () => {
    const a = entity('Resource', 'a', {
      'scale-readiness.io/aws-account': PROD,
      'scale-readiness.io/aws-region': 'eu-west-1',
    });
    const b = entity('Resource', 'b', {
      'scale-readiness.io/aws-account': PROD,
      'scale-readiness.io/aws-region': 'us-east-1',
    });
    const ambiguous = entity(
      'Component',
      'ambiguous',
      { 'scale-readiness.io/aws-dynamodb-tables': 'orders' },
      { dependsOn: ['resource:a', 'resource:b'] },
    );
    const badList = entity('Component', 'bad-list', {
      ...placed,
      'scale-readiness.io/aws-apigateway': 'abc123',
    });
    const noRegion = entity('Component', 'no-region', {
      'scale-readiness.io/aws-lambda-functions': 'handler',
    });
    const all = [a, b, ambiguous, badList, noRegion];
    const facts = await provider().collect(all, contextFor(all, NOW));
    expect(facts.get('component:default/ambiguous')?.quotas?.error).toBe(
      'the Resources it depends on disagree on scale-readiness.io/aws-region: eu-west-1 (resource:default/a), us-east-1 (resource:default/b); set scale-readiness.io/aws-region on the entity itself',
    );
    expect(facts.get('component:default/bad-list')?.quotas?.error).toBe(
      "API Gateway: scale-readiness.io/aws-apigateway: 'abc123' is not restApiId/stage",
    );
    expect(
      facts.get('component:default/no-region')?.serverless?.error,
    ).toContain('no AWS region');
    expect(fake.requests).toHaveLength(0);
  });
});
