import { resolveReadinessConfig } from '../config';
import type { CheckStatus, Dimension, Severity } from '../results';
import { BUILTIN_CHECKS } from './checks';
import { evaluateEntity } from './evaluate';
import { stableHash } from './hash';
import type { CheckDefinition } from './types';
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

/** A check that always returns `status` (and `headroom` when given). */
function fixed(
  id: string,
  dimension: Dimension,
  severity: Severity,
  status: CheckStatus,
  headroom?: number | null,
): CheckDefinition {
  return {
    id,
    dimension,
    severity,
    title: id,
    description: 'test check',
    capacity: headroom !== undefined,
    evaluate: () => ({
      status,
      message: `${id} is ${status}`,
      remediation: 'do something',
      headroom,
    }),
  };
}

const config = resolveReadinessConfig();

describe('evaluateEntity', () => {
  it('scores a healthy service 100, full coverage, gold', () => {
    const r = evaluateEntity(service(), config, { now: NOW });
    expect(r.checks).toHaveLength(BUILTIN_CHECKS.length);
    expect(r.score).toBe(100);
    expect(r.level).toBe('gold');
    expect(r.coverage).toEqual({
      // serverless, pdb-vs-min-replicas, k8s-resource-quota, drain-time are n/a
      applicable: BUILTIN_CHECKS.length - 4,
      evaluated: BUILTIN_CHECKS.length - 4,
      ratio: 1,
    });
    expect(r.owner).toBe('group:default/team-a');
    expect(r.ownHeadroom).toMatchObject({
      entityRef: 'component:default/api',
      checkId: 'autoscaling.node-headroom',
      headroom: 4,
    });
    expect(r.chain).toMatchObject({
      headroom: 4,
      path: ['component:default/api'],
      members: [],
    });
    expect(r.growthFactor).toBe(3);
    const passing = r.checks.filter(
      c => c.status === 'pass' || c.status === 'not-applicable',
    );
    expect(
      passing.filter(c => c.remediation !== undefined).map(c => c.id),
    ).toEqual([]);
  });

  it('gives an identical result (hash) a day later when nothing crossed a threshold', () => {
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect(
      stableHash(evaluateEntity(service(), config, { now: tomorrow })),
    ).toBe(stableHash(evaluateEntity(service(), config, { now: NOW })));
  });

  it('weights checks by severity: pass 1, warn 0.5, fail 0, unknown 0; n/a excluded', () => {
    const checks = [
      fixed('a.critical-pass', 'autoscaling', 'critical', 'pass'),
      fixed('a.high-fail', 'autoscaling', 'high', 'fail'),
      fixed('a.low-na', 'autoscaling', 'low', 'not-applicable'),
      fixed('d.medium-warn', 'docs', 'medium', 'warn'),
      fixed('d.low-unknown', 'docs', 'low', 'unknown'),
    ];
    const r = evaluateEntity(bare('component:default/x'), config, {
      checks,
      now: NOW,
    });
    const auto = (8 * 1 + 4 * 0) / (8 + 4);
    const docs = (2 * 0.5 + 1 * 0) / (2 + 1);
    const dim = (d: Dimension) => r.dimensions.find(x => x.dimension === d)!;
    expect(dim('autoscaling').score).toBeCloseTo(auto * 100, 1);
    expect(dim('docs').score).toBeCloseTo(docs * 100, 1);
    expect(dim('quotas').score).toBeNull();
    expect(dim('autoscaling').counts).toEqual({
      pass: 1,
      warn: 0,
      fail: 1,
      unknown: 0,
      'not-applicable': 1,
    });
    expect(r.score).toBeCloseTo(((35 * auto + 15 * docs) / (35 + 15)) * 100, 0);
    expect(r.coverage).toEqual({ applicable: 4, evaluated: 3, ratio: 0.75 });
  });

  it('follows configured weights', () => {
    const checks = [
      fixed('a.fail', 'autoscaling', 'high', 'fail'),
      fixed('d.pass', 'docs', 'high', 'pass'),
    ];
    const base = evaluateEntity(bare('component:default/x'), config, {
      checks,
      now: NOW,
    });
    expect(base.score).toBeCloseTo((15 / 50) * 100, 1);
    const docsHeavy = resolveReadinessConfig({
      dimensionWeights: { docs: 85 },
    });
    expect(
      evaluateEntity(bare('component:default/x'), docsHeavy, {
        checks,
        now: NOW,
      }).score,
    ).toBeCloseTo((85 / 120) * 100, 1);
    const sev = [
      fixed('a.crit', 'autoscaling', 'critical', 'pass'),
      fixed('a.low', 'autoscaling', 'low', 'fail'),
    ];
    const flat = resolveReadinessConfig({ severityWeights: { critical: 1 } });
    expect(
      evaluateEntity(bare('component:default/x'), config, {
        checks: sev,
        now: NOW,
      }).score,
    ).toBeCloseTo((8 / 9) * 100, 1);
    expect(
      evaluateEntity(bare('component:default/x'), flat, {
        checks: sev,
        now: NOW,
      }).score,
    ).toBe(50);
  });

  it('gives a null score, never NaN, when nothing applies', () => {
    const r = evaluateEntity(bare('group:default/team-a', 'Group'), config, {
      now: NOW,
    });
    expect(r.score).toBeNull();
    expect(r.dimensions.every(d => d.score === null)).toBe(true);
    expect(r.coverage).toEqual({ applicable: 0, evaluated: 0, ratio: 1 });
    expect(r.level).toBe('not-ready');
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  it('skips disabled checks, exactly or by prefix', () => {
    const cfg = resolveReadinessConfig({
      disabledChecks: ['docs.load-test', 'scale-in.*'],
    });
    const ids = evaluateEntity(service(), cfg, { now: NOW }).checks.map(
      c => c.id,
    );
    expect(ids).not.toContain('docs.load-test');
    expect(ids.some(id => id.startsWith('scale-in.'))).toBe(false);
    expect(ids).toContain('docs.runbook');
    // docs.load-test and the 9 scale-in.* checks
    expect(ids).toHaveLength(BUILTIN_CHECKS.length - 10);
  });

  it('turns a throwing check into unknown', () => {
    const boom: CheckDefinition = {
      ...fixed('a.boom', 'autoscaling', 'high', 'pass'),
      evaluate: () => {
        throw new Error('kaput');
      },
    };
    const r = evaluateEntity(bare('component:default/x'), config, {
      checks: [boom],
      now: NOW,
    });
    expect(r.checks[0]).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('kaput'),
    });
    expect(r.score).toBe(0);
  });

  it('the same facts pass at 1.5× and fail at 3×', () => {
    const facts = service('component:default/api', {
      quotas: ok([quota({ limit: 200, peak: 100 })]),
    });
    const at = (growthFactor: number) =>
      evaluateEntity(facts, resolveReadinessConfig({ growthFactor }), {
        now: NOW,
      }).checks.find(c => c.id === 'quotas.headroom')!;
    expect(at(1.5).status).toBe('pass');
    expect(at(3).status).toBe('fail');
    expect(at(3).headroom).toBe(2);
  });

  describe('levels', () => {
    const levelOf = (checks: CheckDefinition[], cfg = config) =>
      evaluateEntity(bare('component:default/x'), cfg, { checks, now: NOW })
        .level;
    const passes = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        fixed(`a.p${i}`, 'autoscaling', 'high', 'pass'),
      );

    it('gold needs no critical/high failure and chain headroom ≥ growth factor', () => {
      expect(
        levelOf([
          ...passes(20),
          fixed('a.cap', 'autoscaling', 'low', 'pass', 5),
        ]),
      ).toBe('gold');
      expect(
        levelOf([
          ...passes(20),
          fixed('a.cap', 'autoscaling', 'low', 'pass', 2.5),
        ]),
      ).toBe('bronze');
      expect(
        levelOf([...passes(20), fixed('a.f', 'autoscaling', 'high', 'fail')]),
      ).toBe('silver');
      expect(
        levelOf([
          ...passes(20),
          fixed('a.f', 'autoscaling', 'critical', 'fail'),
        ]),
      ).toBe('bronze');
    });

    it('bronze from 50, else not-ready', () => {
      expect(
        levelOf([
          fixed('a.p', 'autoscaling', 'medium', 'pass'),
          fixed('a.w', 'autoscaling', 'medium', 'warn'),
          fixed('a.f', 'autoscaling', 'medium', 'fail'),
        ]),
      ).toBe('bronze');
      expect(
        levelOf([
          fixed('a.p', 'autoscaling', 'medium', 'pass'),
          fixed('a.f', 'autoscaling', 'high', 'fail'),
        ]),
      ).toBe('not-ready');
    });

    it('are configurable', () => {
      const strict = resolveReadinessConfig({
        levels: {
          silver: { minScore: 80, maxHighFailures: 0 },
          bronze: { minScore: 10, minCoverage: 0.9 },
        },
      });
      expect(
        levelOf(
          [...passes(20), fixed('a.f', 'autoscaling', 'high', 'fail')],
          strict,
        ),
      ).toBe('bronze');
      expect(
        levelOf(
          [...passes(2), fixed('a.u', 'autoscaling', 'high', 'unknown')],
          strict,
        ),
      ).toBe('not-ready');
    });
  });

  describe('waivers', () => {
    const facts = service('component:default/api', {
      workloads: workloads([
        workload({ scalers: [scaler({ maxReplicas: 6 })] }),
      ]),
    });
    const waiver = (expiresAt: string) => ({
      entityRef: 'component:default/api',
      checkId: 'autoscaling.hpa-max-headroom',
      reason: 'traffic is capped by the partner',
      approvedBy: 'user:default/cto',
      expiresAt,
    });

    it('marks a covered failure waived, counts it as a pass, keeps its status and headroom', () => {
      const plain = evaluateEntity(facts, config, { now: NOW });
      const waived = evaluateEntity(facts, config, {
        now: NOW,
        waivers: [waiver('2027-01-01T00:00:00Z')],
      });
      const check = waived.checks.find(
        c => c.id === 'autoscaling.hpa-max-headroom',
      )!;
      expect(check.status).toBe('fail');
      expect(check.headroom).toBe(1.5);
      expect(check.waived).toEqual({
        reason: 'traffic is capped by the partner',
        approvedBy: 'user:default/cto',
        expiresAt: '2027-01-01T00:00:00Z',
      });
      expect(waived.score!).toBeGreaterThan(plain.score!);
      expect(plain.level).toBe('bronze');
      expect(waived.chain.headroom).toBe(1.5);
    });

    it('ignores expired waivers and waivers of other entities', () => {
      const expired = evaluateEntity(facts, config, {
        now: NOW,
        waivers: [waiver('2026-11-01T00:00:00Z')],
      });
      expect(
        expired.checks.find(c => c.id === 'autoscaling.hpa-max-headroom')!
          .waived,
      ).toBeUndefined();
      const other = evaluateEntity(facts, config, {
        now: NOW,
        waivers: [
          {
            ...waiver('2027-01-01T00:00:00Z'),
            entityRef: 'component:default/other',
          },
        ],
      });
      expect(
        other.checks.find(c => c.id === 'autoscaling.hpa-max-headroom')!.waived,
      ).toBeUndefined();
    });
  });
});
