/* Launch plan fixtures for the component tests (not part of the public API). */
import type {
  PlanDetailResponse,
  PlanMember,
  PlanSummary,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';

export const PLAN_ID = '00000000-0000-4000-8000-0000000000p1';
export const STOREFRONT = 'group:default/storefront';
export const PAYMENTS = 'group:default/payments';
/** The clock of the tests: 2026-12-05. */
export const NOW = Date.parse('2026-12-05T12:00:00Z');

export function planSummary(patch: Partial<PlanSummary> = {}): PlanSummary {
  return {
    id: PLAN_ID,
    title: 'Retail partner launch',
    occasion: 'Partner onboarding',
    date: '2026-12-19',
    growthFactor: 3,
    status: 'open',
    verdict: 'no-go',
    openItems: 2,
    teams: 2,
    createdBy: 'user:default/henry.adams',
    createdAt: '2026-12-01T09:00:00.000Z',
    ...patch,
  };
}

function member(
  patch: Partial<PlanMember> & { entityRef: string },
): PlanMember {
  return {
    title: patch.entityRef.split('/')[1],
    kind: 'Component',
    owner: STOREFRONT,
    ownerTitle: 'Storefront',
    factor: 3,
    headroom: 5,
    state: 'survives',
    onWeakestPath: false,
    entryPoint: false,
    ...patch,
  };
}

/**
 * checkout (entry point) → payments-api → payments-db (breaks at 2×: quota),
 * checkout → catalog-api (survives, unknown docs). No-go at 3×.
 */
export function planDetail(
  patch: Partial<PlanDetailResponse> = {},
): PlanDetailResponse {
  return {
    plan: {
      ...planSummary(),
      entryPoints: ['component:default/checkout'],
      factors: {},
    },
    evaluation: {
      verdict: 'no-go',
      evaluatedAt: '2026-12-05T11:00:00.000Z',
      members: [
        member({
          entityRef: 'component:default/checkout',
          title: 'Checkout',
          headroom: 4,
          entryPoint: true,
          onWeakestPath: true,
        }),
        member({
          entityRef: 'component:default/payments-api',
          title: 'Payments API',
          owner: PAYMENTS,
          ownerTitle: 'Payments',
          headroom: 3.5,
          onWeakestPath: true,
        }),
        member({
          entityRef: 'resource:default/payments-db',
          title: 'Payments database',
          kind: 'Resource',
          owner: PAYMENTS,
          ownerTitle: 'Payments',
          headroom: 2,
          state: 'breaks',
          onWeakestPath: true,
          firstBreak: {
            checkId: 'quotas.headroom',
            title: 'Quota headroom',
            message: 'write capacity 2× peak, below 3×',
            remediation: 'Raise the write capacity quota',
          },
        }),
        member({
          entityRef: 'component:default/catalog-api',
          title: 'Catalog API',
          headroom: null,
          state: 'unknown',
        }),
      ],
      edges: [
        {
          from: 'component:default/checkout',
          to: 'component:default/payments-api',
          relation: 'dependsOn',
        },
        {
          from: 'component:default/payments-api',
          to: 'resource:default/payments-db',
          relation: 'dependsOn',
        },
        {
          from: 'component:default/checkout',
          to: 'component:default/catalog-api',
          relation: 'consumesApi',
        },
      ],
      weakestLink: {
        entityRef: 'resource:default/payments-db',
        headroom: 2,
        reason: 'quota headroom 2× is below 3×.',
      },
      missingEntryPoints: [],
    },
    items: [
      {
        id: 'item-1',
        team: PAYMENTS,
        entityRef: 'resource:default/payments-db',
        checkId: 'quotas.headroom',
        title: 'Quota headroom',
        remediation: 'Raise the write capacity quota',
        dueDate: '2026-12-12',
        state: 'open',
      },
      {
        id: 'item-2',
        team: STOREFRONT,
        entityRef: 'component:default/catalog-api',
        checkId: 'docs.runbook',
        title: 'Runbook',
        dueDate: '2026-12-01',
        state: 'open',
        assignee: 'user:default/alice',
      },
      {
        id: 'item-3',
        team: STOREFRONT,
        entityRef: 'component:default/checkout',
        checkId: 'docs.load-test',
        title: 'Load test',
        dueDate: '2026-12-10',
        state: 'waived',
        waiverId: 'w1',
      },
    ],
    signOffs: [],
    teams: [
      { ref: PAYMENTS, title: 'Payments', openItems: 1, signedOff: false },
      { ref: STOREFRONT, title: 'Storefront', openItems: 1, signedOff: false },
    ],
    history: [
      { day: '2026-12-03', openItems: 4, weakestHeadroom: 1.5 },
      { day: '2026-12-04', openItems: 3, weakestHeadroom: 2 },
      { day: '2026-12-05', openItems: 2, weakestHeadroom: 2 },
    ],
    ...patch,
  };
}

/** Champions of a team as the backend answers, with the caller's rights. */
export function champions(
  teamRef: string,
  isChampion: boolean,
): TeamChampionsResponse {
  return {
    team: { entityRef: teamRef },
    champions: [],
    caller: {
      entityRef: 'user:default/henry.adams',
      isChampion,
      isMember: isChampion,
    },
    executor: { id: 'dry-run', dryRun: true, label: 'Dry run' },
    scope: {} as TeamChampionsResponse['scope'],
    members: [],
    limits: { maxDurationHours: 8, defaultDurationHours: 2, permissions: [] },
    timeToAccess: {} as TeamChampionsResponse['timeToAccess'],
  };
}
