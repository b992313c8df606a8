/**
 * The data store and queue annotations of the AWS module (the account,
 * region, Lambda, DynamoDB, API Gateway REST and Service Quotas annotations
 * live in `@scale-readiness/plugin-scale-readiness-common`). Each is set on a
 * Component or Resource and takes a comma-separated list; account and region
 * come from `scale-readiness.io/aws-account` / `aws-region` on the entity or a
 * Resource it depends on. See docs/aws.md and docs/annotations.md.
 */

/**
 * RDS DB instance identifiers: `max_connections` (DB parameter group) vs peak
 * CloudWatch `DatabaseConnections`.
 * @public
 */
export const ANNOTATION_AWS_RDS_INSTANCES =
  'scale-readiness.io/aws-rds-instances';

/**
 * Aurora DB cluster identifiers: `max_connections` of every member instance
 * vs its peak `DatabaseConnections`, and for Aurora Serverless v2 the maximum
 * ACU vs peak `ServerlessDatabaseCapacity`.
 * @public
 */
export const ANNOTATION_AWS_RDS_CLUSTERS =
  'scale-readiness.io/aws-rds-clusters';

/**
 * ElastiCache (Redis OSS / Valkey) replication group ids: `CurrConnections` vs
 * `maxclients` (65,000) and peak `DatabaseMemoryUsagePercentage` vs 100 %, of
 * the busiest member node.
 * @public
 */
export const ANNOTATION_AWS_ELASTICACHE_REPLICATION_GROUPS =
  'scale-readiness.io/aws-elasticache-replication-groups';

/**
 * SQS queue names: the in-flight message limit vs peak
 * `ApproximateNumberOfMessagesNotVisible`.
 * @public
 */
export const ANNOTATION_AWS_SQS_QUEUES = 'scale-readiness.io/aws-sqs-queues';

/**
 * Kinesis data stream names: write throughput (1 MiB/s and 1,000 records/s
 * per shard, or the on-demand maximum) vs peak `IncomingBytes` /
 * `IncomingRecords`.
 * @public
 */
export const ANNOTATION_AWS_KINESIS_STREAMS =
  'scale-readiness.io/aws-kinesis-streams';

/**
 * API Gateway HTTP API (v2) stages as `apiId/stage`: the stage's default route
 * throttle and the account throttle vs peak requests per second.
 * @public
 */
export const ANNOTATION_AWS_APIGATEWAYV2 =
  'scale-readiness.io/aws-apigatewayv2';

/**
 * API Gateway REST API usage plan ids: the plan's throttle and request quota
 * (per API key) vs the busiest key's usage and the plan's stages' peak rate.
 * @public
 */
export const ANNOTATION_AWS_APIGATEWAY_USAGE_PLANS =
  'scale-readiness.io/aws-apigateway-usage-plans';
