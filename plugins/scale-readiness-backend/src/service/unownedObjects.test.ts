import { TestDatabases } from '@backstage/backend-test-utils';
import type { WorkloadSetFacts } from '@scale-readiness/plugin-scale-readiness-common';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import type { FactsRow } from '../database/ReadinessStore';
import { databaseServiceFor, makeBase } from '../database/testFixtures';
import { listUnownedObjects } from './unownedObjects';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const TEAM = 'group:default/shop';
const AT = new Date('2026-11-25T10:00:00Z');

function facts(
  entityRef: string,
  providerId: string,
  value: Partial<WorkloadSetFacts>,
  location: string,
): FactsRow {
  return {
    entityRef,
    providerId,
    status: 'ok',
    hash: `${providerId}-${entityRef}-${JSON.stringify(value).length}`,
    facts: {
      workloads: {
        status: 'ok',
        source: providerId,
        location,
        collectedAt: AT.toISOString(),
        value: {
          workloads: [],
          danglingScalers: [],
          resourceQuotas: [],
          ...value,
        },
      },
    },
    collectedAt: AT,
  };
}

const deployment = (name: string, namespace: string) => ({
  kind: 'Deployment' as const,
  name,
  namespace,
  podLabels: { app: name },
  containers: [],
  scalers: [],
  pdbs: [],
  origin: 'manifests',
});

describe.each(databases.eachSupportedId())(
  'listUnownedObjects (issue 16, item 1), %p',
  databaseId => {
    it('lists dangling autoscalers, PDBs matching no pod and quotas of namespaces no component runs in, with where they were read', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseReadinessStore.create({
        database: databaseServiceFor(knex),
      });
      const refs = ['component:default/cart', 'component:default/orders'];
      await store.upsertEntities(
        refs.map(entityRef => ({
          entityRef,
          kind: 'Component',
          ownerRef: TEAM,
          base: makeBase(entityRef, TEAM),
        })),
        AT,
      );
      await store.upsertFacts([
        facts(
          refs[0],
          'manifests',
          {
            workloads: [deployment('cart', 'shop')],
            danglingScalers: [
              {
                kind: 'HorizontalPodAutoscaler',
                name: 'checkout',
                namespace: 'shop',
                metrics: ['Resource/cpu'],
                target: 'Deployment/checkout',
              },
            ],
            orphanPdbs: [
              { name: 'inventory', namespace: 'shop', maxUnavailable: 1 },
            ],
            resourceQuotas: [
              {
                name: 'shop',
                namespace: 'shop',
                hard: { 'requests.cpu': '10' },
              },
              { name: 'legacy', namespace: 'legacy', hard: { pods: '20' } },
            ],
          },
          'https://git.example/shop/k8s/',
        ),
        // The live source reports the same dangling HPA: listed once per source.
        facts(
          refs[1],
          'kubernetes',
          {
            workloads: [deployment('orders', 'orders')],
            danglingScalers: [
              {
                kind: 'HorizontalPodAutoscaler',
                name: 'orders-old',
                namespace: 'orders',
                metrics: ['Resource/cpu'],
                target: 'Deployment/orders-v1',
              },
            ],
          },
          'prod',
        ),
      ]);

      const response = await listUnownedObjects(store);
      expect(
        response.objects.map(o => [
          o.type,
          o.kind,
          o.namespace,
          o.name,
          o.foundOn,
          o.location,
        ]),
      ).toEqual([
        [
          'dangling-autoscaler',
          'HorizontalPodAutoscaler',
          'orders',
          'orders-old',
          'component:default/orders',
          'prod',
        ],
        [
          'dangling-autoscaler',
          'HorizontalPodAutoscaler',
          'shop',
          'checkout',
          'component:default/cart',
          'https://git.example/shop/k8s/',
        ],
        [
          'orphan-pdb',
          'PodDisruptionBudget',
          'shop',
          'inventory',
          'component:default/cart',
          'https://git.example/shop/k8s/',
        ],
        [
          'unowned-quota',
          'ResourceQuota',
          'legacy',
          'legacy',
          'component:default/cart',
          'https://git.example/shop/k8s/',
        ],
      ]);
      expect(response.objects[1].message).toContain(
        'targets Deployment/checkout',
      );
      expect(response.entitiesScanned).toBe(2);

      // The objects read with one component's manifests or live objects,
      // for its page; the quota test still looks at every entity's namespaces.
      const cart = await listUnownedObjects(store, {
        entityRef: 'component:default/cart',
      });
      expect(cart.objects.map(o => [o.type, o.name])).toEqual([
        ['dangling-autoscaler', 'checkout'],
        ['orphan-pdb', 'inventory'],
        ['unowned-quota', 'legacy'],
      ]);
      expect(cart.entitiesScanned).toBe(2);
      expect(
        (
          await listUnownedObjects(store, {
            entityRef: 'component:default/nothing',
          })
        ).objects,
      ).toEqual([]);
      await knex.destroy();
    });
  },
);
