import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import { CatalogFactProvider } from './CatalogFactProvider';

const now = new Date('2026-11-25T12:00:00.000Z');

function entity(
  kind: string,
  name: string,
  spec: JsonObject = {},
  metadata: Partial<Entity['metadata']> = {},
  relations?: Entity['relations'],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...metadata },
    spec,
    ...(relations ? { relations } : {}),
  };
}

const teamA = entity(
  'Group',
  'team-a',
  { type: 'team', children: [] },
  {
    annotations: {
      'scale-readiness.io/champions':
        'jane, user:default/mallory, ghost, Carol, jane/, group:team-b',
      'scale-readiness.io/ci-capacity':
        'maxRunners: 20\npeakConcurrentJobs: "3"',
    },
    links: [{ url: 'https://wiki/onboarding', type: 'onboarding' }],
  },
  [
    { type: 'hasMember', targetRef: 'user:default/jane' },
    { type: 'hasMember', targetRef: 'user:default/bob' },
  ],
);
const teamB = entity(
  'Group',
  'team-b',
  { type: 'team' },
  {
    annotations: {
      'scale-readiness.io/onboarding': 'https://wiki/b',
      'scale-readiness.io/ci-capacity': '{ "maxRunners": "many" }',
    },
  },
);
const users = [
  entity('User', 'jane'),
  entity('User', 'bob'),
  entity('User', 'mallory'),
  entity('User', 'carol', { memberOf: ['team-a'] }),
];

const apis = [
  entity('API', 'orders-api', {
    type: 'openapi',
    definition:
      'openapi: 3.0.0\ninfo: { title: Orders }\npaths:\n  /orders:\n    get: {}\n',
  }),
  entity('API', 'stub-api', {
    type: 'openapi',
    definition: 'openapi: 3.0.0\ninfo:\n  title: TODO\n  version: 0.0.1\n',
  }),
  entity('API', 'graph-api', {
    type: 'graphql',
    definition:
      '# schema\ntype Query { orders(first: Int): [Order!]! }\ntype Order { id: ID! }\n',
  }),
  entity('API', 'empty-api', {
    type: 'grpc',
    definition: '  // nothing yet\n',
  }),
];

const resources = [
  entity(
    'Resource',
    'orders-db',
    { type: 'database' },
    {
      annotations: {
        'scale-readiness.io/quotas':
          '- name: write-capacity\n  limit: 4000\n  peak: 1500\n  unit: WCU\n  adjustable: true\n',
      },
    },
  ),
  entity(
    'Resource',
    'prod-cluster',
    { type: 'kubernetes-cluster' },
    {
      annotations: {
        'scale-readiness.io/node-capacity':
          'nodeGroups:\n  - { name: general, minSize: 3, maxSize: 20, currentSize: 8 }\nnodePools:\n  - { name: spot, limits: { cpu: "1000" }, usage: { cpu: 250500m } }\n',
      },
    },
  ),
  entity(
    'Resource',
    'broken-db',
    { type: 'database' },
    {
      annotations: {
        'scale-readiness.io/quotas': '- name: x\n  limit: lots\n  peak: 1\n',
      },
    },
  ),
];

const orders = entity(
  'Component',
  'orders',
  {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    providesApis: [
      'orders-api',
      'stub-api',
      'graph-api',
      'empty-api',
      'missing-api',
    ],
    dependsOn: [
      'resource:orders-db',
      'resource:prod-cluster',
      'component:payments',
      'resource:gone',
    ],
  },
  {
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'scale-readiness.io/docs-updated': '2026-10-01',
      'scale-readiness.io/load-test-report': 'https://reports/orders',
      'scale-readiness.io/load-test-date': '2026-09-15T10:00:00Z',
      'scale-readiness.io/quotas':
        '[{"name":"stripe-api","limit":100,"peak":"40","unit":"req/s"}]',
      'scale-readiness.io/serverless':
        'functionName: orders-fn\nreservedConcurrency: 200\npeakConcurrency: 120\n',
    },
    links: [{ url: 'https://runbooks/orders', type: 'runbook' }],
  },
);

