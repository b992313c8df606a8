/**
 * Which AWS things an entity declares (annotations on the entity itself) and
 * where they live (account and region, from the entity or the Resources it
 * depends on).
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT,
  ANNOTATION_AWS_APIGATEWAY,
  ANNOTATION_AWS_DYNAMODB_TABLES,
  ANNOTATION_AWS_LAMBDA_FUNCTIONS,
  ANNOTATION_AWS_REGION,
  ANNOTATION_AWS_SERVICE_QUOTAS,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  ANNOTATION_AWS_APIGATEWAY_USAGE_PLANS,
  ANNOTATION_AWS_APIGATEWAYV2,
  ANNOTATION_AWS_ELASTICACHE_REPLICATION_GROUPS,
  ANNOTATION_AWS_KINESIS_STREAMS,
  ANNOTATION_AWS_RDS_CLUSTERS,
  ANNOTATION_AWS_RDS_INSTANCES,
  ANNOTATION_AWS_SQS_QUEUES,
} from './annotations';

/** A REST API stage of API Gateway. @public */
export interface ApiStageTarget {
  restApiId: string;
  stage: string;
}

/** An API Gateway HTTP API (v2) stage. @public */
export interface HttpApiStageTarget {
  apiId: string;
  stage: string;
}

/** A Service Quotas quota, or every quota of a service (`quotaCode` `*`). @public */
export interface ServiceQuotaTarget {
  serviceCode: string;
  quotaCode: string;
}

/** A list parsed from one annotation, or why it could not be parsed. @public */
export type Parsed<T> = { values: T[] } | { error: string };

/** The AWS things one entity declares; an absent key means no annotation. @public */
export interface AwsTargets {
  lambdaFunctions?: Parsed<string>;
  dynamodbTables?: Parsed<string>;
  apiStages?: Parsed<ApiStageTarget>;
  serviceQuotas?: Parsed<ServiceQuotaTarget>;
  rdsInstances?: Parsed<string>;
  rdsClusters?: Parsed<string>;
  elastiCacheReplicationGroups?: Parsed<string>;
  sqsQueues?: Parsed<string>;
  kinesisStreams?: Parsed<string>;
  httpApiStages?: Parsed<HttpApiStageTarget>;
  usagePlans?: Parsed<string>;
}

