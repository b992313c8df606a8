/**
 * Operation handlers of the fake AWS endpoint: AWS JSON operations by
 * `service:Operation`, REST-JSON operations by method and path. They throw
 * {@link AwsError} for error responses.
 */
import type { FakeRegion } from './FakeRegion';
import { metricData } from './fakeCloudWatch';
import { dataStoreRest, dataStoreRpc } from './fakeDataStores';

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

  /** Code in `x-amzn-query-error` when it differs from `type` (SQS). */
  queryCode?: string;
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
  place: { accountId: string; region: string },
): unknown {
  const answer = dataStoreRpc(
    service,
    operation,
    input,
    region,
    place.accountId,
    place.region,
  );
  if (answer !== undefined) return answer;
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

export function rest(
  service: string,
  method: string,
  path: string,
  region: FakeRegion,
  query: URLSearchParams,
  pageSize: number,
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
  const answer = dataStoreRest(route, region, query, pageSize);
  if (answer !== undefined) return answer;
  throw new AwsError(404, 'UnknownOperationException', `No route for ${route}`);
}
