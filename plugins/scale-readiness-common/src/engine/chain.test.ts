import { resolveReadinessConfig } from '../config';
import type { EntityFacts } from '../facts';
import type { HeadroomLimit } from '../results';
import { computeChains } from './chain';
import { evaluateAll, propagateChains, simulate } from './evaluateAll';
import { evaluateEntity } from './evaluate';
import { levelFor, levelSummaryOf } from './level';
import {
  bare,
  NOW,
  ok,
  quota,
  scaler,
  service,
  workload,
  workloads,
} from './__testUtils__/builders';

const config = resolveReadinessConfig();

/** A healthy service (own headroom 4 from its node groups) whose quota gives `headroom` when lower. */
function svc(
  name: string,
  relations: Partial<EntityFacts['relations']> = {},
  headroom?: number,
): EntityFacts {
  return service(`component:default/${name}`, {
    relations: {
      dependsOn: [],
      consumesApis: [],
      providesApis: [],
      ...relations,
    },
    ...(headroom !== undefined
      ? {
          quotas: ok([
            quota({ name: `${name}-quota`, limit: headroom * 100, peak: 100 }),
          ]),
        }
      : {}),
  });
}

const byRef = (results: ReturnType<typeof evaluateAll>) =>
  new Map(results.map(r => [r.entityRef, r]));

describe('evaluateAll chain propagation', () => {
  it('takes the minimum over transitive dependsOn with weakest link and path', () => {
    const results = byRef(
      evaluateAll(
        [
          svc('a', { dependsOn: ['component:default/b'] }),
          svc('b', { dependsOn: ['component:default/c'] }),
          svc('c', {}, 1.4),
        ],
        config,
        { now: NOW },
      ),
    );
    const a = results.get('component:default/a')!;
    expect(a.ownHeadroom?.headroom).toBe(4);
    expect(a.chain.headroom).toBe(1.4);
    expect(a.chain.weakestLink).toMatchObject({
      entityRef: 'component:default/c',
      checkId: 'quotas.headroom',
      headroom: 1.4,
    });
    expect(a.chain.weakestLink?.message).toContain('c-quota');
    expect(a.chain.path).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(a.chain.members).toEqual([
      'component:default/b',
      'component:default/c',
    ]);
    expect(a.chain.cycles).toEqual([]);
    expect(results.get('component:default/c')!.chain.path).toEqual([
      'component:default/c',
    ]);
  });

  it('computes the level after the chain: a healthy service with a weak dependency is not gold', () => {
    const alone = evaluateEntity(svc('a'), config, { now: NOW });
    expect(alone.level).toBe('gold');
    const results = byRef(
      evaluateAll(
        [svc('a', { dependsOn: ['component:default/db'] }), svc('db', {}, 2)],
        config,
        { now: NOW },
      ),
    );
    expect(results.get('component:default/a')!.level).toBe('bronze');
    expect(results.get('component:default/a')!.score).toBe(alone.score);
  });

  it('maps consumed APIs to the components that provide them', () => {
    const api = bare('api:default/payments', 'API', { type: 'openapi' });
    const results = byRef(
      evaluateAll(
        [
          svc('shop', { consumesApis: ['api:default/payments'] }),
          svc('payments', { providesApis: ['api:default/payments'] }, 2),
          api,
        ],
        config,
        { now: NOW },
      ),
    );
    const shop = results.get('component:default/shop')!;
    expect(shop.chain.headroom).toBe(2);
    expect(shop.chain.path).toEqual([
      'component:default/shop',
      'component:default/payments',
    ]);
    expect(shop.chain.members).toEqual(['component:default/payments']);
    expect(shop.chain.missing).toEqual([]);
  });

  it('falls back to the API entity when nobody provides it, and lists unknown refs as missing', () => {
    const results = byRef(
      evaluateAll(
        [
          svc('shop', {
            consumesApis: ['api:default/orphan', 'api:default/nowhere'],
            dependsOn: ['resource:default/ghost-db'],
          }),
          bare('api:default/orphan', 'API'),
        ],
        config,
        { now: NOW },
      ),
    );
    const shop = results.get('component:default/shop')!;
    expect(shop.chain.members).toEqual(['api:default/orphan']);
    expect(shop.chain.missing.sort()).toEqual([
      'api:default/nowhere',
      'resource:default/ghost-db',
    ]);
    expect(shop.chain.headroom).toBe(4);
  });

  it('reports cycles; members of a cycle share its minimum; dependants see it', () => {
    const facts = [
      svc('x', { dependsOn: ['component:default/y'] }),
      svc('y', { dependsOn: ['component:default/z'] }, 1.2),
      svc('z', { dependsOn: ['component:default/x'] }),
      svc('w', { dependsOn: ['component:default/x'] }),
    ];
    const results = byRef(evaluateAll(facts, config, { now: NOW }));
    for (const ref of ['x', 'y', 'z', 'w']) {
      const r = results.get(`component:default/${ref}`)!;
      expect(r.chain.headroom).toBe(1.2);
      expect(r.chain.weakestLink?.entityRef).toBe('component:default/y');
      expect(r.chain.cycles).toHaveLength(1);
      expect([...r.chain.cycles[0]].sort()).toEqual([
        'component:default/x',
        'component:default/y',
        'component:default/z',
      ]);
    }
    expect(results.get('component:default/x')!.chain.path).toEqual([
      'component:default/x',
      'component:default/y',
    ]);
    expect(results.get('component:default/z')!.chain.path).toEqual([
      'component:default/z',
      'component:default/x',
      'component:default/y',
    ]);
    expect(results.get('component:default/w')!.chain.path).toEqual([
      'component:default/w',
      'component:default/x',
      'component:default/y',
    ]);
    expect(results.get('component:default/x')!.chain.members.sort()).toEqual([
      'component:default/y',
      'component:default/z',
    ]);
  });

  it('matches refs case-insensitively and ignores self references', () => {
    const results = byRef(
      evaluateAll(
        [
          svc('a', {
            dependsOn: ['Component:default/B', 'component:default/a'],
          }),
          svc('b', {}, 1.5),
        ],
        config,
        { now: NOW },
      ),
    );
    expect(results.get('component:default/a')!.chain).toMatchObject({
      headroom: 1.5,
      missing: [],
      cycles: [],
    });
  });

  it('simulate: the same chain passes gold at 1.5× and not at 3×', () => {
    const facts = [
      svc('a', { dependsOn: ['component:default/db'] }),
      svc('db', {}, 2),
    ];
    const low = byRef(simulate(facts, 1.5, config, { now: NOW }));
    const high = byRef(simulate(facts, 3, config, { now: NOW }));
    expect(low.get('component:default/a')!.level).toBe('gold');
    expect(low.get('component:default/a')!.growthFactor).toBe(1.5);
    expect(high.get('component:default/a')!.level).toBe('bronze');
    expect(
      high
        .get('component:default/db')!
        .checks.find(c => c.id === 'quotas.headroom')!.status,
    ).toBe('fail');
    expect(() => simulate(facts, -1, config)).toThrow(/growthFactor/);
  });
});

