/**
 * Shared test scenario: a fake AWS with two accounts, the catalog entities
 * that declare AWS things, and the provider wired to the fake.
 */
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { mockServices } from '@backstage/backend-test-utils';
import { AwsClientFactory } from '../AwsClients';
import { AwsFactProvider } from '../AwsFactProvider';
import type { AwsSourceConfig } from '../config';
import { FakeAws } from './FakeAws';

export const PROD = '111111111111';
export const DATA = '222222222222';
export const REGION = 'eu-west-1';

/** `aws:` integration config with static keys per account. */
export const AWS_INTEGRATION = {
  accounts: [
    {
      accountId: PROD,
      accessKeyId: 'AKIDPROD',
      secretAccessKey: 'prod-secret',
    },
    {
      accountId: DATA,
      accessKeyId: 'AKIDDATA',
      secretAccessKey: 'data-secret',
    },
  ],
};

/** Starts the fake with both accounts' keys. */
export function startFakeAws(): Promise<FakeAws> {
  return FakeAws.start({ AKIDPROD: PROD, AKIDDATA: DATA });
}

/** A catalog entity with annotations and `spec.dependsOn`. */
export function entity(
  kind: 'Component' | 'Resource',
  name: string,
  annotations: Record<string, string>,
  options: { type?: string; dependsOn?: string[] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: options.type ?? (kind === 'Component' ? 'service' : 'aws-resource'),
      owner: 'group:default/team',
      lifecycle: 'production',
      ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    },
  };
}

/** A provider talking to the fake, with short retries and timeouts. */
export function providerFor(
  fake: FakeAws,
  overrides: Partial<AwsSourceConfig> = {},
): { provider: AwsFactProvider; clients: AwsClientFactory } {
  const config = {
    peakWindowDays: 14,
    metricPeriodSeconds: 60,
    sourceTimeoutMs: 20_000,
    concurrency: 4,
    maxAttempts: 3,
    retryMode: 'standard' as const,
    requestTimeoutMs: 2_000,
    connectionTimeoutMs: 1_000,
    endpoint: fake.endpoint,
    ...overrides,
  };
  const clients = new AwsClientFactory({
    credentials: DefaultAwsCredentialsManager.fromConfig(
      new ConfigReader({ aws: AWS_INTEGRATION }),
    ),
    config,
  });
  return { provider: new AwsFactProvider({ clients, config }), clients };
}

/** A provider context over an in-memory catalog. */
export function contextFor(entities: Entity[], now: Date) {
  const byRef = new Map(
    entities.map(e => [
      `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
      e,
    ]),
  );
  return {
    logger: mockServices.logger.mock(),
    now,
    catalog: {
      getEntitiesByRefs: async (refs: string[]) => refs.map(r => byRef.get(r)),
    },
  };
}