const broken = entity(
  'Component',
  'broken',
  { owner: 'user:jane', dependsOn: ['resource:broken-db'] },
  {
    annotations: {
      'scale-readiness.io/quotas': 'name: [oops',
      'scale-readiness.io/docs-updated': 'last week',
      'scale-readiness.io/serverless': '{ functionName: f }',
    },
  },
);
const orphan = entity('Component', 'orphan', { type: 'service' });
const lost = entity('Component', 'lost', { owner: 'group:default/nope' });
const teamBService = entity('Component', 'b-svc', { owner: 'team-b' });

const everything = [
  teamA,
  teamB,
  ...users,
  ...apis,
  ...resources,
  orders,
  broken,
  orphan,
  lost,
  teamBService,
];

function fakeCatalog(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const calls: string[][] = [];
  return {
    calls,
    catalog: {
      async getEntitiesByRefs(refs: string[]) {
        calls.push(refs);
        // Like the catalog API: an invalid ref fails the whole request.
        refs.forEach(ref => parseEntityRef(ref));
        return refs.map(ref => byRef.get(ref));
      },
    },
  };
}

function context(catalog: FactProviderContext['catalog']): FactProviderContext {
  return { logger: mockServices.logger.mock(), catalog, now };
}

describe('CatalogFactProvider', () => {
  const provider = new CatalogFactProvider();

  it('collects ownership with members, champions and onboarding', async () => {
    const { catalog, calls } = fakeCatalog(everything);
    const result = await provider.collect(
      [orders, orphan, lost, teamBService],
      context(catalog),
    );
    expect(calls).toHaveLength(2);
    expect(new Set(calls.flat()).size).toBe(calls.flat().length);

    const ownership = result.get('component:default/orders')!.ownership!;
    expect(ownership).toMatchObject({
      status: 'ok',
      source: 'catalog',
      location: 'group:default/team-a',
      collectedAt: now.toISOString(),
    });
    expect(ownership.value).toEqual({
      ownerRef: 'group:default/team-a',
      ownerResolves: true,
      ownerIsGroup: true,
      memberCount: 3,
      champions: [
        'user:default/jane',
        'user:default/mallory',
        'user:default/ghost',
        'user:default/carol',
        'jane/',
        'group:default/team-b',
      ],
      validChampions: ['user:default/jane', 'user:default/carol'],
      onboardingUrl: 'https://wiki/onboarding',
    });

    expect(result.get('component:default/orphan')!.ownership!.value).toEqual({
      ownerIsGroup: false,
      ownerResolves: false,
      memberCount: 0,
      champions: [],
      validChampions: [],
    });
    expect(
      result.get('component:default/lost')!.ownership!.value,
    ).toMatchObject({
      ownerRef: 'group:default/nope',
      ownerResolves: false,
      ownerIsGroup: false,
    });
    const b = result.get('component:default/b-svc')!.ownership!.value!;
    expect(b).toMatchObject({
      ownerIsGroup: true,
      memberCount: 0,
      champions: [],
    });
    expect(b.onboardingUrl).toBe('https://wiki/b');
  });

  it('collects docs facts and judges API definitions', async () => {
    const { catalog } = fakeCatalog(everything);
    const docs = (await provider.collect([orders], context(catalog))).get(
      'component:default/orders',
    )!.docs!;
    expect(docs.status).toBe('ok');
    expect(docs.location).toBe('component:default/orders');
    expect(docs.value).toEqual({
      techdocsRef: 'dir:.',
      techdocsUpdatedAt: '2026-10-01',
      runbookUrl: 'https://runbooks/orders',
      loadTestReportUrl: 'https://reports/orders',
      loadTestDate: '2026-09-15T10:00:00Z',
      providedApis: [
        { entityRef: 'api:default/empty-api', hasDefinition: false },
        { entityRef: 'api:default/graph-api', hasDefinition: true },
        { entityRef: 'api:default/missing-api', hasDefinition: false },
        { entityRef: 'api:default/orders-api', hasDefinition: true },
        { entityRef: 'api:default/stub-api', hasDefinition: false },
      ],
    });
  });

  it('collects declared quotas, node capacity, serverless and CI capacity', async () => {
    const { catalog } = fakeCatalog(everything);
    const facts = (await provider.collect([orders], context(catalog))).get(
      'component:default/orders',
    )!;
    expect(facts.quotas).toMatchObject({
      status: 'ok',
      source: 'declared',
      location: 'scale-readiness.io/quotas on component:default/orders',
    });
    expect(facts.quotas!.value).toEqual([
      {
        id: 'declared/component:default/orders/stripe-api',
        name: 'stripe-api',
        limit: 100,
        peak: 40,
        unit: 'req/s',
        origin: 'declared',
      },
    ]);
    // orders-db's own quota stays on orders-db (scored on its own; the chain
    // carries its headroom to orders).
    expect(facts.quotas!.value!.map(q => q.id)).not.toContain(
      'declared/resource:default/orders-db/write-capacity',
    );
    expect(facts.nodeCapacity!.value).toEqual({
      clusters: [
        {
          name: 'prod-cluster',
          nodeGroups: [
            { name: 'general', minSize: 3, maxSize: 20, currentSize: 8 },
          ],
          nodePools: [{ name: 'spot', limitCpu: 1000, usedCpu: 250.5 }],
        },
      ],
    });
    expect(facts.serverless).toMatchObject({
      status: 'ok',
      value: {
        functions: [
          {
            functionName: 'orders-fn',
            reservedConcurrency: 200,
            peakConcurrency: 120,
          },
        ],
      },
    });
    expect(facts.ciCapacity).toMatchObject({
      status: 'ok',
      source: 'declared',
      location: 'scale-readiness.io/ci-capacity on group:default/team-a',
      value: { maxRunners: 20, peakConcurrentJobs: 3 },
    });
  });

  it('turns invalid declarations into error sections, never passes', async () => {
    const { catalog } = fakeCatalog(everything);
    const result = await provider.collect(
      [broken, teamBService],
      context(catalog),
    );
    const facts = result.get('component:default/broken')!;
    expect(facts.quotas!.status).toBe('error');
    expect(facts.quotas!.value).toBeUndefined();
    expect(facts.quotas!.error).toContain(
      'component:default/broken: scale-readiness.io/quotas is not valid YAML or JSON',
    );
    expect(facts.docs).toMatchObject({
      status: 'error',
      error: "scale-readiness.io/docs-updated is not an ISO date: 'last week'",
    });
    expect(facts.serverless!.status).toBe('error');
    expect(facts.serverless!.error).toMatch(/peakConcurrency/);
    expect(facts.ownership!.value).toMatchObject({
      ownerRef: 'user:default/jane',
      ownerResolves: true,
      ownerIsGroup: false,
    });
    expect(facts.ciCapacity).toBeUndefined();
    expect(result.get('component:default/b-svc')!.ciCapacity).toMatchObject({
      status: 'error',
      error: expect.stringContaining('maxRunners: expected a number'),
    });
  });

  it('omits sections nothing is declared for', async () => {
    const { catalog } = fakeCatalog(everything);
    const facts = (await provider.collect([orphan], context(catalog))).get(
      'component:default/orphan',
    )!;
    expect(Object.keys(facts).sort()).toEqual(['docs', 'ownership']);
    expect(facts.docs!.value).toEqual({ providedApis: [] });
  });

  it('marks sections needing related entities as error when the catalog fails', async () => {
    const failing = {
      async getEntitiesByRefs(): Promise<Array<Entity | undefined>> {
        throw new Error('catalog down');
      },
    };
    const result = await provider.collect([orders, orphan], context(failing));
    const facts = result.get('component:default/orders')!;
    expect(facts.ownership).toMatchObject({
      status: 'error',
      error: 'catalog lookup failed: catalog down',
    });
    expect(facts.docs!.status).toBe('error');
    // Quotas are the entity's own declaration: no lookup, unaffected.
    expect(facts.quotas!.status).toBe('ok');
    expect(facts.nodeCapacity!.status).toBe('error');
    expect(facts.ciCapacity!.status).toBe('error');
    expect(facts.serverless!.status).toBe('ok');
    // No provided APIs: docs need no lookup and stay ok.
    expect(result.get('component:default/orphan')!.docs!.status).toBe('ok');
  });
});
