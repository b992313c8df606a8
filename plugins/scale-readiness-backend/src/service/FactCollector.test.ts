import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  FactContribution,
  Fact,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  FactProvider,
  FactProviderContext,
} from '@scale-readiness/plugin-scale-readiness-node';
import { DatabaseReadinessStore } from '../database';
import { databaseServiceFor } from '../database/testFixtures';
import type { CachedCatalogLookup } from './CachedCatalogLookup';
import { FactCollector } from './FactCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', etag: `e-${name}` },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
});

/** Contributes a workloads fact whose replica count is set by the test. */
class WorkloadsProvider implements FactProvider {
  readonly id = 'manifests';
  readonly sections = ['workloads' as const];
  replicas = 2;

  async collect(entities: Entity[], ctx: FactProviderContext) {
    const fact: Fact<WorkloadSetFacts> = {
      status: 'ok',
      source: this.id,
      collectedAt: ctx.now.toISOString(),
      value: {
        workloads: [
          { kind: 'Deployment', name: 'api', replicas: this.replicas },
        ],
        danglingScalers: [],
        resourceQuotas: [],
      } as unknown as WorkloadSetFacts,
    };
    return new Map<string, FactContribution>(
      entities.map(e => [stringifyEntityRef(e), { workloads: fact }]),
    );
  }
}

/** Records what `ctx.storedFacts` returned for the `manifests` provider. */
class ReadingProvider implements FactProvider {
  readonly id = 'reader';
  readonly sections = ['nodeCapacity' as const];
  seen: Array<Map<string, FactContribution> | 'no storedFacts'> = [];

  async collect(entities: Entity[], ctx: FactProviderContext) {
    const refs = entities.map(e => stringifyEntityRef(e));
    this.seen.push(
      ctx.storedFacts
        ? await ctx.storedFacts('manifests', refs)
        : 'no storedFacts',
    );
    return new Map<string, FactContribution>();
  }
}

describe.each(databases.eachSupportedId())('FactCollector, %p', databaseId => {
  it("passes a provider another provider's stored facts through the context", async () => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseReadinessStore.create({
      database: databaseServiceFor(knex),
    });
    const writer = new WorkloadsProvider();
    const reader = new ReadingProvider();
    let now = new Date('2026-11-25T10:00:00Z');
    const collector = new FactCollector({
      store,
      providers: [writer, reader],
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    const lookup = {
      getEntitiesByRefs: async (refs: string[]) => refs.map(() => undefined),
    } as unknown as CachedCatalogLookup;
    const page = [component('checkout'), component('ledger')];

    // First pass: nothing stored yet (providers of a batch run side by side).
    await collector.collectPage(page, lookup, now);
    expect(reader.seen).toEqual([new Map()]);

    // Second pass: the facts stored by the first, per entity.
    writer.replicas = 3;
    now = new Date('2026-11-25T11:00:00Z');
    await collector.collectPage(page, lookup, now);
    const second = reader.seen[1];
    expect(second).toBeInstanceOf(Map);
    const stored = second as Map<string, FactContribution>;
    expect([...stored.keys()].sort()).toEqual([
      'component:default/checkout',
      'component:default/ledger',
    ]);
    expect(stored.get('component:default/checkout')?.workloads).toMatchObject({
      status: 'ok',
      source: 'manifests',
      collectedAt: '2026-11-25T10:00:00.000Z',
      value: { workloads: [{ name: 'api', replicas: 2 }] },
    });
  });
});
