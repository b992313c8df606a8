/** The state of one fake AWS account in one region. */
import { FakeStores } from './FakeStores';

/** A CloudWatch datapoint (epoch seconds, value). */
export interface MetricPoint {
  t: number;
  v: number;
}

/** Key of a metric series: namespace, name and sorted dimensions. */
export function metricKey(
  namespace: string,
  name: string,
  dimensions: Record<string, string>,
): string {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${namespace}|${name}|${dims}`;
}

/** A per-query status CloudWatch reports instead of datapoints. */
export type MetricQueryFailure = 'Forbidden' | 'InternalError';

/** A Service Quotas quota as the API returns it. */
export interface WireQuota {
  ServiceCode: string;
  ServiceName?: string;
  QuotaCode: string;
  QuotaName: string;
  Value: number;
  Unit?: string;
  Adjustable?: boolean;
  GlobalQuota?: boolean;
  UsageMetric?: {
    MetricNamespace: string;
    MetricName: string;
    MetricDimensions: Record<string, string>;
    MetricStatisticRecommendation: string;
  };
  Period?: { PeriodValue: number; PeriodUnit: string };
}

/** One account and region. */
export class FakeRegion {
  /** Data stores and queues (RDS, ElastiCache, SQS, Kinesis, HTTP APIs, usage plans). */
  readonly stores = new FakeStores();
  lambdaAccount: Record<string, number> = {
    TotalCodeSize: 80_530_636_800,
    CodeSizeUnzipped: 262_144_000,
    CodeSizeZipped: 52_428_800,
    ConcurrentExecutions: 1000,
    UnreservedConcurrentExecutions: 1000,
  };
  functions = new Map<string, { reserved?: number }>();
  dynamodbLimits = {
    AccountMaxReadCapacityUnits: 80_000,
    AccountMaxWriteCapacityUnits: 80_000,
    TableMaxReadCapacityUnits: 40_000,
    TableMaxWriteCapacityUnits: 40_000,
  };
  tables = new Map<string, Record<string, unknown>>();
  scalableTargets: Array<Record<string, unknown>> = [];
  apiAccountThrottle = { burstLimit: 5000, rateLimit: 10_000 };
  restApis = new Map<
    string,
    {
      name: string;
      stages: Map<string, Record<string, Record<string, unknown>>>;
    }
  >();
  /** `service/code` → applied value (absent: never applied) and AWS default. */
  quotas = new Map<string, { applied?: WireQuota; default: WireQuota }>();
  metrics = new Map<string, MetricPoint[]>();

  /** Per-query failures by {@link metricKey}: GetMetricData answers them in `StatusCode`. */
  metricFailures = new Map<string, MetricQueryFailure>();

  /**
   * Adds raw samples of a metric, one `periodSeconds` (default 60) apart and
   * ending a minute before `now`; `outside` adds a sample older than
   * `windowDays` (must be ignored). GetMetricData aggregates them by the
   * query's `Period` and statistic, as CloudWatch does.
   */
  metric(
    m: {
      namespace: string;
      name: string;
      dimensions?: Record<string, string>;
    },
    values: number[],
    options: {
      now: Date;
      periodSeconds?: number;
      outside?: { value: number; windowDays: number };
    },
  ): this {
    const period = options.periodSeconds ?? 60;
    const end =
      Math.floor(options.now.getTime() / 1000 / period) * period - period;
    const points = values.map((v, i) => ({ t: end - i * period, v }));
    if (options.outside) {
      points.push({
        t:
          Math.floor(options.now.getTime() / 1000) -
          options.outside.windowDays * 86_400 -
          3600,
        v: options.outside.value,
      });
    }
    const key = metricKey(m.namespace, m.name, m.dimensions ?? {});
    this.metrics.set(key, [...(this.metrics.get(key) ?? []), ...points]);
    return this;
  }

  /** Makes every GetMetricData query of this metric answer `failure`. */
  failMetric(
    m: { namespace: string; name: string; dimensions?: Record<string, string> },
    failure: MetricQueryFailure,
  ): this {
    this.metricFailures.set(
      metricKey(m.namespace, m.name, m.dimensions ?? {}),
      failure,
    );
    return this;
  }

  /** A provisioned table, optionally with autoscaling maxima. */
  provisionedTable(
    name: string,
    capacity: { read: number; write: number },
    autoscaling?: { readMax?: number; writeMax?: number },
  ): this {
    this.tables.set(name, {
      TableName: name,
      TableStatus: 'ACTIVE',
      CreationDateTime: 1_700_000_000,
      BillingModeSummary: { BillingMode: 'PROVISIONED' },
      ProvisionedThroughput: {
        ReadCapacityUnits: capacity.read,
        WriteCapacityUnits: capacity.write,
        NumberOfDecreasesToday: 0,
      },
    });
    const target = (dimension: string, min: number, max: number) => ({
      ServiceNamespace: 'dynamodb',
      ResourceId: `table/${name}`,
      ScalableDimension: dimension,
      MinCapacity: min,
      MaxCapacity: max,
      RoleARN:
        'arn:aws:iam::123456789012:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
      CreationTime: 1_700_000_000,
    });
    if (autoscaling?.writeMax !== undefined)
      this.scalableTargets.push(
        target(
          'dynamodb:table:WriteCapacityUnits',
          capacity.write,
          autoscaling.writeMax,
        ),
      );
    if (autoscaling?.readMax !== undefined)
      this.scalableTargets.push(
        target(
          'dynamodb:table:ReadCapacityUnits',
          capacity.read,
          autoscaling.readMax,
        ),
      );
    return this;
  }

  /** An on-demand table, optionally with maximum throughput. */
  onDemandTable(name: string, max?: { read?: number; write?: number }): this {
    this.tables.set(name, {
      TableName: name,
      TableStatus: 'ACTIVE',
      BillingModeSummary: {
        BillingMode: 'PAY_PER_REQUEST',
        LastUpdateToPayPerRequestDateTime: 1_700_000_000,
      },
      ProvisionedThroughput: {
        ReadCapacityUnits: 0,
        WriteCapacityUnits: 0,
        NumberOfDecreasesToday: 0,
      },
      ...(max
        ? {
            OnDemandThroughput: {
              MaxReadRequestUnits: max.read ?? -1,
              MaxWriteRequestUnits: max.write ?? -1,
            },
          }
        : {}),
    });
    return this;
  }

  /** A REST API with stages (method settings keyed like `*\/*`). */
  restApi(
    id: string,
    name: string,
    stages: Record<string, Record<string, Record<string, unknown>>>,
  ): this {
    this.restApis.set(id, { name, stages: new Map(Object.entries(stages)) });
    return this;
  }
}
