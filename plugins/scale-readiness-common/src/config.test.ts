import {
  DEFAULT_READINESS_CONFIG,
  isCheckDisabled,
  readinessConfigFromAppConfig,
  resolveReadinessConfig,
} from './config';

describe('resolveReadinessConfig', () => {
  it('returns the documented defaults', () => {
    const c = resolveReadinessConfig();
    expect(c).toEqual(DEFAULT_READINESS_CONFIG);
    expect(c.growthFactor).toBe(3);
    expect(c.dimensionWeights).toEqual({
      autoscaling: 35,
      quotas: 25,
      docs: 15,
      ownership: 25,
    });
    expect(c.severityWeights).toEqual({
      critical: 8,
      high: 4,
      medium: 2,
      low: 1,
    });
    expect(c.thresholds.minReplicas).toBe(2);
    expect(c.levels.gold).toMatchObject({
      minScore: 90,
      requireChainHeadroom: true,
    });
  });

  it('merges partial overrides deeply without mutating the defaults', () => {
    const c = resolveReadinessConfig({
      growthFactor: 10,
      dimensionWeights: { docs: 0 },
      thresholds: { minReplicas: 3 },
      levels: { gold: { minScore: 95 } },
    });
    expect(c.growthFactor).toBe(10);
    expect(c.dimensionWeights).toEqual({
      autoscaling: 35,
      quotas: 25,
      docs: 0,
      ownership: 25,
    });
    expect(c.thresholds).toMatchObject({
      minReplicas: 3,
      minGracePeriodSeconds: 30,
    });
    expect(c.levels.gold).toMatchObject({
      minScore: 95,
      requireChainHeadroom: true,
      maxHighFailures: 0,
    });
    c.disabledChecks.push('x');
    c.thresholds.minReplicas = 99;
    expect(DEFAULT_READINESS_CONFIG.disabledChecks).toEqual([]);
    expect(DEFAULT_READINESS_CONFIG.thresholds.minReplicas).toBe(2);
  });

  it.each([
    [{ growthFactor: -1 }, /growthFactor must be greater than 0/],
    [{ growthFactor: 0 }, /growthFactor/],
    [{ growthFactor: Infinity }, /growthFactor must be a finite number/],
    [
      { dimensionWeights: { speed: 3 } },
      /dimensionWeights.speed is not a known key/,
    ],
    [
      { dimensionWeights: { docs: -1 } },
      /dimensionWeights.docs must be at least 0/,
    ],
    [
      {
        dimensionWeights: { autoscaling: 0, quotas: 0, docs: 0, ownership: 0 },
      },
      /at least one dimension/,
    ],
    [{ severityWeights: { blocker: 1 } }, /severityWeights.blocker/],
    [
      { thresholds: { minReplicas: 1.5 } },
      /thresholds.minReplicas must be an integer/,
    ],
    [
      { thresholds: { headroomWarnMargin: 0.5 } },
      /headroomWarnMargin must be at least 1/,
    ],
    [{ thresholds: { nope: 1 } }, /thresholds.nope/],
    [{ levels: { platinum: { minScore: 99 } } }, /levels.platinum/],
    [
      { levels: { bronze: { minScore: 120 } } },
      /levels.bronze.minScore must be at most 100/,
    ],
    [{ levels: { silver: { minScore: 95 } } }, /gold ≥ silver ≥ bronze/],
    [{ disabledChecks: 'docs.runbook' }, /disabledChecks must be a list/],
    [{ colour: 'red' }, /colour is not a known key/],
  ])('rejects %j', (partial, message) => {
    expect(() => resolveReadinessConfig(partial as never)).toThrow(message);
  });
});

describe('readinessConfigFromAppConfig', () => {
  it('maps the app-config shape and ignores unrelated keys', () => {
    const c = readinessConfigFromAppConfig({
      growthFactor: 1.5,
      disabledChecks: ['docs.load-test'],
      weights: { dimensions: { quotas: 50 }, severity: { low: 0 } },
      thresholds: { minChampions: 1 },
      schedule: { frequency: { minutes: 30 } },
    });
    expect(c.growthFactor).toBe(1.5);
    expect(c.disabledChecks).toEqual(['docs.load-test']);
    expect(c.dimensionWeights.quotas).toBe(50);
    expect(c.severityWeights.low).toBe(0);
    expect(c.thresholds.minChampions).toBe(1);
    expect(readinessConfigFromAppConfig(undefined)).toEqual(
      DEFAULT_READINESS_CONFIG,
    );
    expect(() =>
      readinessConfigFromAppConfig({ weights: { dimension: {} } }),
    ).toThrow(/weights.dimension is not a known key/);
  });
});

describe('isCheckDisabled', () => {
  it('matches exact ids and prefix wildcards', () => {
    expect(isCheckDisabled('docs.runbook', ['docs.runbook'])).toBe(true);
    expect(isCheckDisabled('docs.runbook', ['docs.*'])).toBe(true);
    expect(isCheckDisabled('docs.runbook', ['docs.run'])).toBe(false);
    expect(isCheckDisabled('scale-in.grace-period', ['docs.*'])).toBe(false);
  });
});
