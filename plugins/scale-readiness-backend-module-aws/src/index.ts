/**
 * Scale Readiness backend module: AWS quota, Lambda concurrency, DynamoDB and
 * API Gateway throttle facts (Service Quotas, CloudWatch peaks).
 * @packageDocumentation
 */
export { scaleReadinessModuleAws as default } from './module';
export { AwsFactProvider, AWS_FACT_PROVIDER_ID } from './AwsFactProvider';
export type { AwsFactProviderOptions } from './AwsFactProvider';
export { AwsClientFactory } from './AwsClients';
export type { AwsClientFactoryOptions, AwsClients } from './AwsClients';
export { DEFAULT_AWS_SOURCE_CONFIG, readAwsSourceConfig } from './config';
export type { AwsSourceConfig } from './config';
export {
  functionNameOf,
  hasTargets,
  readTargets,
  resolvePlacement,
} from './targets';
export type {
  ApiStageTarget,
  AwsPlacement,
  AwsTargets,
  Parsed,
  ServiceQuotaTarget,
} from './targets';
export { effectivePeriodSeconds, peakWindow, readPeaks } from './metrics';
export type { MetricQuery, PeakWindow } from './metrics';
export { AccountLookups } from './sources/common';
export type { SourceContext } from './sources/common';
export { collectLambda, LAMBDA_CONCURRENCY_QUOTA_CODE } from './sources/lambda';
export type { LambdaFacts } from './sources/lambda';
export { collectDynamoDb, ON_DEMAND_NOTE } from './sources/dynamodb';
export { collectApiGateway } from './sources/apiGateway';
export { collectServiceQuotas } from './sources/serviceQuotas';
export {
  ANNOTATION_AWS_APIGATEWAY_USAGE_PLANS,
  ANNOTATION_AWS_APIGATEWAYV2,
  ANNOTATION_AWS_ELASTICACHE_REPLICATION_GROUPS,
  ANNOTATION_AWS_KINESIS_STREAMS,
  ANNOTATION_AWS_RDS_CLUSTERS,
  ANNOTATION_AWS_RDS_INSTANCES,
  ANNOTATION_AWS_SQS_QUEUES,
} from './annotations';
export type { HttpApiStageTarget } from './targets';
export { collectRds } from './sources/rds';
export {
  evaluateParameterFormula,
  instanceClassMemoryGiB,
  resolveMaxConnections,
} from './sources/rdsMaxConnections';
export type { MaxConnections } from './sources/rdsMaxConnections';
export {
  collectElastiCache,
  ELASTICACHE_MAX_CLIENTS,
} from './sources/elastiCache';
export { collectSqs, SQS_IN_FLIGHT_LIMITS } from './sources/sqs';
export {
  collectKinesis,
  KINESIS_ON_DEMAND_NOTE,
  KINESIS_SHARD_WRITE,
  onDemandMaxMiBPerSecond,
} from './sources/kinesis';
export { collectHttpApis } from './sources/apiGatewayV2';
export { collectUsagePlans } from './sources/usagePlans';