/** Account and region of an entity's AWS things. @public */
export interface AwsPlacement {
  /** Undefined: the main account of the `aws:` integration config. */
  accountId?: string;
  region: string;
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const FUNCTION =
  /^(arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[\w-]{1,64}(:[\w$-]+)?$/;
const TABLE = /^[\w.-]{3,255}$/;
const API_STAGE = /^(\w{1,64})\/([\w-]{1,128})$/;
const SERVICE_QUOTA = /^([\w-]{1,63})\/(L-[A-Z0-9]{8}|\*)$/;
/** RDS DB instance and cluster identifiers: a letter, then letters, digits, hyphens. */
const RDS_IDENTIFIER = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;
const REPLICATION_GROUP = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
const QUEUE = /^[\w-]{1,75}(\.fifo)?$/;
const STREAM = /^[\w.-]{1,128}$/;
const HTTP_API_STAGE = /^([a-z0-9]{1,64})\/([\w$-]{1,128})$/;
const USAGE_PLAN = /^\w{1,64}$/;

/** The simple list annotations of data stores and queues. */
const SIMPLE_LISTS: Array<{
  key:
    | 'rdsInstances'
    | 'rdsClusters'
    | 'elastiCacheReplicationGroups'
    | 'sqsQueues'
    | 'kinesisStreams'
    | 'usagePlans';
  annotation: string;
  what: string;
  pattern: RegExp;
}> = [
  {
    key: 'rdsInstances',
    annotation: ANNOTATION_AWS_RDS_INSTANCES,
    what: 'an RDS DB instance identifier',
    pattern: RDS_IDENTIFIER,
  },
  {
    key: 'rdsClusters',
    annotation: ANNOTATION_AWS_RDS_CLUSTERS,
    what: 'an Aurora DB cluster identifier',
    pattern: RDS_IDENTIFIER,
  },
  {
    key: 'elastiCacheReplicationGroups',
    annotation: ANNOTATION_AWS_ELASTICACHE_REPLICATION_GROUPS,
    what: 'an ElastiCache replication group id',
    pattern: REPLICATION_GROUP,
  },
  {
    key: 'sqsQueues',
    annotation: ANNOTATION_AWS_SQS_QUEUES,
    what: 'an SQS queue name',
    pattern: QUEUE,
  },
  {
    key: 'kinesisStreams',
    annotation: ANNOTATION_AWS_KINESIS_STREAMS,
    what: 'a Kinesis data stream name',
    pattern: STREAM,
  },
  {
    key: 'usagePlans',
    annotation: ANNOTATION_AWS_APIGATEWAY_USAGE_PLANS,
    what: 'an API Gateway usage plan id',
    pattern: USAGE_PLAN,
  },
];

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

function parseList<T>(
  text: string | undefined,
  name: string,
  what: string,
  parse: (item: string) => T | undefined,
): Parsed<T> | undefined {
  if (text === undefined) return undefined;
  const values: T[] = [];
  for (const item of text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)) {
    const value = parse(item);
    if (value === undefined) {
      return { error: `${name}: '${item}' is not ${what}` };
    }
    values.push(value);
  }
  return { values };
}

/** The CloudWatch `FunctionName` of a function name or ARN (alias/version dropped). @public */
export function functionNameOf(nameOrArn: string): string {
  const name = nameOrArn.includes(':function:')
    ? nameOrArn.split(':function:')[1]
    : nameOrArn;
  return name.split(':')[0];
}

/** Reads the AWS target annotations of the entity itself. @public */
export function readTargets(entity: Entity): AwsTargets {
  const targets: AwsTargets = {};
  const functions = parseList(
    annotation(entity, ANNOTATION_AWS_LAMBDA_FUNCTIONS),
    ANNOTATION_AWS_LAMBDA_FUNCTIONS,
    'a Lambda function name or ARN',
    item => (FUNCTION.test(item) ? item : undefined),
  );
  if (functions) targets.lambdaFunctions = functions;
  const tables = parseList(
    annotation(entity, ANNOTATION_AWS_DYNAMODB_TABLES),
    ANNOTATION_AWS_DYNAMODB_TABLES,
    'a DynamoDB table name',
    item => (TABLE.test(item) ? item : undefined),
  );
  if (tables) targets.dynamodbTables = tables;
  const stages = parseList(
    annotation(entity, ANNOTATION_AWS_APIGATEWAY),
    ANNOTATION_AWS_APIGATEWAY,
    'restApiId/stage',
    item => {
      const m = API_STAGE.exec(item);
      return m ? { restApiId: m[1], stage: m[2] } : undefined;
    },
  );
  if (stages) targets.apiStages = stages;
  const quotas = parseList(
    annotation(entity, ANNOTATION_AWS_SERVICE_QUOTAS),
    ANNOTATION_AWS_SERVICE_QUOTAS,
    'serviceCode/quotaCode (e.g. lambda/L-B99A9384) or serviceCode/*',
    item => {
      const m = SERVICE_QUOTA.exec(item);
      return m ? { serviceCode: m[1], quotaCode: m[2] } : undefined;
    },
  );
  if (quotas) targets.serviceQuotas = quotas;
  for (const list of SIMPLE_LISTS) {
    const parsed = parseList(
      annotation(entity, list.annotation),
      list.annotation,
      list.what,
      item => (list.pattern.test(item) ? item : undefined),
    );
    if (parsed) targets[list.key] = parsed;
  }
  const httpStages = parseList(
    annotation(entity, ANNOTATION_AWS_APIGATEWAYV2),
    ANNOTATION_AWS_APIGATEWAYV2,
    'apiId/stage',
    item => {
      const m = HTTP_API_STAGE.exec(item);
      return m ? { apiId: m[1], stage: m[2] } : undefined;
    },
  );
  if (httpStages) targets.httpApiStages = httpStages;
  return targets;
}

/** Whether the entity declares any AWS thing. @public */
export function hasTargets(targets: AwsTargets): boolean {
  return Object.keys(targets).length > 0;
}

function fromEntityOrDependencies(
  entity: Entity,
  dependencies: Entity[],
  name: string,
): { value?: string; error?: string } {
  const own = annotation(entity, name);
  if (own !== undefined) return { value: own };
  const found = new Map<string, string[]>();
  for (const dep of dependencies) {
    const value = annotation(dep, name);
    if (value === undefined) continue;
    found.set(value, [...(found.get(value) ?? []), stringifyEntityRef(dep)]);
  }
  if (found.size > 1) {
    const listed = [...found]
      .map(([value, refs]) => `${value} (${refs.join(', ')})`)
      .join(', ');
    return {
      error: `the Resources it depends on disagree on ${name}: ${listed}; set ${name} on the entity itself`,
    };
  }
  return { value: [...found.keys()][0] };
}

/**
 * Account and region: the entity's own `aws-account` / `aws-region`
 * annotations, else the value every Resource it depends on agrees on, else the
 * configured default region (account: the main account of `aws:`).
 * @public
 */
export function resolvePlacement(
  entity: Entity,
  dependencyResources: Entity[],
  defaultRegion: string | undefined,
): { placement: AwsPlacement } | { error: string } {
  const account = fromEntityOrDependencies(
    entity,
    dependencyResources,
    ANNOTATION_AWS_ACCOUNT,
  );
  if (account.error) return { error: account.error };
  if (account.value !== undefined && !ACCOUNT.test(account.value)) {
    return {
      error: `${ANNOTATION_AWS_ACCOUNT} '${account.value}' is not a 12-digit AWS account id`,
    };
  }
  const region = fromEntityOrDependencies(
    entity,
    dependencyResources,
    ANNOTATION_AWS_REGION,
  );
  if (region.error) return { error: region.error };
  const regionValue = region.value ?? defaultRegion;
  if (regionValue === undefined) {
    return {
      error: `no AWS region: set ${ANNOTATION_AWS_REGION} on the entity or a Resource it depends on, or scaleReadiness.aws.defaultRegion`,
    };
  }
  if (!REGION.test(regionValue)) {
    return {
      error: `${ANNOTATION_AWS_REGION} '${regionValue}' is not an AWS region`,
    };
  }
  const placement: AwsPlacement = { region: regionValue };
  if (account.value !== undefined) placement.accountId = account.value;
  return { placement };
}
