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

/** A REST API stage of API Gateway. @public */
export interface ApiStageTarget {
  restApiId: string;
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
