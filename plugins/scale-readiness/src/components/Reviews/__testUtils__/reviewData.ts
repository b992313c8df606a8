/* Fixtures of the review component tests (not part of the public API). */
import type {
  ReviewComponentSnapshot,
  ReviewDetailResponse,
  ReviewSummary,
  ReviewTeamResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { rollup } from '../../../__testUtils__/fixtures';

export const REVIEW_ID = '00000000-0000-4000-8000-000000000002';
export const PAYMENTS = 'group:default/payments';

export function reviewSummary(
  overrides: Partial<ReviewSummary> = {},
): ReviewSummary {
  return {
    id: REVIEW_ID,
    title: 'Q4 readiness',
    trigger: 'manual',
    takenAt: '2026-12-31T10:00:00.000Z',
    takenBy: 'user:default/alice',
    growthFactor: 3,
    previousReviewId: 'r1',
    teams: 2,
    components: 3,
    signedOffTeams: 0,
    org: rollup({ components: 3 }),
    changes: { improved: 1, regressed: 1, new: 1, removed: 0, unchanged: 0 },
    ...overrides,
  };
}

export function componentSnapshot(
  entityRef: string,
  overrides: Partial<ReviewComponentSnapshot> = {},
): ReviewComponentSnapshot {
  return {
    entityRef,
    kind: 'Component',
    level: 'silver',
    score: 80,
    ownHeadroom: 4,
    chainHeadroom: 4,
    atRisk: false,
    coverage: 1,
    dimensions: {
      autoscaling: { score: 80, worst: 'warn' },
      quotas: { score: 100, worst: 'pass' },
      docs: { score: 60, worst: 'fail' },
      ownership: { score: 100, worst: 'pass' },
    },
    checks: { 'docs.runbook': 'fail' },
    findings: [
      {
        checkId: 'docs.runbook',
        title: 'Runbook linked',
        dimension: 'docs',
        severity: 'medium',
        status: 'fail',
        message: 'No runbook link',
        remediation: 'Add a runbook annotation',
      },
    ],
    evaluatedAt: '2026-12-31T09:00:00.000Z',
    ...overrides,
  };
}

export function teamReview(
  overrides: Partial<ReviewTeamResponse> = {},
): ReviewTeamResponse {
  const components = [
    componentSnapshot('component:default/cart', { level: 'gold', score: 93 }),
    componentSnapshot('component:default/checkout'),
  ];
  return {
    review: reviewSummary(),
    team: {
      teamRef: PAYMENTS,
      title: 'Payments',
      champions: ['user:default/alice'],
      rollup: rollup({ components: 2 }),
      waivers: [],
    },
    components,
    changes: {
      previousReviewId: 'r1',
      counts: { improved: 1, regressed: 1, new: 0, removed: 1, unchanged: 0 },
      dimensions: {
        autoscaling: { before: 70, after: 80, improved: 1, regressed: 0 },
        quotas: { before: 100, after: 100, improved: 0, regressed: 0 },
        docs: { before: 80, after: 60, improved: 0, regressed: 1 },
        ownership: { before: 100, after: 100, improved: 0, regressed: 0 },
      },
      components: [
        {
          entityRef: 'component:default/cart',
          change: 'improved',
          levelBefore: 'silver',
          levelAfter: 'gold',
          scoreBefore: 81,
          scoreAfter: 93,
          dimensions: [],
          checks: {},
        },
        {
          entityRef: 'component:default/checkout',
          change: 'regressed',
          levelBefore: 'gold',
          levelAfter: 'silver',
          scoreBefore: 92,
          scoreAfter: 80,
          dimensions: [
            { dimension: 'docs', before: 100, after: 60, change: 'regressed' },
          ],
          checks: { 'docs.runbook': ['pass', 'fail'] },
        },
        {
          entityRef: 'component:default/legacy',
          change: 'removed',
          levelBefore: 'bronze',
          scoreBefore: 50,
          dimensions: [],
          checks: {},
        },
      ],
    },
    actionItems: [
      {
        entityRef: 'component:default/checkout',
        checkId: 'docs.runbook',
        title: 'Runbook linked',
        dimension: 'docs',
        severity: 'medium',
        status: 'fail',
        message: 'No runbook link',
        remediation: 'Add a runbook annotation',
      },
    ],
    signOffs: [],
    canSignOff: true,
    ...overrides,
  };
}

export function reviewDetail(): ReviewDetailResponse {
  const t = teamReview();
  return {
    review: reviewSummary(),
    previous: reviewSummary({
      id: 'r1',
      title: 'Q3 readiness',
      takenAt: '2026-09-30T10:00:00.000Z',
      previousReviewId: undefined,
    }),
    teams: [
      {
        teamRef: PAYMENTS,
        title: 'Payments',
        components: 2,
        score: 86,
        scoreBefore: 80,
        rollup: t.team.rollup,
        counts: t.changes.counts,
        actionItems: 1,
        signOffs: [],
      },
      {
        teamRef: 'group:default/platform',
        title: 'Platform',
        components: 1,
        score: 70,
        scoreBefore: 75,
        rollup: rollup({ components: 1 }),
        counts: { improved: 0, regressed: 0, new: 1, removed: 0, unchanged: 0 },
        actionItems: 0,
        signOffs: [
          {
            reviewId: REVIEW_ID,
            teamRef: 'group:default/platform',
            userRef: 'user:default/carol',
            signedAt: '2027-01-02T09:00:00.000Z',
          },
        ],
      },
    ],
  };
}
