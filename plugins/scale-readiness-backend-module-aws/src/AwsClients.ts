import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AwsSourceConfig } from './config';
import type { AwsPlacement } from './targets';

/** The SDK clients of one account and region. @public */
export interface AwsClients {
  /** Account id as shown in quota ids (`main` when the main account's id is unknown). */
  accountId: string;
  region: string;
  serviceQuotas: ServiceQuotasClient;
  cloudWatch: CloudWatchClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  autoScaling: ApplicationAutoScalingClient;
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
  rds: RDSClient;
  elastiCache: ElastiCacheClient;
  sqs: SQSClient;
  kinesis: KinesisClient;
}

/** Options of {@link AwsClientFactory}. @public */
export interface AwsClientFactoryOptions {
  credentials: AwsCredentialsManager;
  config: Pick<
    AwsSourceConfig,
    | 'endpoint'
    | 'maxAttempts'
    | 'retryMode'
    | 'requestTimeoutMs'
    | 'connectionTimeoutMs'
  >;
}

/**
 * Creates and caches AWS SDK v3 clients per account and region, with the
 * credentials of the portal's `aws:` integration config, SDK retries
 * (`maxAttempts`, `retryMode`: throttling errors are retried with backoff and
 * `Retry-After` is honoured) and per-request timeouts.
 * @public
 */
export class AwsClientFactory {
  readonly #options: AwsClientFactoryOptions;
  readonly #cache = new Map<string, Promise<AwsClients>>();

  constructor(options: AwsClientFactoryOptions) {
    this.#options = options;
  }

  /** The clients of a placement; a failed credential lookup is not cached. */
  forPlacement(placement: AwsPlacement): Promise<AwsClients> {
    const key = `${placement.accountId ?? 'main'}/${placement.region}`;
    let clients = this.#cache.get(key);
    if (!clients) {
      clients = this.#create(placement);
      this.#cache.set(key, clients);
      clients.catch(() => this.#cache.delete(key));
    }
    return clients;
  }

  /** Closes the sockets of every client created so far. */
  async destroy(): Promise<void> {
    const all = await Promise.allSettled(this.#cache.values());
    this.#cache.clear();
    for (const result of all) {
      if (result.status !== 'fulfilled') continue;
      const c = result.value;
      for (const client of [
        c.serviceQuotas,
        c.cloudWatch,
        c.lambda,
        c.dynamodb,
        c.autoScaling,
        c.apiGateway,
        c.apiGatewayV2,
        c.rds,
        c.elastiCache,
        c.sqs,
        c.kinesis,
      ]) {
        client.destroy();
      }
    }
  }

  async #create(placement: AwsPlacement): Promise<AwsClients> {
    const provider = await this.#options.credentials.getCredentialProvider(
      placement.accountId ? { accountId: placement.accountId } : undefined,
    );
    const c = this.#options.config;
    const common = {
      region: placement.region,
      credentials: provider.sdkCredentialProvider,
      maxAttempts: c.maxAttempts,
      retryMode: c.retryMode,
      requestHandler: {
        requestTimeout: c.requestTimeoutMs,
        connectionTimeout: c.connectionTimeoutMs,
        throwOnRequestTimeout: true,
      },
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    };
    return {
      accountId: placement.accountId ?? provider.accountId ?? 'main',
      region: placement.region,
      serviceQuotas: new ServiceQuotasClient(common),
      cloudWatch: new CloudWatchClient(common),
      lambda: new LambdaClient(common),
      dynamodb: new DynamoDBClient(common),
      autoScaling: new ApplicationAutoScalingClient(common),
      apiGateway: new APIGatewayClient(common),
      apiGatewayV2: new ApiGatewayV2Client(common),
      rds: new RDSClient(common),
      elastiCache: new ElastiCacheClient(common),
      sqs: new SQSClient(common),
      kinesis: new KinesisClient(common),
    };
  }
}