describe('propagateChains', () => {
  it('gives stored single-entity results the same chain and level as evaluateAll', () => {
    const facts = [
      svc('a', { dependsOn: ['component:default/b'] }),
      svc('b', {}, 2),
    ];
    const single = facts.map(f => evaluateEntity(f, config, { now: NOW }));
    expect(single[0].level).toBe('gold');
    const propagated = propagateChains(
      single,
      new Map(facts.map(f => [f.entityRef, f])),
      config,
    );
    const all = evaluateAll(facts, config, { now: NOW });
    expect(propagated.map(r => [r.chain, r.level])).toEqual(
      all.map(r => [r.chain, r.level]),
    );
    expect(single[0].level).toBe('gold');
  });
});

describe('streaming pattern (evaluateEntity + computeChains + levelFor)', () => {
  it('gives the same chains and levels as evaluateAll while keeping only summaries', () => {
    const facts = [
      svc('a', {
        dependsOn: ['component:default/b'],
        consumesApis: ['api:default/p'],
      }),
      svc('b', {}, 3.3),
      svc('p', { providesApis: ['api:default/p'] }, 2.2),
      svc('q', { dependsOn: ['component:default/a'] }),
    ];
    const kept = facts.map(f => {
      const r = evaluateEntity(f, config, { now: NOW });
      return {
        node: {
          entityRef: r.entityRef,
          relations: f.relations,
          ownHeadroom: r.ownHeadroom,
        },
        summary: levelSummaryOf(r),
      };
    });
    const chains = computeChains(kept.map(k => k.node));
    const levels = kept.map((k, i) =>
      levelFor(k.summary, chains[i].headroom, config.growthFactor, config),
    );
    const all = evaluateAll(facts, config, { now: NOW });
    expect(chains).toEqual(all.map(r => r.chain));
    expect(levels).toEqual(all.map(r => r.level));
    expect(levels[3]).toBe('bronze');
    expect(chains[3].path).toEqual([
      'component:default/q',
      'component:default/a',
      'component:default/p',
    ]);
  });
});

