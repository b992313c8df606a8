/**
 * Data stores and queues of one fake AWS account and region: RDS instances,
 * Aurora clusters and DB parameter groups, ElastiCache replication groups,
 * SQS queues, Kinesis streams, API Gateway HTTP API stages and usage plans,
 * kept as the APIs describe them.
 */

/** A DB parameter group parameter as DescribeDBParameters returns it. */
export interface WireParameter {
  ParameterName: string;
  ParameterValue?: string;
  Source: 'engine-default' | 'system' | 'user';
  ApplyType: 'static' | 'dynamic';
  DataType: string;
  IsModifiable: boolean;
}

/** One API key's daily request counts (`YYYY-MM-DD` → used). */
export type DailyUsage = Record<string, number>;

export class FakeStores {
  dbInstances = new Map<string, Record<string, unknown>>();
  dbClusters = new Map<string, Record<string, unknown>>();
  parameterGroups = new Map<string, WireParameter[]>();
  replicationGroups = new Map<string, Record<string, unknown>>();
  queues = new Set<string>();
  streams = new Map<string, Record<string, unknown>>();
  httpApiStages = new Map<string, Record<string, unknown>>();
  usagePlans = new Map<
    string,
    { plan: Record<string, unknown>; usage: Record<string, DailyUsage> }
  >();

  /**
   * A DB parameter group whose `max_connections` is `value` (a number or a
   * formula), after `filler` other parameters so that it is on a later page.
   */
  parameterGroup(name: string, maxConnections: string, filler = 5): this {
    const params: WireParameter[] = [];
    for (let i = 0; i < filler; i++) {
      params.push({
        ParameterName: `param_${String(i).padStart(3, '0')}`,
        ParameterValue: String(i),
        Source: 'engine-default',
        ApplyType: 'dynamic',
        DataType: 'integer',
        IsModifiable: true,
      });
    }
    params.push({
      ParameterName: 'max_connections',
      ParameterValue: maxConnections,
      Source: /^\d+$/.test(maxConnections) ? 'user' : 'system',
      ApplyType: 'dynamic',
      DataType: 'integer',
      IsModifiable: true,
    });
    this.parameterGroups.set(name, params);
    return this;
  }

  /** A DB instance of `instanceClass` using `parameterGroup`. */
  dbInstance(
    id: string,
    instanceClass: string,
    parameterGroup: string,
    options: { engine?: string; cluster?: string } = {},
  ): this {
    this.dbInstances.set(id, {
      DBInstanceIdentifier: id,
      DBInstanceClass: instanceClass,
      Engine: options.engine ?? 'postgres',
      DBInstanceStatus: 'available',
      DBParameterGroups: [
        {
          DBParameterGroupName: parameterGroup,
          ParameterApplyStatus: 'in-sync',
        },
      ],
      ...(options.cluster ? { DBClusterIdentifier: options.cluster } : {}),
    });
    return this;
  }

  /** An Aurora cluster with members (the first is the writer). */
  dbCluster(
    id: string,
    members: string[],
    serverless?: { min: number; max: number },
  ): this {
    this.dbClusters.set(id, {
      DBClusterIdentifier: id,
      Engine: 'aurora-postgresql',
      Status: 'available',
      DBClusterMembers: members.map((m, i) => ({
        DBInstanceIdentifier: m,
        IsClusterWriter: i === 0,
      })),
      ...(serverless
        ? {
            ServerlessV2ScalingConfiguration: {
              MinCapacity: serverless.min,
              MaxCapacity: serverless.max,
            },
          }
        : {}),
    });
    return this;
  }

  /** A Redis OSS / Valkey replication group with member clusters (nodes). */
  replicationGroup(id: string, members: string[], nodeType: string): this {
    this.replicationGroups.set(id, {
      ReplicationGroupId: id,
      Status: 'available',
      MemberClusters: members,
      CacheNodeType: nodeType,
      ClusterEnabled: false,
    });
    return this;
  }

  /** A Kinesis stream: provisioned with `shards`, or on-demand. */
  stream(name: string, mode: { shards: number } | 'ON_DEMAND'): this {
    this.streams.set(name, {
      StreamName: name,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: {
        StreamMode: mode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
      },
      OpenShardCount: mode === 'ON_DEMAND' ? 4 : mode.shards,
      RetentionPeriodHours: 24,
      StreamCreationTimestamp: 1_700_000_000,
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      EncryptionType: 'NONE',
      ConsumerCount: 0,
    });
    return this;
  }

  /** An HTTP API stage with an optional default route throttle. */
  httpApiStage(
    apiId: string,
    stage: string,
    throttle?: { rate: number; burst: number },
  ): this {
    this.httpApiStages.set(`${apiId}/${stage}`, {
      stageName: stage,
      autoDeploy: true,
      createdDate: '2026-01-01T00:00:00Z',
      defaultRouteSettings: {
        detailedMetricsEnabled: false,
        ...(throttle
          ? {
              throttlingRateLimit: throttle.rate,
              throttlingBurstLimit: throttle.burst,
            }
          : {}),
      },
      routeSettings: {},
    });
    return this;
  }

  /** A usage plan and its keys' daily usage. */
  usagePlan(
    id: string,
    plan: {
      name: string;
      stages: Array<{ apiId: string; stage: string }>;
      throttle?: { rateLimit: number; burstLimit: number };
      quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
    },
    usage: Record<string, DailyUsage>,
  ): this {
    this.usagePlans.set(id, {
      plan: {
        id,
        name: plan.name,
        apiStages: plan.stages,
        ...(plan.throttle ? { throttle: plan.throttle } : {}),
        ...(plan.quota ? { quota: { ...plan.quota, offset: 0 } } : {}),
      },
      usage,
    });
    return this;
  }
}
