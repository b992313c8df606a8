import type { Fact, QuotaFact, WorkloadSetFacts } from './facts';
import {
  BaseEntityFacts,
  mergeFacts,
  orderContributions,
  ProviderFactContribution,
} from './merge';

const base: BaseEntityFacts = {
  entityRef: 'component:default/orders',
  kind: 'component',
  type: 'service',
  title: 'Orders',
  relations: {
    dependsOn: ['resource:default/orders-db'],
    consumesApis: [],
    providesApis: ['api:default/orders-api'],
  },
};

const at = (minute: number) =>
  `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;

function ok<T>(value: T, source: string, minute = 0): Fact<T> {
  return { status: 'ok', value, source, collectedAt: at(minute) };
}
function err<T>(error: string, source: string): Fact<T> {
  return { status: 'error', error, source, collectedAt: at(0) };
}
function none<T>(source: string): Fact<T> {
  return { status: 'not-configured', source, collectedAt: at(0) };
}

function quota(id: string, limit: number): QuotaFact {
  return { id, name: id, limit, peak: 1, origin: 'declared' };
}

function workloads(name: string, origin: string): WorkloadSetFacts {
  return {
    workloads: [
      {
        kind: 'Deployment',
        name,
        podLabels: {},
        containers: [],
        scalers: [],
        pdbs: [],
        origin,
      },
    ],
    danglingScalers: [],
    resourceQuotas: [],
  };
}

describe('mergeFacts', () => {
  it('copies the base facts and leaves uncontributed sections absent', () => {
    const merged = mergeFacts(base, []);
    expect(merged).toEqual(base);
    expect(merged.relations).not.toBe(base.relations);
    expect(merged.quotas).toBeUndefined();
    expect('ownership' in merged).toBe(false);
  });

  it('concatenates ok quotas from several providers, first id wins', () => {
    const merged = mergeFacts(base, [
      {
        providerId: 'catalog',
        facts: {
          quotas: {
            ...ok([quota('declared/a', 10), quota('shared', 1)], 'declared', 5),
            location: 'scale-readiness.io/quotas',
          },
        },
      },
      {
        providerId: 'aws',
        facts: {
          quotas: {
            ...ok([quota('aws/x', 1000), quota('shared', 2)], 'aws', 3),
            location: 'us-east-1',
          },
        },
      },
    ]);
    expect(merged.quotas?.status).toBe('ok');
    // aws is live, so it comes before the catalog fallback.
    expect(merged.quotas?.value?.map(q => q.id)).toEqual([
      'aws/x',
      'shared',
      'declared/a',
    ]);
    expect(merged.quotas?.value?.find(q => q.id === 'shared')?.limit).toBe(2);
    expect(merged.quotas?.source).toBe('aws,declared');
    expect(merged.quotas?.collectedAt).toBe(at(3));
    expect(merged.quotas?.location).toBe(
      'us-east-1, scale-readiness.io/quotas',
    );
    expect(merged.quotas?.error).toBeUndefined();
  });

  it('keeps quotas ok with partial failures recorded, error when all fail', () => {
    const partial = mergeFacts(base, [
      { providerId: 'aws', facts: { quotas: err('throttled', 'aws') } },
      {
        providerId: 'catalog',
        facts: { quotas: ok([quota('d', 5)], 'declared') },
      },
    ]);
    expect(partial.quotas?.status).toBe('ok');
    expect(partial.quotas?.value).toHaveLength(1);
    expect(partial.quotas?.error).toBe('aws: throttled');

    const allFailed = mergeFacts(base, [
      { providerId: 'catalog', facts: { quotas: err('bad yaml', 'declared') } },
      { providerId: 'aws', facts: { quotas: err('throttled', 'aws') } },
      { providerId: 'kubernetes', facts: { quotas: none('kubernetes') } },
    ]);
    expect(allFailed.quotas?.status).toBe('error');
    expect(allFailed.quotas?.error).toBe('throttled');

    const nothing = mergeFacts(base, [
      { providerId: 'aws', facts: { quotas: none('aws') } },
    ]);
    expect(nothing.quotas?.status).toBe('not-configured');
  });

  it('prefers live kubernetes workloads over manifests, in any input order', () => {
    const contributions: ProviderFactContribution[] = [
      {
        providerId: 'manifests',
        facts: {
          workloads: ok(workloads('from-git', 'manifests'), 'manifests'),
        },
      },
      {
        providerId: 'kubernetes',
        facts: { workloads: ok(workloads('live', 'kubernetes'), 'kubernetes') },
      },
    ];
    expect(
      mergeFacts(base, contributions).workloads?.value?.workloads[0].name,
    ).toBe('live');
    expect(
      mergeFacts(base, [...contributions].reverse()).workloads?.value
        ?.workloads[0].name,
    ).toBe('live');
  });

  it('prefers kubernetes over any other ok workload source', () => {
    const merged = mergeFacts(base, [
      {
        providerId: 'argocd',
        facts: { workloads: ok(workloads('argo', 'argocd'), 'argocd') },
      },
      {
        providerId: 'kubernetes',
        facts: { workloads: ok(workloads('live', 'kubernetes'), 'kubernetes') },
      },
    ]);
    expect(merged.workloads?.value?.workloads[0].name).toBe('live');
  });

  it('makes every section the live source failed unknown with its error, never manifest data (issue 16, item 3)', () => {
    const contributions: ProviderFactContribution[] = [
      {
        providerId: 'kubernetes',
        facts: {
          workloads: err('cluster unreachable', 'kubernetes'),
          nodeCapacity: err('cluster unreachable', 'kubernetes'),
        },
      },
      {
        providerId: 'manifests',
        facts: {
          workloads: ok(workloads('from-git', 'manifests'), 'manifests'),
        },
      },
      {
        providerId: 'declared',
        facts: {
          nodeCapacity: ok({ clusters: [] }, 'declared'),
        },
      },
    ];
    for (const order of [contributions, [...contributions].reverse()]) {
      const merged = mergeFacts(base, order);
      expect(merged.workloads).toMatchObject({
        status: 'error',
        source: 'kubernetes',
        error: 'cluster unreachable',
      });
      expect(merged.workloads?.value).toBeUndefined();
      expect(merged.nodeCapacity).toMatchObject({
        status: 'error',
        error: 'cluster unreachable',
      });
    }
  });

  it('still uses the manifests when the live source has nothing to say (not configured)', () => {
    const merged = mergeFacts(base, [
      { providerId: 'kubernetes', facts: { workloads: none('kubernetes') } },
      {
        providerId: 'manifests',
        facts: {
          workloads: ok(workloads('from-git', 'manifests'), 'manifests'),
        },
      },
    ]);
    expect(merged.workloads?.status).toBe('ok');
    expect(merged.workloads?.value?.workloads[0].name).toBe('from-git');
  });

  it('reports the first error when no workload source is ok', () => {
    const merged = mergeFacts(base, [
      {
        providerId: 'manifests',
        facts: { workloads: err('bad.yaml: unexpected', 'manifests') },
      },
      {
        providerId: 'kubernetes',
        facts: { workloads: err('timeout', 'kubernetes') },
      },
    ]);
    expect(merged.workloads?.status).toBe('error');
    expect(merged.workloads?.error).toBe('timeout');
  });

  it('lets a live ok section beat the declared catalog value; a live error beats it too', () => {
    const declared = ok({ maxRunners: 5, peakConcurrentJobs: 1 }, 'declared');
    const live = ok({ maxRunners: 50, peakConcurrentJobs: 4 }, 'github');
    const merged = mergeFacts(base, [
      { providerId: 'catalog', facts: { ciCapacity: declared } },
      { providerId: 'github', facts: { ciCapacity: live } },
    ]);
    expect(merged.ciCapacity?.value?.maxRunners).toBe(50);

    const liveFailed = mergeFacts(base, [
      { providerId: 'github', facts: { ciCapacity: err('401', 'github') } },
      { providerId: 'catalog', facts: { ciCapacity: declared } },
    ]);
    expect(liveFailed.ciCapacity).toMatchObject({
      status: 'error',
      error: '401',
    });

    const allErrors = mergeFacts(base, [
      { providerId: 'zeta', facts: { serverless: none('zeta') } },
      { providerId: 'beta', facts: { serverless: err('second', 'beta') } },
      { providerId: 'alpha', facts: { serverless: err('first', 'alpha') } },
    ]);
    expect(allErrors.serverless?.error).toBe('first');

    const allNone = mergeFacts(base, [
      { providerId: 'catalog', facts: { docs: none('catalog') } },
    ]);
    expect(allNone.docs?.status).toBe('not-configured');
  });
});

describe('orderContributions', () => {
  it('puts live providers first (alphabetical), then manifests, declared, catalog', () => {
    const ids = [
      'catalog',
      'manifests',
      'kubernetes',
      'aws',
      'declared',
      'github',
    ];
    const ordered = orderContributions(
      ids.map(providerId => ({ providerId, facts: {} })),
    );
    expect(ordered.map(c => c.providerId)).toEqual([
      'aws',
      'github',
      'kubernetes',
      'manifests',
      'declared',
      'catalog',
    ]);
  });
});
