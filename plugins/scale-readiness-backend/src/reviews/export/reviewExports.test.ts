import {
  DIMENSIONS,
  type ReviewDetailResponse,
  type ReviewTeamResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { computeRollup } from '../../database/rollup';
import { diffTeam } from '../diff';
import { actionItemsOf } from '../snapshot';
import { snapshot } from '../__testUtils__/reviewFixtures';
import {
  parseCsv,
  toCsv,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  ORG_CSV_COLUMNS,
  orgCsvTable,
  TEAM_CSV_COLUMNS,
  teamCsvTable,
} from './reviewCsv';
import { duration, orgMarkdown, teamMarkdown } from './reviewMarkdown';

const TEAM = 'group:default/payments';
const previous = [
  snapshot('component:default/cart', { level: 'gold', score: 91 }),
  snapshot('component:default/legacy', {
    level: 'bronze',
    score: 52,
    title: 'Legacy, "old" | system',
  }),
];
const current = [
  snapshot('component:default/cart', {
    level: 'silver',
    score: 77.5,
    chainHeadroom: 1.4,
    atRisk: true,
  }),
  snapshot('component:default/checkout', {
    title: 'Checkout\nservice',
    score: null,
    level: 'not-ready',
    chainHeadroom: null,
  }),
];
const rollup = computeRollup(current, 3);
const summary = {
  id: '00000000-0000-4000-8000-000000000002',
  title: 'Q4 | 2026',
  trigger: 'manual' as const,
  takenAt: '2026-12-31T10:00:00.000Z',
  growthFactor: 3,
  previousReviewId: 'r1',
  teams: 1,
  components: 2,
  signedOffTeams: 1,
  org: rollup,
  changes: { improved: 0, regressed: 1, new: 1, removed: 1, unchanged: 0 },
};
const team: ReviewTeamResponse = {
  review: summary,
  team: {
    teamRef: TEAM,
    title: 'Payments',
    champions: ['user:default/alice'],
    rollup,
    waivers: [
      {
        entityRef: 'component:default/cart',
        checkId: 'docs.runbook',
        reason: 'wiki | later',
        approvedBy: 'user:default/alice',
        expiresAt: '2027-02-01T00:00:00.000Z',
      },
    ],
  },
  components: current,
  changes: diffTeam(
    {
      reviewId: 'r1',
      components: previous,
      rollup: computeRollup(previous, 3),
    },
    current,
    rollup,
  ),
  actionItems: actionItemsOf(current),
  signOffs: [
    {
      reviewId: summary.id,
      teamRef: TEAM,
      userRef: 'user:default/alice',
      signedAt: '2027-01-02T09:00:00.000Z',
      comment: '=cmd|ok',
    },
  ],
  canSignOff: false,
};
const org: ReviewDetailResponse = {
  review: summary,
  previous: {
    ...summary,
    id: 'r1',
    title: 'Q3',
    takenAt: '2026-09-30T10:00:00.000Z',
  },
  teams: [
    {
      teamRef: TEAM,
      title: 'Payments, EU',
      components: 2,
      score: rollup.score,
      scoreBefore: 71.5,
      rollup,
      counts: team.changes.counts,
      actionItems: team.actionItems.length,
      signOffs: team.signOffs,
    },
  ],
};

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

describe('review exports', () => {
  it('team CSV parses back to one row per component plus removed ones', () => {
    const parsed = parseCsv(toCsv(teamCsvTable(team)));
    expect(parsed[0]).toEqual(TEAM_CSV_COLUMNS);
    const rows = parsed
      .slice(1)
      .map(r => Object.fromEntries(TEAM_CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows).toHaveLength(3);
    // every current component round-trips with its frozen values
    for (const c of current) {
      const row = rows.find(r => r.entity_ref === c.entityRef)!;
      expect(row).toMatchObject({
        review_id: summary.id,
        team: TEAM,
        title: str(c.title),
        level: c.level,
        score: str(c.score),
        chain_headroom: str(c.chainHeadroom),
        at_risk: String(c.atRisk),
        ...Object.fromEntries(
          DIMENSIONS.map(d => [d, str(c.dimensions[d].score)]),
        ),
      });
    }
    expect(
      rows.find(r => r.entity_ref === 'component:default/cart'),
    ).toMatchObject({
      change: 'regressed',
      previous_level: 'gold',
      previous_score: '91',
    });
    expect(
      rows.find(r => r.entity_ref === 'component:default/checkout'),
    ).toMatchObject({ change: 'new', previous_level: '' });
    expect(
      rows.find(r => r.entity_ref === 'component:default/legacy'),
    ).toMatchObject({
      change: 'removed',
      title: 'Legacy, "old" | system',
      previous_level: 'bronze',
      level: '',
    });
  });

  it('team exports say why each component has its level', () => {
    const parsed = parseCsv(toCsv(teamCsvTable(team)));
    const col = TEAM_CSV_COLUMNS.indexOf('level_reason');
    const cart = parsed.find(r => r[4] === 'component:default/cart')!;
    expect(cart[col]).toMatch(/^Silver because the chain breaks at 1\.4×/);
    const checkout = parsed.find(r => r[4] === 'component:default/checkout')!;
    expect(checkout[col]).toBe('Not ready because no check could be scored.');
    const md = teamMarkdown(team);
    expect(md).toContain('| Why this level |');
    expect(md).toContain('Not ready because no check could be scored.');
  });

  it('writes durations in the portal format', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(0.5)).toBe('30 min');
    expect(duration(26)).toBe('1 d 2 h');
    expect(duration(null)).toBe('–');
  });

  it('org CSV parses back to one row per team', () => {
    const parsed = parseCsv(toCsv(orgCsvTable(org)));
    expect(parsed[0]).toEqual(ORG_CSV_COLUMNS);
    expect(parsed.slice(1)).toEqual(orgCsvTable(org).rows.map(r => r.map(str)));
    const row = Object.fromEntries(
      ORG_CSV_COLUMNS.map((c, i) => [c, parsed[1][i]]),
    );
    expect(row).toMatchObject({
      title: 'Payments, EU',
      regressed: '1',
      new: '1',
      removed: '1',
      signed_off_by: 'user:default/alice',
    });
  });

  it('team Markdown has the changes, action items, waivers and sign-off, with cells escaped', () => {
    const md = teamMarkdown(team, {
      title: 'Q3',
      takenAt: '2026-09-30T10:00:00.000Z',
    });
    expect(md).toContain('# Q4 \\| 2026: Payments');
    expect(md).toContain('compared with Q3 (2026-09-30)');
    expect(md).toContain(
      '- `component:default/cart`: gold → silver, score 91 → 78',
    );
    expect(md).toContain(
      '- `component:default/legacy`: removed (was bronze, score 52)',
    );
    expect(md).toContain('## Open action items (2)');
    expect(md).toContain('| wiki \\| later |');
    expect(md).toContain(
      'Signed off by `user:default/alice` on 2027-01-02: “=cmd\\|ok”',
    );
    // every table row has as many cells as its header
    for (const block of md.split('\n\n').filter(b => b.startsWith('| '))) {
      const widths = block
        .split('\n')
        .map(l => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });

  it('team Markdown groups action items by root cause, worst first', () => {
    const item = (entityRef: string, over: object = {}) => ({
      entityRef,
      checkId: 'quotas.headroom',
      title: 'Quota headroom',
      dimension: 'quotas' as const,
      severity: 'high' as const,
      status: 'fail' as const,
      message: `${entityRef} breaks at 1.4×`,
      remediation: 'Request an increase to ≥ 3240 WCU',
      ...over,
    });
    const md = teamMarkdown({
      ...team,
      actionItems: [
        item('component:default/low', {
          checkId: 'docs.runbook',
          title: 'Runbook',
          dimension: 'docs',
          severity: 'low',
          message: 'No runbook',
          remediation: 'Add a runbook',
        }),
        item('component:default/b'),
        item('component:default/a'),
      ],
    });
    expect(md).toContain('## Open action items (3)');
    expect(md).toContain('2 root causes, worst first.');
    const rows = md.split('\n').filter(l => l.startsWith('| high'));
    expect(rows).toEqual([
      '| high | Quota headroom | fail | `component:default/a`, `component:default/b` | component:default/a breaks at 1.4× (and 1 more) | Request an increase to ≥ 3240 WCU |',
    ]);
    expect(md.indexOf('| high |')).toBeLessThan(md.indexOf('| low |'));
  });

  it('org Markdown lists teams and who is awaiting sign-off', () => {
    const md = orgMarkdown({
      ...org,
      teams: [
        ...org.teams,
        {
          ...org.teams[0],
          teamRef: 'group:default/platform',
          title: 'Platform',
          signOffs: [],
        },
      ],
    });
    expect(md).toContain('| Payments, EU | 2 |');
    expect(md).toContain('## Awaiting sign-off');
    expect(md).toContain('- Platform (`group:default/platform`)');
  });
});
