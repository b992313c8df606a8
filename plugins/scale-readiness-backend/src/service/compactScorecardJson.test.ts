import {
  type CheckStatus,
  compactTeamScorecard,
  DIMENSIONS,
  expandTeamScorecard,
  type ScorecardRow,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { compactScorecardJson } from './compactScorecardJson';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES: Array<CheckStatus | null> = [
  'pass',
  'warn',
  'fail',
  'unknown',
  'not-applicable',
  null,
];

/** Rows with every optional field present or absent, null or not. */
function rows(count: number, seed: number): ScorecardRow[] {
  const r = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(r() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const dimensions = {} as ScorecardRow['dimensions'];
    for (const dim of DIMENSIONS) {
      if (r() < 0.1) continue; // a dimension the row lacks
      dimensions[dim] = {
        score: r() < 0.2 ? null : Math.round(r() * 1000) / 10,
        worst: pick(STATUSES),
      };
    }
    const row: ScorecardRow = {
      entityRef: `component:default/svc-${i}`,
      title: pick([undefined, `Service "${i}" ü\n`, '']),
      kind: pick(['Component', 'Resource', 'API']),
      type: pick([undefined, 'service', 'database', 'website']),
      system: pick([undefined, 'system:default/payments', 'system:default/x']),
      owner: pick([undefined, 'group:default/a', 'group:default/b']),
      level: pick(['not-ready', 'bronze', 'silver', 'gold']),
      score: r() < 0.2 ? null : Math.round(r() * 100),
      ownHeadroom: r() < 0.3 ? null : Math.round(r() * 500) / 100,
      chainHeadroom: r() < 0.3 ? null : Math.round(r() * 500) / 100,
      // Stored rows hold null where a result has no weakest link.
      weakestLink:
        r() < 0.3
          ? pick([undefined, null as unknown as undefined])
          : {
              entityRef: pick([
                'resource:default/db',
                'component:default/svc-1',
              ]),
              checkId: pick(['quotas.lambda-concurrency', 'docs.runbook']),
              headroom: pick([null, 1.5, 0.25]),
              message: pick(['at the limit', 'no runbook', '']),
            },
      coverage: r() / 3,
      dimensions,
      failing: r() < 0.5 ? [] : [pick(['a.one', 'b.two']), 'c.three'],
      evaluatedAt: pick([
        '2026-11-25T12:00:00.000Z',
        '2026-11-26T08:30:00.000Z',
      ]),
    };
    if (r() < 0.2) row.growthFactor = pick([1.5, 4]);
    return row;
  });
}

function scorecard(components: ScorecardRow[]): TeamScorecardResponse {
  return {
    team: {
      entityRef: 'group:default/a',
      title: 'Team A',
      parent: undefined,
      children: ['group:default/a1'],
    },
    growthFactor: 2,
    champions: ['user:default/nina'],
    groups: ['group:default/a', 'group:default/a1'],
    rollup: {
      components: components.length,
    } as TeamScorecardResponse['rollup'],
    weakestLinks: [],
    components,
  };
}

describe('compactScorecardJson', () => {
  it('writes the bytes of JSON.stringify(compactTeamScorecard(body))', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const body = scorecard(rows(300, seed));
      const json = compactScorecardJson(body);
      expect(json).toBe(JSON.stringify(compactTeamScorecard(body)));
      expect(expandTeamScorecard(JSON.parse(json))).toEqual(
        expandTeamScorecard(compactTeamScorecard(body)),
      );
    }
    expect(compactScorecardJson(scorecard([]))).toBe(
      JSON.stringify(compactTeamScorecard(scorecard([]))),
    );
  });

  it('reuses a row’s fragments in other orders and other teams', () => {
    const all = rows(200, 7);
    const body = scorecard(all);
    expect(compactScorecardJson(body)).toBe(
      JSON.stringify(compactTeamScorecard(body)),
    );
    // The same row objects again: their string and link indexes differ.
    for (const subset of [
      [...all].reverse(),
      all.filter((_, i) => i % 3 === 0),
      all.slice(150),
    ]) {
      const other = scorecard(subset);
      expect(compactScorecardJson(other)).toBe(
        JSON.stringify(compactTeamScorecard(other)),
      );
    }
  });
});
