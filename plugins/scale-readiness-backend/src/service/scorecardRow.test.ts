import type {
  CheckResult,
  CheckStatus,
  Dimension,
  EntityResult,
} from '@scale-readiness/plugin-scale-readiness-common';
import { toScorecardRow } from './scorecardRow';

const AT = new Date('2026-11-25T10:00:00.000Z');
const DB = 'resource:default/orders-db';

function check(
  id: string,
  dimension: Dimension,
  status: CheckStatus,
  extra: Partial<CheckResult> = {},
): CheckResult {
  return {
    id,
    dimension,
    title: id,
    status,
    severity: 'high',
    message: `${id} is ${status}`,
    evidence: [],
    ...extra,
  };
}

function result(checks: CheckResult[]): EntityResult {
  return {
    entityRef: 'component:default/orders',
    kind: 'component',
    type: 'service',
    system: 'system:default/shop',
    owner: 'group:default/orders-team',
    title: 'Orders',
    growthFactor: 3,
    score: 57.5,
    level: 'bronze',
    dimensions: [
      { dimension: 'autoscaling', score: 40, counts: {} as any },
      { dimension: 'quotas', score: 0, counts: {} as any },
      { dimension: 'docs', score: 100, counts: {} as any },
      { dimension: 'ownership', score: null, counts: {} as any },
    ],
    coverage: { applicable: 8, evaluated: 6, ratio: 0.75 },
    ownHeadroom: {
      entityRef: 'component:default/orders',
      checkId: 'autoscaling.hpa-max-headroom',
      headroom: 2.5,
      message: 'max 10 / peak 4',
    },
    chain: {
      headroom: 1.4,
      weakestLink: {
        entityRef: DB,
        checkId: 'quotas.headroom',
        headroom: 1.4,
        message: 'WCU',
      },
      members: [DB],
      path: ['component:default/orders', DB],
      cycles: [],
      missing: [],
    },
    checks,
  };
}

describe('toScorecardRow', () => {
  const waiver = {
    reason: 'migrating',
    approvedBy: 'user:default/ann',
    expiresAt: '2027-01-01',
  };
  const full = result([
    check('autoscaling.hpa-present', 'autoscaling', 'pass'),
    check('autoscaling.hpa-max-headroom', 'autoscaling', 'warn', {
      headroom: 2.5,
    }),
    check('autoscaling.node-headroom', 'autoscaling', 'unknown'),
    check('quotas.headroom', 'quotas', 'fail', { headroom: 0.8 }),
    check('quotas.k8s-resource-quota', 'quotas', 'not-applicable'),
    check('docs.runbook', 'docs', 'pass'),
    check('docs.techdocs', 'docs', 'fail', { waived: waiver }),
    check('ownership.champions', 'ownership', 'not-applicable'),
  ]);

  it('copies identity, score, level, headrooms, weakest link and coverage', () => {
    const row = toScorecardRow(full, AT);
    expect(row).toMatchObject({
      entityRef: 'component:default/orders',
      title: 'Orders',
      kind: 'component',
      type: 'service',
      system: 'system:default/shop',
      owner: 'group:default/orders-team',
      level: 'bronze',
      score: 57.5,
      ownHeadroom: 2.5,
      chainHeadroom: 1.4,
      weakestLink: { entityRef: DB, checkId: 'quotas.headroom', headroom: 1.4 },
      coverage: 0.75,
      evaluatedAt: AT.toISOString(),
    });
  });

  it('keeps the worst unwaived status and the score of each dimension', () => {
    const row = toScorecardRow(full, AT);
    expect(row.dimensions).toEqual({
      // unknown is worse than warn and pass
      autoscaling: { score: 40, worst: 'unknown' },
      quotas: { score: 0, worst: 'fail' },
      // the waived failure does not count
      docs: { score: 100, worst: 'pass' },
      ownership: { score: null, worst: 'not-applicable' },
    });
  });

  it('lists unwaived failing checks only', () => {
    expect(toScorecardRow(full, AT).failing).toEqual(['quotas.headroom']);
  });

  it('handles results without checks, own limit or chain link', () => {
    const bare = result([]);
    bare.ownHeadroom = null;
    bare.chain = {
      headroom: null,
      members: [],
      path: [],
      cycles: [],
      missing: [],
    };
    bare.dimensions = [];
    const row = toScorecardRow(bare, AT);
    expect(row.ownHeadroom).toBeNull();
    expect(row.chainHeadroom).toBeNull();
    expect(row.weakestLink).toBeUndefined();
    expect(row.failing).toEqual([]);
    expect(row.dimensions.quotas).toEqual({ score: null, worst: null });
  });

  it('carries a scoped growth factor, so rollups count the component at risk against it', () => {
    const global = toScorecardRow(result([]), AT);
    expect(global.growthFactor).toBeUndefined();
    const scoped = toScorecardRow(
      { ...result([]), growthFactor: 1.5, growthScope: 'system' },
      AT,
    );
    expect(scoped.growthFactor).toBe(1.5);
  });
});
