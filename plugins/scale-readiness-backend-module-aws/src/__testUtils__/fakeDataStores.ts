/**
 * Data store and queue operations of the fake AWS endpoint, in each service's
 * real protocol as the SDK v3 clients send it:
 * - AWS Query (form-encoded, XML answers): RDS `DescribeDBInstances`,
 *   `DescribeDBClusters`, `DescribeDBParameters` (paged with `Marker`),
 *   ElastiCache `DescribeReplicationGroups`;
 * - AWS JSON 1.0 with query-compatible errors: SQS `GetQueueUrl`;
 * - AWS JSON 1.1: Kinesis `DescribeStreamSummary`;
 * - REST-JSON: API Gateway v2 `GET /v2/apis/{apiId}/stages/{stage}`, API
 *   Gateway `GET /usageplans/{id}` and `GET /usageplans/{id}/usage` (paged
 *   with `position`).
 */
import { AwsError, page } from './fakeAwsHandlers';
import type { FakeRegion } from './FakeRegion';
import { xmlList } from './fakeQueryProtocol';

function notFound(code: string, message: string, status = 404): AwsError {
  return new AwsError(status, code, message);
}

function rds(
  action: string,
  params: Record<string, string>,
  region: FakeRegion,
  pageSize: number,
): unknown {
  const { stores } = region;
  switch (action) {
    case 'DescribeDBInstances': {
      const id = params.DBInstanceIdentifier;
      const instance = stores.dbInstances.get(id);
      if (!instance)
        throw notFound('DBInstanceNotFound', `DBInstance ${id} not found.`);
      const groups = instance.DBParameterGroups as unknown[];
      return {
        DBInstances: xmlList('DBInstance', [
          {
            ...instance,
            DBParameterGroups: xmlList('DBParameterGroup', groups),
          },
        ]),
      };
    }
    case 'DescribeDBClusters': {
      const id = params.DBClusterIdentifier;
      const cluster = stores.dbClusters.get(id);
      if (!cluster)
        throw notFound('DBClusterNotFoundFault', `DBCluster ${id} not found.`);
      return {
        DBClusters: xmlList('DBCluster', [
          {
            ...cluster,
            DBClusterMembers: xmlList(
              'DBClusterMember',
              cluster.DBClusterMembers as unknown[],
            ),
          },
        ]),
      };
    }
    case 'DescribeDBParameters': {
      const name = params.DBParameterGroupName;
      const all = stores.parameterGroups.get(name);
      if (!all)
        throw notFound(
          'DBParameterGroupNotFound',
          `DBParameterGroup not found: ${name}`,
        );
      const max = params.MaxRecords ? Number(params.MaxRecords) : undefined;
      if (max !== undefined && (max < 20 || max > 100)) {
        throw new AwsError(
          400,
          'InvalidParameterValue',
          'Invalid value for MaxRecords: must be between 20 and 100',
        );
      }
      const { slice, NextToken } = page(all, params.Marker, max, pageSize);
      return { Parameters: xmlList('Parameter', slice), Marker: NextToken };
    }
    default:
      throw new AwsError(400, 'InvalidAction', `rds:${action}`);
  }
}

function elasticache(
  action: string,
  params: Record<string, string>,
  region: FakeRegion,
): unknown {
  if (action !== 'DescribeReplicationGroups')
    throw new AwsError(400, 'InvalidAction', `elasticache:${action}`);
  const id = params.ReplicationGroupId;
  const group = region.stores.replicationGroups.get(id);
  if (!group)
    throw notFound(
      'ReplicationGroupNotFoundFault',
      `ReplicationGroup ${id} not found.`,
    );
  return {
    ReplicationGroups: xmlList('ReplicationGroup', [
      {
        ...group,
        MemberClusters: xmlList('ClusterId', group.MemberClusters as string[]),
      },
    ]),
  };
}

/** Answers one AWS Query action (RDS, ElastiCache). */
export function queryAction(
  service: string,
  action: string,
  params: Record<string, string>,
  region: FakeRegion,
  pageSize: number,
): unknown {
  if (service === 'rds') return rds(action, params, region, pageSize);
  return elasticache(action, params, region);
}

/** Answers SQS and Kinesis JSON operations; undefined for any other. */
export function dataStoreRpc(
  service: string,
  operation: string,
  input: any,
  region: FakeRegion,
  accountId: string,
  regionName: string,
): unknown {
  switch (`${service}:${operation}`) {
    case 'sqs:GetQueueUrl': {
      if (!region.stores.queues.has(input.QueueName)) {
        const e = new AwsError(
          400,
          'com.amazonaws.sqs#QueueDoesNotExist',
          'The specified queue does not exist.',
        );
        e.queryCode = 'AWS.SimpleQueueService.NonExistentQueue';
        throw e;
      }
      return {
        QueueUrl: `https://sqs.${regionName}.amazonaws.com/${accountId}/${input.QueueName}`,
      };
    }
    case 'kinesis:DescribeStreamSummary': {
      const stream = region.stores.streams.get(input.StreamName);
      if (!stream)
        throw new AwsError(
          400,
          'ResourceNotFoundException',
          `Stream ${input.StreamName} under account ${accountId} not found.`,
        );
      return {
        StreamDescriptionSummary: {
          ...stream,
          StreamARN: `arn:aws:kinesis:${regionName}:${accountId}:stream/${input.StreamName}`,
        },
      };
    }
    default:
      return undefined;
  }
}

function days(start: string, end: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${start}T00:00:00Z`);
    t <= Date.parse(`${end}T00:00:00Z`);
    t += 86_400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Answers API Gateway v2 stages and usage plans; undefined for other routes. */
export function dataStoreRest(
  route: string,
  region: FakeRegion,
  query: URLSearchParams,
  pageSize: number,
): unknown {
  const { stores } = region;
  const stage = /^apigateway GET \/v2\/apis\/([^/]+)\/stages\/([^/]+)$/.exec(
    route,
  );
  if (stage) {
    const found = stores.httpApiStages.get(
      `${stage[1]}/${decodeURIComponent(stage[2])}`,
    );
    if (!found)
      throw notFound('NotFoundException', `Invalid stage identifier specified`);
    return found;
  }
  const plan = /^apigateway GET \/usageplans\/([^/]+)$/.exec(route);
  if (plan) {
    const found = stores.usagePlans.get(plan[1]);
    if (!found)
      throw notFound('NotFoundException', 'Invalid Usage Plan ID specified');
    return found.plan;
  }
  const usage = /^apigateway GET \/usageplans\/([^/]+)\/usage$/.exec(route);
  if (usage) {
    const found = stores.usagePlans.get(usage[1]);
    if (!found)
      throw notFound('NotFoundException', 'Invalid Usage Plan ID specified');
    const start = query.get('startDate');
    const end = query.get('endDate');
    if (!start || !end)
      throw new AwsError(
        400,
        'BadRequestException',
        'Start date and end date are required',
      );
    const limit = (found.plan.quota as { limit?: number } | undefined)?.limit;
    const keys = Object.keys(found.usage).sort();
    const { slice, NextToken } = page(
      keys,
      query.get('position') ?? undefined,
      query.get('limit') ? Number(query.get('limit')) : undefined,
      pageSize,
    );
    const values = Object.fromEntries(
      slice.map(key => [
        key,
        days(start, end).map(d => {
          const used = found.usage[key][d] ?? 0;
          return [used, limit === undefined ? 0 : limit - used];
        }),
      ]),
    );
    return {
      usagePlanId: usage[1],
      startDate: start,
      endDate: end,
      values,
      ...(NextToken ? { position: NextToken } : {}),
    };
  }
  return undefined;
}
