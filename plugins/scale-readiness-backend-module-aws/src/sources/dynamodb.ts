/**
 * DynamoDB throughput: billing mode and provisioned / on-demand maximum
 * throughput (DescribeTable), the autoscaling maximum (Application Auto
 * Scaling DescribeScalableTargets), account and table limits (DescribeLimits)
 * and peak consumed capacity (CloudWatch `AWS/DynamoDB`, Sum per period ÷
 * period seconds).
 */
import {
  paginateDescribeScalableTargets,
  ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeLimitsCommand,
  DescribeLimitsCommandOutput,
  DescribeTableCommand,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { QuotaFact } from '@scale-readiness/plugin-scale-readiness-common';
import { MetricQuery, readPeaks } from '../metrics';
import { call } from '../awsErrors';
import {
  quotaId,
  sendOptions,
  serviceQuotasUrl,
  SourceContext,
} from './common';

/** The note on quotas of on-demand tables. @public */
export const ON_DEMAND_NOTE =
  'On-demand table: DynamoDB absorbs up to about 2× the previous traffic peak at once; growing beyond that within ~30 minutes can be throttled, so ramp up or pre-warm (warm throughput) for a bigger jump.';

type Direction = 'write' | 'read';

const DIRECTIONS: Array<{
  direction: Direction;
  metric: string;
  dimension: string;
  capacityUnit: string;
  requestUnit: string;
}> = [
  {
    direction: 'write',
    metric: 'ConsumedWriteCapacityUnits',
    dimension: 'dynamodb:table:WriteCapacityUnits',
    capacityUnit: 'WCU',
    requestUnit: 'write request units/s',
  },
  {
    direction: 'read',
    metric: 'ConsumedReadCapacityUnits',
    dimension: 'dynamodb:table:ReadCapacityUnits',
    capacityUnit: 'RCU',
    requestUnit: 'read request units/s',
  },
];

function limits(ctx: SourceContext): Promise<DescribeLimitsCommandOutput> {
  const { clients } = ctx;
  return ctx.lookups.get(
    `${clients.accountId}/${clients.region}/dynamodb`,
    signal =>
      call('dynamodb:DescribeLimits', () =>
        clients.dynamodb.send(
          new DescribeLimitsCommand({}),
          sendOptions(signal),
        ),
      ),
  );
}

async function scalableTargets(
  ctx: SourceContext,
  table: string,
): Promise<ScalableTarget[]> {
  const targets: ScalableTarget[] = [];
  await call(
    `application-autoscaling:DescribeScalableTargets table/${table}`,
    async () => {
      for await (const page of paginateDescribeScalableTargets(
        { client: ctx.clients.autoScaling },
        { ServiceNamespace: 'dynamodb', ResourceIds: [`table/${table}`] },
        sendOptions(ctx.signal),
      )) {
        targets.push(...(page.ScalableTargets ?? []));
      }
    },
  );
  return targets;
}

function tableConsoleUrl(region: string, table: string): string {
  return `https://${region}.console.aws.amazon.com/dynamodbv2/home?region=${region}#table?name=${encodeURIComponent(
    table,
  )}&tab=additional-settings`;
}

/** Smallest defined positive value and which of the labels it came from. */
function binding(
  candidates: Array<[string, number | undefined]>,
): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const [label, value] of candidates) {
    if (value === undefined || !(value > 0)) continue;
    if (!best || value < best[1]) best = [label, value];
  }
  return best;
}

function tableQuotas(
  ctx: SourceContext,
  table: TableDescription,
  name: string,
  account: DescribeLimitsCommandOutput,
  targets: ScalableTarget[],
  peaks: Record<Direction, number>,
): QuotaFact[] {
  const { clients } = ctx;
  const onDemand = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';
  return DIRECTIONS.map(d => {
    const write = d.direction === 'write';
    const tableMax = write
      ? account.TableMaxWriteCapacityUnits
      : account.TableMaxReadCapacityUnits;
    let candidates: Array<[string, number | undefined]>;
    if (onDemand) {
      const max = write
        ? table.OnDemandThroughput?.MaxWriteRequestUnits
        : table.OnDemandThroughput?.MaxReadRequestUnits;
      candidates = [
        ['on-demand maximum throughput', max],
        ['table-level throughput quota', tableMax],
      ];
    } else {
      const provisioned = write
        ? table.ProvisionedThroughput?.WriteCapacityUnits
        : table.ProvisionedThroughput?.ReadCapacityUnits;
      const target = targets.find(t => t.ScalableDimension === d.dimension);
      candidates = [
        target
          ? ['autoscaling maximum', target.MaxCapacity]
          : ['provisioned capacity (no autoscaling)', provisioned],
        ['table-level throughput quota', tableMax],
        [
          'account-level provisioned throughput quota',
          write
            ? account.AccountMaxWriteCapacityUnits
            : account.AccountMaxReadCapacityUnits,
        ],
      ];
    }
    const limit = binding(candidates);
    if (!limit) {
      throw new Error(
        `DynamoDB table '${name}': no ${d.direction} throughput limit is known`,
      );
    }
    const fromQuota = limit[0].includes('quota');
    const quota: QuotaFact = {
      id: quotaId(
        clients,
        'dynamodb',
        'table',
        name,
        `${d.direction}-capacity`,
      ),
      name: `DynamoDB table '${name}' ${d.direction} capacity (${limit[0]})`,
      limit: limit[1],
      peak: peaks[d.direction],
      unit: onDemand ? d.requestUnit : `${d.capacityUnit}/s`,
      origin: 'aws',
      adjustable: true,
      increaseUrl: fromQuota
        ? serviceQuotasUrl(clients.region, 'dynamodb')
        : tableConsoleUrl(clients.region, name),
    };
    if (onDemand) quota.note = ON_DEMAND_NOTE;
    return quota;
  });
}

/**
 * Reads the write and read throughput limits of the entity's tables against
 * their peak consumed capacity per second. Provisioned tables count with the
 * autoscaling maximum (else the provisioned capacity), capped by the table and
 * account quotas; on-demand tables with their maximum throughput (else the
 * table quota) and the ~2× note.
 * @public
 */
export async function collectDynamoDb(
  ctx: SourceContext,
  tables: readonly string[],
): Promise<QuotaFact[]> {
  const { clients, window, signal } = ctx;
  const account = await limits(ctx);
  const described = await Promise.all(
    tables.map(async name => {
      const out = await call(`dynamodb:DescribeTable ${name}`, () =>
        clients.dynamodb.send(
          new DescribeTableCommand({ TableName: name }),
          sendOptions(signal),
        ),
      );
      if (!out.Table)
        throw new Error(`dynamodb:DescribeTable ${name}: no Table`);
      const onDemand =
        out.Table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';
      return {
        name,
        table: out.Table,
        targets: onDemand ? [] : await scalableTargets(ctx, name),
      };
    }),
  );
  const queries: MetricQuery[] = tables.flatMap(name =>
    DIRECTIONS.map(d => ({
      namespace: 'AWS/DynamoDB',
      metricName: d.metric,
      dimensions: { TableName: name },
      stat: 'Sum',
      divisor: window.periodSeconds,
    })),
  );
  const peaks = await readPeaks(clients.cloudWatch, queries, window, signal);
  return described.flatMap((t, i) =>
    tableQuotas(ctx, t.table, t.name, account, t.targets, {
      write: peaks[i * 2],
      read: peaks[i * 2 + 1],
    }),
  );
}
