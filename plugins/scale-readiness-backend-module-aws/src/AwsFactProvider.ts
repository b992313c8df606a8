import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  Fact,
  FactContribution,
  QuotaFact,
  ServerlessFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  FactProvider,
  FactProviderContext,
  mapWithConcurrency,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import { buildBaseFacts } from '@scale-readiness/plugin-scale-readiness-facts';
import type { AwsClientFactory, AwsClients } from './AwsClients';
import type { AwsSourceConfig } from './config';
import { peakWindow, PeakWindow } from './metrics';
import { collectApiGateway } from './sources/apiGateway';
import { collectHttpApis } from './sources/apiGatewayV2';
import { collectElastiCache } from './sources/elastiCache';
import { collectKinesis } from './sources/kinesis';
import { collectRds } from './sources/rds';
import { collectSqs } from './sources/sqs';
import { collectUsagePlans } from './sources/usagePlans';
import { AccountLookups, SourceContext } from './sources/common';
import { collectDynamoDb } from './sources/dynamodb';
import { collectLambda, LambdaFacts } from './sources/lambda';
import { collectServiceQuotas } from './sources/serviceQuotas';
import {
  AwsPlacement,
  AwsTargets,
  hasTargets,
  Parsed,
  readTargets,
  resolvePlacement,
} from './targets';

/** Provider id and fact source of the AWS module. @public */
export const AWS_FACT_PROVIDER_ID = 'aws';

