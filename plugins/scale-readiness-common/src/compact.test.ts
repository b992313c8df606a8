import type { ScorecardRow, TeamScorecardResponse } from './api';
import {
  compactTeamScorecard,
  expandTeamScorecard,
  isCompactTeamScorecard,
} from './compact';

function row(i: number, overrides: Partial<ScorecardRow> = {}): ScorecardRow {
  return {
    entityRef: `component:default/service-${i}`,
    title: `Service ${i}`,
    kind: 'component',
    type: 'service',
    system: `system:default/system-${i % 3}`,
    owner: `group:default/team-${i % 2}`,
    level: (['not-ready', 'bronze', 'silver', 'gold'] as const)[i % 4],
    score: 40 + i,
    ownHeadroom: 2.5,
    chainHeadroom: 1.25,
    weakestLink: {
      entityRef: 'resource:default/orders-db',
      checkId: 'quotas.database-connections',
      headroom: 1.25,
      message: 'Connections: peak 80 of max 100 survive 1.25×',
    },
    coverage: 0.75,
    dimensions: {
      autoscaling: { score: 50, worst: 'fail' },
      quotas: { score: 80, worst: 'warn' },
      docs: { score: 100, worst: 'pass' },
      ownership: { score: null, worst: null },
    },
    failing: ['autoscaling.hpa-present', 'autoscaling.pdb-present'],
    evaluatedAt: '2026-12-05T08:56:43.123Z',
    ...overrides,
  };
}

function scorecard(rows: ScorecardRow[]): TeamScorecardResponse {
  return {
    team: {
      entityRef: 'group:default/payments',
      title: 'Payments',
      children: ['group:default/team-0', 'group:default/team-1'],
    },
    growthFactor: 3,
    champions: ['user:default/ada'],
    groups: ['group:default/payments'],
    rollup: {
      components: rows.length,
      score: 50,
      levels: { 'not-ready': 1, bronze: 1, silver: 1, gold: 1 },
      dimensions: {
        autoscaling: { score: 50, failing: 4 },
        quotas: { score: 80, failing: 0 },
        docs: { score: 100, failing: 0 },
        ownership: { score: null, failing: 0 },
      },
      atRisk: 4,
      coverage: 0.75,
    },
    weakestLinks: [
      {
        entityRef: 'resource:default/orders-db',
        checkId: 'quotas.database-connections',
        headroom: 1.25,
        message: 'Connections: peak 80 of max 100 survive 1.25×',
        affected: 4,
      },
    ],
    components: rows,
  };
}

describe('compact team scorecards', () => {
  it('expands back to the full scorecard', () => {
    const full = scorecard([
      row(0),
      row(1, {
        title: undefined,
        type: undefined,
        system: undefined,
        owner: undefined,
        weakestLink: undefined,
        score: null,
        ownHeadroom: null,
        chainHeadroom: null,
        failing: [],
        coverage: 1,
        dimensions: {
          autoscaling: { score: null, worst: 'not-applicable' },
          quotas: { score: 0, worst: 'unknown' },
          docs: { score: 100, worst: 'pass' },
          ownership: { score: 100, worst: 'pass' },
        },
      }),
      row(2, { ownHeadroom: 0, chainHeadroom: 0, score: 0 }),
      row(3, { evaluatedAt: '2026-12-06T00:00:00.000Z' }),
      row(4, { growthFactor: 1.5 }),
    ]);
    const compact = compactTeamScorecard(full);
    expect(isCompactTeamScorecard(compact)).toBe(true);
    // through JSON, as on the wire
    const expanded = expandTeamScorecard(JSON.parse(JSON.stringify(compact)));
    expect(expanded).toStrictEqual(JSON.parse(JSON.stringify(full)));
  });

  it('lists repeated strings and weakest links once', () => {
    const compact = compactTeamScorecard(
      scorecard([row(0), row(1), row(2), row(3)]),
    );
    expect(compact.links).toHaveLength(1);
    expect(compact.components.map(c => c.w)).toEqual([0, 0, 0, 0]);
    expect(compact.strings.filter(s => s === 'component')).toHaveLength(1);
    expect(
      compact.strings.filter(s => s === 'autoscaling.hpa-present'),
    ).toHaveLength(1);
  });

  it('rounds coverage to 4 decimals', () => {
    const compact = compactTeamScorecard(
      scorecard([row(0, { coverage: 6 / 7 })]),
    );
    expect(compact.components[0].c).toBe(0.8571);
    expect(expandTeamScorecard(compact).components[0].coverage).toBe(0.8571);
  });

  it('weighs a fraction of the full rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i));
    const full = JSON.stringify(scorecard(rows)).length;
    const compact = JSON.stringify(
      compactTeamScorecard(scorecard(rows)),
    ).length;
    expect(full / rows.length).toBeGreaterThan(600);
    expect(compact / rows.length).toBeLessThanOrEqual(300);
  });

  it('returns a full scorecard (an older server) as it is', () => {
    const full = scorecard([row(0)]);
    expect(expandTeamScorecard(full)).toBe(full);
  });

  it('rejects a row that names a string it does not carry', () => {
    const compact = compactTeamScorecard(scorecard([row(0)]));
    compact.components[0].f = [999];
    expect(() => expandTeamScorecard(compact)).toThrow(/no string 999/);
  });
});