describe('computeChains', () => {
  const limit = (entityRef: string, headroom: number): HeadroomLimit => ({
    entityRef,
    checkId: 'x',
    headroom,
    message: '',
  });
  const rel = (dependsOn: string[] = []) => ({
    dependsOn,
    consumesApis: [],
    providesApis: [],
  });

  it('returns null headroom and no path when nothing is limited', () => {
    const [chain] = computeChains([
      { entityRef: 'a', relations: rel(['b']), ownHeadroom: null },
      { entityRef: 'b', relations: rel(), ownHeadroom: null },
    ]);
    expect(chain).toEqual({
      headroom: null,
      members: ['b'],
      path: [],
      cycles: [],
      missing: [],
    });
  });

  it('stays linear and bounded on a 50,000-long chain and a 50,000-node ring', () => {
    const n = 50_000;
    const line = Array.from({ length: n }, (_, i) => ({
      entityRef: `c${i}`,
      relations: rel(i + 1 < n ? [`c${i + 1}`] : []),
      ownHeadroom: limit(`c${i}`, i === n - 1 ? 1.1 : 10),
    }));
    const chains = computeChains(line, { maxChainMembers: 10 });
    expect(chains[0].headroom).toBe(1.1);
    expect(chains[0].members).toHaveLength(10);
    expect(chains[0].path.length).toBeLessThanOrEqual(11);
    expect(chains[n - 2].path).toEqual([`c${n - 2}`, `c${n - 1}`]);

    const ring = line.map((node, i) => ({
      ...node,
      relations: rel([`c${(i + 1) % n}`]),
    }));
    const ringChains = computeChains(ring, { maxChainMembers: 5 });
    expect(ringChains.every(c => c.headroom === 1.1)).toBe(true);
    expect(ringChains[7].cycles).toHaveLength(1);
    expect(ringChains[7].cycles[0]).toHaveLength(5);
  });
});

describe('chains of members that do not scale', () => {
  /** A service with fixed replicas and no known peak (no autoscaler, no live source). */
  function fixedService(
    name: string,
    dependsOn: string[] = [],
    scalers: Parameters<typeof scaler>[0][] = [],
  ): EntityFacts {
    return service(`component:default/${name}`, {
      relations: { dependsOn, consumesApis: [], providesApis: [] },
      workloads: workloads([
        workload({
          name,
          replicas: 3,
          peakReplicas: undefined,
          scalers: scalers.map(s =>
            scaler({ target: `Deployment/${name}`, ...s }),
          ),
        }),
      ]),
    });
  }

  it('names the first non-scaling member as the weakest link, with its reason, although no peak is known', () => {
    const results = byRef(
      evaluateAll(
        [
          service('component:default/web', {
            relations: {
              dependsOn: ['component:default/cart'],
              consumesApis: [],
              providesApis: [],
            },
          }),
          fixedService('cart', ['component:default/pricing']),
          fixedService('pricing'),
        ],
        config,
        { now: NOW },
      ),
    );
    const web = results.get('component:default/web')!;
    expect(web.chain.headroom).toBe(1);
    expect(web.chain.weakestLink).toMatchObject({
      entityRef: 'component:default/cart',
      checkId: 'autoscaling.hpa-max-headroom',
      headroom: 1,
    });
    expect(web.chain.weakestLink?.message).toContain('no autoscaler');
    expect(web.chain.path).toEqual([
      'component:default/web',
      'component:default/cart',
    ]);
    expect(web.level).not.toBe('gold');
    expect(web.level).not.toBe('silver');
  });

  it('treats an autoscaler with min = max as a chain break', () => {
    const results = byRef(
      evaluateAll(
        [
          service('component:default/web', {
            relations: {
              dependsOn: ['component:default/search'],
              consumesApis: [],
              providesApis: [],
            },
          }),
          fixedService('search', [], [{ minReplicas: 4, maxReplicas: 4 }]),
        ],
        config,
        { now: NOW },
      ),
    );
    const link = results.get('component:default/web')!.chain.weakestLink;
    expect(link?.entityRef).toBe('component:default/search');
    expect(link?.message).toContain('min = max');
  });
});