/** Options of {@link AwsFactProvider}. @public */
export interface AwsFactProviderOptions {
  clients: AwsClientFactory;
  config: Pick<
    AwsSourceConfig,
    | 'peakWindowDays'
    | 'metricPeriodSeconds'
    | 'defaultRegion'
    | 'sourceTimeoutMs'
    | 'concurrency'
  >;
  logger?: LoggerService;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function settle<T>(
  parsed: Parsed<any> | undefined,
  run: (values: any[]) => Promise<T>,
): Promise<Outcome<T> | undefined> {
  if (!parsed) return undefined;
  if ('error' in parsed) return { ok: false, error: parsed.error };
  try {
    return { ok: true, value: await run(parsed.values) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/**
 * RDS instances and clusters as one source (a cluster's members and a listed
 * instance are described once); a bad annotation fails the source.
 */
function rdsTargets(
  targets: AwsTargets,
): Parsed<{ instances: string[]; clusters: string[] }> | undefined {
  const { rdsInstances: instances, rdsClusters: clusters } = targets;
  if (!instances && !clusters) return undefined;
  for (const parsed of [instances, clusters]) {
    if (parsed && 'error' in parsed) return { error: parsed.error };
  }
  const values = (p: Parsed<string> | undefined) =>
    p && 'values' in p ? p.values : [];
  return {
    values: [{ instances: values(instances), clusters: values(clusters) }],
  };
}

function isResource(entity: Entity | undefined): entity is Entity {
  return entity?.kind.toLowerCase() === 'resource';
}

/**
 * Fact provider `aws`: the `serverless` section (Lambda concurrency) and AWS
 * quotas (Service Quotas, Lambda account concurrency, DynamoDB throughput,
 * API Gateway throttles, each with its CloudWatch peak over the window) of
 * every entity that declares AWS things in its own annotations (see
 * docs/aws.md). Account and region may come from a Resource it depends on.
 *
 * A source that fails (throttled past the retries, forbidden, timed out, not
 * found) makes its section `error`, never the batch: the quotas section is
 * `error` when any of its sources failed, so a partial view never passes.
 * @public
 */
export class AwsFactProvider implements FactProvider {
  readonly id = AWS_FACT_PROVIDER_ID;
  readonly sections: FactProvider['sections'] = ['serverless', 'quotas'];
  readonly #options: AwsFactProviderOptions;

  constructor(options: AwsFactProviderOptions) {
    this.#options = options;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const config = this.#options.config;
    const declaring = entities
      .map(entity => ({ entity, targets: readTargets(entity) }))
      .filter(e => hasTargets(e.targets));
    const result = new Map<string, FactContribution>();
    if (declaring.length === 0) return result;

    const dependencyRefs = declaring.map(({ entity }) =>
      buildBaseFacts(entity).relations.dependsOn.filter(
        ref => parseEntityRef(ref).kind.toLowerCase() === 'resource',
      ),
    );
    const unique = [...new Set(dependencyRefs.flat())];
    const found = unique.length
      ? await ctx.catalog.getEntitiesByRefs(unique)
      : [];
    const byRef = new Map(unique.map((ref, i) => [ref, found[i]]));
    const window = peakWindow(
      ctx.now,
      config.peakWindowDays,
      config.metricPeriodSeconds,
    );
    const lookups = new AccountLookups(config.sourceTimeoutMs);

    const contributions = await mapWithConcurrency(
      declaring,
      config.concurrency,
      async ({ entity, targets }, i) => {
        const dependencies = dependencyRefs[i]
          .map(ref => byRef.get(ref))
          .filter(isResource);
        return this.#collectEntity(entity, targets, dependencies, {
          window,
          lookups,
          now: ctx.now,
        });
      },
    );
    declaring.forEach(({ entity }, i) =>
      result.set(stringifyEntityRef(entity), contributions[i]),
    );
    return result;
  }

  async #collectEntity(
    entity: Entity,
    targets: AwsTargets,
    dependencies: Entity[],
    batch: { window: PeakWindow; lookups: AccountLookups; now: Date },
  ): Promise<FactContribution> {
    const wantsServerless = targets.lambdaFunctions !== undefined;
    const resolved = resolvePlacement(
      entity,
      dependencies,
      this.#options.config.defaultRegion,
    );
    const meta = (placement?: AwsPlacement, clients?: AwsClients) => ({
      source: AWS_FACT_PROVIDER_ID,
      location: clients
        ? `aws ${clients.accountId}/${clients.region}`
        : `aws ${placement?.accountId ?? 'main'}/${placement?.region ?? '?'}`,
      collectedAt: batch.now,
    });
    const failAll = (error: string, m: ReturnType<typeof meta>) => {
      const out: FactContribution = { quotas: errorFact(error, m) };
      if (wantsServerless) out.serverless = errorFact(error, m);
      return out;
    };
    if ('error' in resolved) return failAll(resolved.error, meta());
    let clients: AwsClients;
    try {
      clients = await this.#options.clients.forPlacement(resolved.placement);
    } catch (error) {
      return failAll(
        `AWS credentials: ${describeError(error)}`,
        meta(resolved.placement),
      );
    }
    const source = (): SourceContext => ({
      clients,
      window: batch.window,
      lookups: batch.lookups,
      signal: AbortSignal.timeout(this.#options.config.sourceTimeoutMs),
    });
    const quotaSource = (
      parsed: Parsed<any> | undefined,
      run: (ctx: SourceContext, values: any[]) => Promise<QuotaFact[]>,
    ) => settle<QuotaFact[]>(parsed, v => run(source(), v));
    const [
      lambda,
      dynamodb,
      apis,
      serviceQuotas,
      rds,
      elastiCache,
      sqs,
      kinesis,
      httpApis,
      usagePlans,
    ] = await Promise.all([
      settle<LambdaFacts>(targets.lambdaFunctions, v =>
        collectLambda(source(), v),
      ),
      quotaSource(targets.dynamodbTables, collectDynamoDb),
      quotaSource(targets.apiStages, collectApiGateway),
      quotaSource(targets.serviceQuotas, collectServiceQuotas),
      settle<QuotaFact[]>(rdsTargets(targets), v => collectRds(source(), v[0])),
      quotaSource(targets.elastiCacheReplicationGroups, collectElastiCache),
      quotaSource(targets.sqsQueues, collectSqs),
      quotaSource(targets.kinesisStreams, collectKinesis),
      quotaSource(targets.httpApiStages, collectHttpApis),
      quotaSource(targets.usagePlans, collectUsagePlans),
    ]);
    const m = meta(resolved.placement, clients);
    const out: FactContribution = {};
    if (lambda) {
      out.serverless = lambda.ok
        ? okFact<ServerlessFacts>(lambda.value.serverless, m)
        : errorFact(`Lambda: ${lambda.error}`, m);
    }
    const parts: Array<[string, Outcome<QuotaFact[]> | undefined]> = [
      ['Service Quotas', serviceQuotas],
      [
        'Lambda',
        lambda &&
          (lambda.ok ? { ok: true, value: lambda.value.quotas } : lambda),
      ],
      ['DynamoDB', dynamodb],
      ['API Gateway', apis],
      ['RDS', rds],
      ['ElastiCache', elastiCache],
      ['SQS', sqs],
      ['Kinesis', kinesis],
      ['API Gateway HTTP APIs', httpApis],
      ['API Gateway usage plans', usagePlans],
    ];
    out.quotas = mergeQuotaParts(parts, m);
    const failed = parts.filter(([, o]) => o && !o.ok);
    if (failed.length > 0) {
      this.#options.logger?.warn(
        `AWS facts of ${stringifyEntityRef(entity)} incomplete: ${
          out.quotas.error
        }`,
      );
    }
    return out;
  }
}

/**
 * The quotas of every source, deduplicated by id (first wins); `error` naming
 * every failed source when any failed, so a partial view never passes.
 */
function mergeQuotaParts(
  parts: Array<[string, Outcome<QuotaFact[]> | undefined]>,
  meta: { source: string; location: string; collectedAt: Date },
): Fact<QuotaFact[]> {
  const errors: string[] = [];
  const seen = new Set<string>();
  const quotas: QuotaFact[] = [];
  for (const [name, outcome] of parts) {
    if (!outcome) continue;
    if (!outcome.ok) {
      errors.push(`${name}: ${outcome.error}`);
      continue;
    }
    for (const q of outcome.value) {
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      quotas.push(q);
    }
  }
  return errors.length > 0
    ? errorFact(errors.join('; '), meta)
    : okFact(quotas, meta);
}
