import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import {
  csvField,
  formatTeamCsv,
  formatTeamMarkdown,
} from './formatTeamReport';

const scorecard = {
  team: { entityRef: 'group:default/pay', title: 'Pay | Team', children: [] },
  growthFactor: 3,
  champions: ['user:default/ada'],
  groups: ['group:default/pay'],
  rollup: {
    components: 2,
    score: 61.25,
    levels: { gold: 1, silver: 0, bronze: 0, 'not-ready': 1 },
    dimensions: {} as never,
    atRisk: 1,
    coverage: 0.875,
  },
  weakestLinks: [
    {
      entityRef: 'resource:default/db',
      checkId: 'quotas.headroom',
      headroom: 1.2,
      message: 'IOPS, 1.2×',
      affected: 2,
    },
  ],
  components: [
    {
      entityRef: 'component:default/api',
      title: 'API, "public"',
      kind: 'component',
      level: 'gold',
      score: 92.5,
      ownHeadroom: null,
      chainHeadroom: 1.2,
      weakestLink: {
        entityRef: 'resource:default/db',
        checkId: 'quotas.headroom',
        headroom: 1.2,
        message: 'm',
      },
      coverage: 1,
      dimensions: {} as never,
      failing: [],
      evaluatedAt: 'T1',
    },
    {
      entityRef: 'component:default/worker',
      title: '=HYPERLINK("x")',
      kind: 'component',
      level: 'not-ready',
      score: null,
      ownHeadroom: null,
      chainHeadroom: null,
      coverage: 0.75,
      dimensions: {} as never,
      failing: ['a.b', 'c.d'],
      evaluatedAt: 'T2',
    },
  ],
} as TeamScorecardResponse;

describe('team report formats', () => {
  it('writes RFC 4180 CSV, one row per component', () => {
    const lines = formatTeamCsv(scorecard).split('\r\n');
    expect(lines).toEqual([
      'entityRef,title,kind,type,system,owner,level,score,ownHeadroom,chainHeadroom,weakestLinkRef,weakestLinkCheck,coverage,failing,evaluatedAt',
      'component:default/api,"API, ""public""",component,,,,gold,92.5,,1.2,resource:default/db,quotas.headroom,1,,T1',
      `component:default/worker,"'=HYPERLINK(""x"")",component,,,,not-ready,,,,,,0.75,a.b c.d,T2`,
      '',
    ]);
    expect(csvField(-1)).toBe('-1');
  });

  it('writes Markdown with the rollup, weakest links and components', () => {
    const md = formatTeamMarkdown(scorecard);
    expect(md).toContain('# Scale readiness: Pay \\| Team (group:default/pay)');
    expect(md).toContain(
      '2 components, average score 61.3, 1 at risk (chain headroom below 3×), coverage 88%.',
    );
    expect(md).toContain(
      '| `resource:default/db` | `quotas.headroom` | 1.2× | 2 | IOPS, 1.2× |',
    );
    expect(md).toContain(
      '| `component:default/worker` =HYPERLINK("x") | not-ready | — | — | 75% | `a.b`, `c.d` |',
    );
  });
});
