import { DEFAULT_READINESS_CONFIG } from '@scale-readiness/plugin-scale-readiness-common';
import {
  chainFacts,
  COLLECTED_AT,
  entityResponse,
} from '../__testUtils__/fixtures';
import {
  browserReadinessConfig,
  evaluateAtFactor,
  findResult,
  waiversOf,
} from './browserEngine';
import { newlyFailingChecks, noLongerFailingChecks } from './diff';

const now = new Date(COLLECTED_AT);

describe('in-browser evaluation', () => {
  it('a quota check that passes at 2× fails at 5× (real engine)', () => {
    const facts = chainFacts();
    const at2 = evaluateAtFactor(facts, DEFAULT_READINESS_CONFIG, 2, { now });
    const at5 = evaluateAtFactor(facts, DEFAULT_READINESS_CONFIG, 5, { now });
    const api2 = findResult(at2, 'component:default/orders-api')!;
    const api5 = findResult(at5, 'component:default/orders-api')!;
    expect(api2.checks.find(c => c.id === 'quotas.headroom')?.status).toBe(
      'pass',
    );
    expect(api5.checks.find(c => c.id === 'quotas.headroom')?.status).toBe(
      'fail',
    );
    expect(
      newlyFailingChecks(api2.checks, api5.checks).map(c => c.id),
    ).toContain('quotas.headroom');
    expect(
      noLongerFailingChecks(api5.checks, api2.checks).map(c => c.id),
    ).toContain('quotas.headroom');
    // the chain's weakest link is the database (2.5×)
    expect(api5.chain.headroom).toBeCloseTo(2.5);
    expect(api5.chain.weakestLink?.entityRef).toBe(
      'resource:default/orders-db',
    );
  });

  it('falls back to defaults on an invalid app-config block', () => {
    expect(browserReadinessConfig({ growthFactor: -1 }).growthFactor).toBe(
      DEFAULT_READINESS_CONFIG.growthFactor,
    );
    expect(browserReadinessConfig({ growthFactor: 4 }).growthFactor).toBe(4);
    expect(browserReadinessConfig(undefined)).toEqual(
      expect.objectContaining({
        growthFactor: DEFAULT_READINESS_CONFIG.growthFactor,
      }),
    );
  });

  it('carries waivers of the stored result into the re-evaluation', () => {
    const { result } = entityResponse();
    const waived = {
      ...result,
      checks: result.checks.map(c =>
        c.id === 'quotas.headroom'
          ? {
              ...c,
              waived: {
                reason: 'peak season over',
                approvedBy: 'user:default/bob',
                expiresAt: '2099-01-01T00:00:00Z',
              },
            }
          : c,
      ),
    };
    const waivers = waiversOf(waived);
    expect(waivers).toEqual([
      expect.objectContaining({
        entityRef: result.entityRef,
        checkId: 'quotas.headroom',
        approvedBy: 'user:default/bob',
      }),
    ]);
    const at5 = evaluateAtFactor(chainFacts(), DEFAULT_READINESS_CONFIG, 5, {
      now,
      waivers,
    });
    expect(
      findResult(at5, result.entityRef)!.checks.find(
        c => c.id === 'quotas.headroom',
      )?.waived,
    ).toBeDefined();
  });
});
