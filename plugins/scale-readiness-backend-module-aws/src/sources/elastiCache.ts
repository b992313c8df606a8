/**
 * ElastiCache (Redis OSS / Valkey) connections and memory: per replication
 * group (DescribeReplicationGroups), the busiest member node's peak
 * `CurrConnections` vs `maxclients` (65,000, fixed) and peak
 * `DatabaseMemoryUsagePercentage` vs 100 % (CloudWatch `AWS/ElastiCache`,
 * Maximum, dimension `CacheClusterId`).
 */
import {
  DescribeReplicationGroupsCommand,
  ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { call } from '../awsErrors';
import { MetricQuery, readPeaks } from '../metrics';
import { quotaId, sendOptions, SourceContext } from './common';

/** Redis OSS / Valkey `maxclients` on ElastiCache; it cannot be changed. @public */
export const ELASTICACHE_MAX_CLIENTS = 65_000;

function consoleUrl(region: string, group: string): string {
  return `https://${region}.console.aws.amazon.com/elasticache/home?region=${region}#/redis/${encodeURIComponent(
    group,
  )}`;
}

async function describe(
  ctx: SourceContext,
  id: string,
): Promise<ReplicationGroup> {
  const out = await call(`elasticache:DescribeReplicationGroups ${id}`, () =>
    ctx.clients.elastiCache.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }),
      sendOptions(ctx.signal),
    ),
  );
  const group = out.ReplicationGroups?.[0];
  if (!group?.MemberClusters?.length) {
    throw new Error(
      `elasticache:DescribeReplicationGroups ${id}: no member clusters`,
    );
  }
  return group;
}

/** The largest peak among `nodes` and the node it belongs to. */
function busiest(nodes: string[], peaks: number[]): [string, number] {
  let best: [string, number] = [nodes[0], peaks[0]];
  nodes.forEach((n, i) => {
    if (peaks[i] > best[1]) best = [n, peaks[i]];
  });
  return best;
}

/**
 * Reads each replication group's connection and memory headroom from its
 * busiest member node.
 * @public
 */
export async function collectElastiCache(
  ctx: SourceContext,
  groups: readonly string[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const described = await Promise.all(groups.map(id => describe(ctx, id)));
  const metric = (metricName: string, node: string): MetricQuery => ({
    namespace: 'AWS/ElastiCache',
    metricName,
    dimensions: { CacheClusterId: node },
    stat: 'Maximum',
  });
  const nodes = described.map(g => g.MemberClusters!);
  const queries = nodes.flatMap(members => [
    ...members.map(n => metric('CurrConnections', n)),
    ...members.map(n => metric('DatabaseMemoryUsagePercentage', n)),
  ]);
  const peaks = await readPeaks(clients.cloudWatch, queries, window, signal);
  let offset = 0;
  return described.flatMap((g, i) => {
    const members = nodes[i];
    const id = groups[i];
    const connections = busiest(
      members,
      peaks.slice(offset, offset + members.length),
    );
    const memory = busiest(
      members,
      peaks.slice(offset + members.length, offset + 2 * members.length),
    );
    offset += 2 * members.length;
    const nodeType = g.CacheNodeType ? ` (${g.CacheNodeType})` : '';
    return [
      {
        id: quotaId(clients, 'elasticache', id, 'connections'),
        name: `ElastiCache '${id}' connections per node (maxclients), busiest node '${connections[0]}'`,
        limit: ELASTICACHE_MAX_CLIENTS,
        peak: connections[1],
        unit: 'connections',
        origin: 'aws',
        adjustable: false,
        increaseUrl: consoleUrl(clients.region, id),
        note: 'maxclients is fixed at 65,000 per node: pool connections, or spread reads over more replicas and shards.',
      },
      {
        id: quotaId(clients, 'elasticache', id, 'memory'),
        name: `ElastiCache '${id}' memory used${nodeType}, busiest node '${memory[0]}'`,
        limit: 100,
        peak: memory[1],
        unit: '% of maxmemory',
        origin: 'aws',
        adjustable: true,
        increaseUrl: consoleUrl(clients.region, id),
        note: 'Memory grows with the data kept, not always with traffic; above 100 % keys are evicted (or writes fail with noeviction). Scale up the node type or add shards.',
      },
    ];
  });
}
