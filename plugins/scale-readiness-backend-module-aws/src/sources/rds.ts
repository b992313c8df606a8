/**
 * RDS and Aurora connections and capacity: per DB instance, `max_connections`
 * of its DB parameter group (DescribeDBInstances, DescribeDBParameters,
 * paginated; a formula is evaluated for the instance class, see
 * `rdsMaxConnections.ts`) vs peak `DatabaseConnections`; per Aurora cluster
 * (DescribeDBClusters) the same for every member instance, and for Aurora
 * Serverless v2 the maximum ACU vs peak `ServerlessDatabaseCapacity`
 * (CloudWatch `AWS/RDS`, Maximum).
 */
import {
  DBCluster,
  DBInstance,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  paginateDescribeDBParameters,
} from '@aws-sdk/client-rds';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { MetricQuery, readPeaks } from '../metrics';
import { quotaId, sendOptions, SourceContext } from './common';
import { MaxConnections, resolveMaxConnections } from './rdsMaxConnections';

function consoleUrl(region: string, kind: 'database' | 'cluster', id: string) {
  return `https://${region}.console.aws.amazon.com/rds/home?region=${region}#database:id=${encodeURIComponent(
    id,
  )};is-cluster=${kind === 'cluster'}`;
}

/** `max_connections` of a parameter group (once per group and batch). */
function parameterValue(
  ctx: SourceContext,
  group: string,
): Promise<string | undefined> {
  const { clients } = ctx;
  return ctx.lookups.get(
    `${clients.accountId}/${clients.region}/rds-parameters/${group}`,
    signal =>
      call(`rds:DescribeDBParameters ${group}`, async () => {
        for await (const page of paginateDescribeDBParameters(
          { client: clients.rds },
          { DBParameterGroupName: group },
          sendOptions(signal),
        )) {
          const found = page.Parameters?.find(
            p => p.ParameterName === 'max_connections',
          );
          if (found) return found.ParameterValue;
        }
        return undefined;
      }),
  );
}

async function describeInstance(
  ctx: SourceContext,
  id: string,
): Promise<DBInstance> {
  const out = await call(`rds:DescribeDBInstances ${id}`, () =>
    ctx.clients.rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }),
      sendOptions(ctx.signal),
    ),
  );
  const instance = out.DBInstances?.[0];
  if (!instance) throw new Error(`rds:DescribeDBInstances ${id}: no instance`);
  return instance;
}

async function describeCluster(
  ctx: SourceContext,
  id: string,
): Promise<DBCluster> {
  const out = await call(`rds:DescribeDBClusters ${id}`, () =>
    ctx.clients.rds.send(
      new DescribeDBClustersCommand({ DBClusterIdentifier: id }),
      sendOptions(ctx.signal),
    ),
  );
  const cluster = out.DBClusters?.[0];
  if (!cluster) throw new Error(`rds:DescribeDBClusters ${id}: no cluster`);
  return cluster;
}

async function maxConnections(
  ctx: SourceContext,
  instance: DBInstance,
  serverlessMaxAcu?: number,
): Promise<MaxConnections> {
  const id = instance.DBInstanceIdentifier ?? '?';
  const group = instance.DBParameterGroups?.[0]?.DBParameterGroupName;
  if (!group) throw new Error(`RDS instance '${id}' has no DB parameter group`);
  return resolveMaxConnections(
    await parameterValue(ctx, group),
    group,
    instance.DBInstanceClass ?? '?',
    serverlessMaxAcu,
  );
}

interface Connections {
  instance: string;
  cluster?: string;
  max: MaxConnections;
}

/**
 * Reads the connection limits of the entity's DB instances and of every
 * member of its Aurora clusters, and the capacity of its Serverless v2
 * clusters, against their CloudWatch peaks.
 * @public
 */
export async function collectRds(
  ctx: SourceContext,
  targets: { instances?: readonly string[]; clusters?: readonly string[] },
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const clusters = await Promise.all(
    (targets.clusters ?? []).map(id => describeCluster(ctx, id)),
  );
  const members = clusters.flatMap(c =>
    (c.DBClusterMembers ?? []).map(m => ({
      id: m.DBInstanceIdentifier!,
      cluster: c,
    })),
  );
  const wanted = [
    ...(targets.instances ?? []).map(id => ({
      id,
      cluster: undefined as DBCluster | undefined,
    })),
    ...members.filter(m => m.id && !(targets.instances ?? []).includes(m.id)),
  ];
  const connections: Connections[] = await Promise.all(
    wanted.map(async ({ id, cluster }) => {
      const instance = await describeInstance(ctx, id);
      let owner = cluster;
      if (
        !owner &&
        instance.DBInstanceClass === 'db.serverless' &&
        instance.DBClusterIdentifier
      ) {
        owner = await describeCluster(ctx, instance.DBClusterIdentifier);
      }
      const max = await maxConnections(
        ctx,
        instance,
        owner?.ServerlessV2ScalingConfiguration?.MaxCapacity,
      );
      return { instance: id, cluster: instance.DBClusterIdentifier, max };
    }),
  );
  const serverless = clusters.filter(
    c => c.ServerlessV2ScalingConfiguration?.MaxCapacity !== undefined,
  );
  const queries: MetricQuery[] = [
    ...connections.map(c => ({
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions: { DBInstanceIdentifier: c.instance },
      stat: 'Maximum',
    })),
    ...serverless.map(c => ({
      namespace: 'AWS/RDS',
      metricName: 'ServerlessDatabaseCapacity',
      dimensions: { DBClusterIdentifier: c.DBClusterIdentifier! },
      stat: 'Maximum',
    })),
  ];
  const peaks = await readPeaks(clients.cloudWatch, queries, window, signal);
  const facts: QuotaFact[] = connections.map((c, i) => {
    const fact: QuotaFact = {
      id: quotaId(clients, 'rds', 'instance', c.instance, 'max-connections'),
      name: `RDS instance '${c.instance}'${
        c.cluster ? ` (cluster '${c.cluster}')` : ''
      } connections (${c.max.how})`,
      limit: c.max.value,
      peak: peaks[i],
      unit: 'connections',
      origin: 'aws',
      adjustable: true,
      increaseUrl: consoleUrl(clients.region, 'database', c.instance),
      note: [
        c.max.estimate,
        'Raise max_connections in a custom parameter group or a larger instance class, or pool connections (RDS Proxy).',
      ]
        .filter(Boolean)
        .join(' '),
    };
    return fact;
  });
  serverless.forEach((c, j) => {
    const id = c.DBClusterIdentifier!;
    const scaling = c.ServerlessV2ScalingConfiguration!;
    facts.push({
      id: quotaId(clients, 'rds', 'cluster', id, 'serverless-capacity'),
      name: `Aurora Serverless v2 cluster '${id}' capacity (maximum ${scaling.MaxCapacity} ACU)`,
      limit: scaling.MaxCapacity!,
      peak: peaks[connections.length + j],
      unit: 'ACU',
      origin: 'aws',
      adjustable: true,
      increaseUrl: consoleUrl(clients.region, 'cluster', id),
      note: `Minimum ${
        scaling.MinCapacity ?? '?'
      } ACU; each instance scales up to the cluster's maximum ACU (256 at most), and max_connections follows the maximum.`,
    });
  });
  return facts;
}
