import type { TeamScorecardResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { formatTeamCsv, formatTeamMarkdown } from './formatTeamReport';

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
  it('writes the portal team CSV (RFC 4180), one row per component', () => {
    const lines = formatTeamCsv(scorecard).split('\r\n');
    expect(lines).toEqual([
      'entityRef,title,system,owner,level,score,ownHeadroom,chainHeadroom,weakestLink,weakestCheck,coverage,Autoscaling status,Quotas status,Docs status,Owner permissions status,failingChecks,evaluatedAt',
      'component:default/api,"API, ""public""",,,Gold,93,unbounded,1.2,resource:default/db,quotas.headroom,1,,,,,,T1',
      `component:default/worker,"'=HYPERLINK(""x"")",,,Not ready,,unbounded,unbounded,,,0.75,,,,,a.b; c.d,T2`,
      '',
    ]);
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
