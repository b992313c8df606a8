/**
 * Operation handlers of the fake AWS endpoint: AWS JSON operations by
 * `service:Operation`, REST-JSON operations by method and path. They throw
 * {@link AwsError} for error responses.
 */
import { FakeRegion, metricKey, MetricPoint } from './FakeRegion';

/** An AWS error response: HTTP status, error code, message. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

function token(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function offsetOf(next: unknown): number {
  if (typeof next !== 'string') return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(next, 'base64').toString());
  if (!m)
    throw new AwsError(400, 'InvalidNextTokenException', 'Invalid NextToken');
  return Number(m[1]);
}

export function page<T>(
  items: T[],
  next: unknown,
  max: number | undefined,
  pageSize: number,
) {
  const offset = offsetOf(next);
  const size = Math.min(max ?? pageSize, pageSize);
  const slice = items.slice(offset, offset + size);
  return {
    slice,
    NextToken: offset + size < items.length ? token(offset + size) : undefined,
  };
}

export function rpc(
  service: string,
  operation: string,
  input: any,
  region: FakeRegion,
  pageSize: number,
): unknown {
  switch (`${service}:${operation}`) {
    case 'servicequotas:GetServiceQuota': {
      const q = region.quotas.get(`${input.ServiceCode}/${input.QuotaCode}`);
      if (!q?.applied)
        throw new AwsError(
          400,
          'NoSuchResourceException',
          'The request failed because the specified resource does not exist.',
        );
      return { Quota: q.applied };
    }
    case 'servicequotas:GetAWSDefaultServiceQuota': {
      const q = region.quotas.get(`${input.ServiceCode}/${input.QuotaCode}`);
      if (!q)
        throw new AwsError(
          400,
          'NoSuchResourceException',
          'The request failed because the specified resource does not exist.',
        );
      return { Quota: q.default };
    }
    case 'servicequotas:ListServiceQuotas': {
      const all = [...region.quotas.values()]
        .filter(q => q.applied && q.applied.ServiceCode === input.ServiceCode)
        .map(q => q.applied);
      const { slice, NextToken } = page(
        all,
        input.NextToken,
        input.MaxResults,
        pageSize,
      );
      return { Quotas: slice, NextToken };
    }
    case 'application-autoscaling:DescribeScalableTargets': {
      const all = region.scalableTargets.filter(
        t =>
          t.ServiceNamespace === input.ServiceNamespace &&
          (!input.ResourceIds || input.ResourceIds.includes(t.ResourceId)) &&
          (!input.ScalableDimension ||
            input.ScalableDimension === t.ScalableDimension),
      );
      const { slice, NextToken } = page(
        all,
        input.NextToken,
        input.MaxResults,
        pageSize,
      );
      return { ScalableTargets: slice, NextToken };
    }
    case 'dynamodb:DescribeLimits':
      return region.dynamodbLimits;
    case 'dynamodb:DescribeTable': {
      const table = region.tables.get(input.TableName);
      if (!table)
        throw new AwsError(
          400,
          'ResourceNotFoundException',
          `Requested resource not found: Table: ${input.TableName} not found`,
        );
      return { Table: table };
    }
    case 'monitoring:GetMetricData':
      return metricData(input, region, pageSize);
    default:
      throw new AwsError(
        400,
        'UnknownOperationException',
        `${service}:${operation}`,
      );
  }
}

export function metricData(input: any, region: FakeRegion, pageSize: number) {
  const start = Number(input.StartTime);
  const end = Number(input.EndTime);
  const points: Array<{ id: string; p: MetricPoint }> = [];
  for (const q of input.MetricDataQueries ?? []) {
    const m = q.MetricStat;
    const dims = Object.fromEntries(
      (m.Metric.Dimensions ?? []).map((d: any) => [d.Name, d.Value]),
    );
    const series =
      region.metrics.get(
        metricKey(m.Metric.Namespace, m.Metric.MetricName, dims, m.Stat),
      ) ?? [];
    for (const p of series)
      if (p.t >= start && p.t < end) points.push({ id: q.Id, p });
  }
  const { slice, NextToken } = page(
    points,
    input.NextToken,
    input.MaxDatapoints,
    pageSize,
  );
  const results = new Map<
    string,
    { Id: string; Timestamps: number[]; Values: number[]; StatusCode: string }
  >();
  for (const q of input.MetricDataQueries ?? []) {
    results.set(q.Id, {
      Id: q.Id,
      Timestamps: [],
      Values: [],
      StatusCode: NextToken ? 'PartialData' : 'Complete',
    });
  }
  for (const { id, p } of slice) {
    results.get(id)!.Timestamps.push(p.t);
    results.get(id)!.Values.push(p.v);
  }
  return {
    MetricDataResults: [...results.values()],
    NextToken,
    Messages: [],
  };
}

export function rest(
  service: string,
  method: string,
  path: string,
  region: FakeRegion,
): unknown {
  const route = `${service} ${method} ${path}`;
  const match = (pattern: RegExp) => pattern.exec(route);
  if (route === 'lambda GET /2016-08-19/account-settings') {
    return {
      AccountLimit: region.lambdaAccount,
      AccountUsage: { FunctionCount: region.functions.size },
    };
  }
  const concurrency = match(
    /^lambda GET \/2019-09-30\/functions\/([^/]+)\/concurrency$/,
  );
  if (concurrency) {
    const name = decodeURIComponent(concurrency[1]);
    const fn = region.functions.get(
      name.includes(':function:') ? name.split(':function:')[1] : name,
    );
    if (!fn) {
      throw new AwsError(
        404,
        'ResourceNotFoundException',
        `Function not found: ${name}`,
      );
    }
    return fn.reserved === undefined
      ? {}
      : { ReservedConcurrentExecutions: fn.reserved };
  }
  if (route === 'apigateway GET /account') {
    return {
      throttleSettings: region.apiAccountThrottle,
      apiKeyVersion: '4',
      features: ['UsagePlans'],
    };
  }
  const restApi = match(/^apigateway GET \/restapis\/([^/]+)$/);
  if (restApi) {
    const api = region.restApis.get(restApi[1]);
    if (!api) {
      throw new AwsError(
        404,
        'NotFoundException',
        'Invalid API identifier specified',
      );
    }
    return { id: restApi[1], name: api.name, createdDate: 1_700_000_000 };
  }
  const stage = match(/^apigateway GET \/restapis\/([^/]+)\/stages\/([^/]+)$/);
  if (stage) {
    const stageName = decodeURIComponent(stage[2]);
    const settings = region.restApis.get(stage[1])?.stages.get(stageName);
    if (!settings) {
      throw new AwsError(
        404,
        'NotFoundException',
        'Invalid stage identifier specified',
      );
    }
    return { stageName, deploymentId: 'dep1', methodSettings: settings };
  }
  throw new AwsError(404, 'UnknownOperationException', `No route for ${route}`);
}
