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
