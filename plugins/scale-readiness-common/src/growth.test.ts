import { readinessConfigFromAppConfig, resolveReadinessConfig } from './config';
import { evaluateAll } from './engine/evaluateAll';
import { NOW, ok, quota, service } from './engine/__testUtils__/builders';
import { effectiveGrowthOf } from './growth';

/** A service whose only quota survives 4× (limit 400, peak 100). */
function at4(ref: string, extra: Parameters<typeof service>[1] = {}) {
  return service(ref, {
    quotas: ok([quota({ limit: 400, peak: 100 })]),
    ...extra,
  });
}

describe('scoped growth', () => {
  it('annotation on the entity, then config per system, then system annotation', () => {
    const config = readinessConfigFromAppConfig({
      growthFactor: 3,
      growth: { systems: { payments: 5 } },
    });
    const own = ok({ factor: 2, scope: 'entity' as const, declaredOn: 'x' });
    const sys = ok({ factor: 6, scope: 'system' as const, declaredOn: 'y' });
    expect(
      effectiveGrowthOf(
        { system: 'system:default/payments', growth: own },
        config,
      ),
    ).toEqual({ factor: 2, scope: 'entity', declared: 2 });
    expect(
      effectiveGrowthOf(
        { system: 'system:default/payments', growth: sys },
        config,
      ),
    ).toEqual({ factor: 5, scope: 'system-config', declared: 5 });
    expect(
      effectiveGrowthOf({ system: 'system:default/shop', growth: sys }, config),
    ).toEqual({ factor: 6, scope: 'system', declared: 6 });
    expect(
      effectiveGrowthOf({ system: 'system:default/shop' }, config),
    ).toEqual({ factor: 3, scope: 'global', declared: 3 });
  });

  it('scores a system at its own factor; the simulator keeps the ratio', () => {
    const config = readinessConfigFromAppConfig({
      growthFactor: 3,
      growth: { systems: { 'system:default/payments': 5 } },
    });
    const shop = at4('component:default/shop-api');
    const pay = at4('component:default/pay-api', {
      system: 'system:default/payments',
    });
    const [s, p] = evaluateAll([shop, pay], config, { now: NOW });
    const status = (r: typeof s) =>
      r.checks.find(c => c.id === 'quotas.headroom')!.status;
    expect(s.growthFactor).toBe(3);
    expect(status(s)).not.toBe('fail');
    expect(p.growthFactor).toBe(5);
    expect(p.growthScope).toBe('system-config');
    expect(status(p)).toBe('fail');
    // simulated at 1.5× the configured factor: shop 4.5×, payments 7.5×
    const [s2, p2] = evaluateAll(
      [shop, pay],
      { ...config, growthFactor: 4.5 },
      { now: NOW },
    );
    expect(s2.growthFactor).toBe(4.5);
    expect(p2.growthFactor).toBe(7.5);
    expect(status(s2)).toBe('fail');
  });

  it('chains: a caller at 5× needs its dependencies to survive 5×', () => {
    const config = readinessConfigFromAppConfig({
      growthFactor: 3,
      growth: { systems: { payments: 5 } },
    });
    // the db survives 3.5× (its quota), the caller's own limits 4×
    const db = service('component:default/db', {
      quotas: ok([quota({ limit: 350, peak: 100 })]),
    });
    const pay = service('component:default/pay-api', {
      system: 'system:default/payments',
      relations: {
        dependsOn: ['component:default/db'],
        consumesApis: [],
        providesApis: [],
      },
    });
    const [d, p] = evaluateAll([db, pay], config, { now: NOW });
    expect(d.chain.headroom).toBe(3.5);
    expect(p.chain.weakestLink?.entityRef).toBe('component:default/db');
    // the db meets the global 3×; the payments caller's chain misses its 5×
    expect(['gold', 'silver']).toContain(d.level);
    expect(['bronze', 'not-ready']).toContain(p.level);
  });

  it('validates growth.systems and keeps the reference factor on override', () => {
    expect(() =>
      readinessConfigFromAppConfig({ growth: { systems: { payments: 0 } } }),
    ).toThrow(/growth.systems.payments must be a number greater than 0/);
    expect(() =>
      readinessConfigFromAppConfig({ growth: { teams: {} } }),
    ).toThrow(/growth.teams is not a known key/);
    const base = readinessConfigFromAppConfig({ growthFactor: 3 });
    const cli = resolveReadinessConfig({ ...base, growthFactor: 6 });
    expect(cli.growth?.referenceFactor).toBe(3);
  });
});
