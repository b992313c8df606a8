/* Test fixtures shared by the component tests (not part of the public API). */
import {
  DEFAULT_READINESS_CONFIG,
  evaluateAll,
  type CheckStatus,
  type Dimension,
  type EntityFacts,
  type EntityReadinessResponse,
  type EntityResult,
  type OverviewResponse,
  type Rollup,
  type ScorecardRow,
  type TeamOverviewRow,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { ResponseError } from '@backstage/errors';
import type { ScaleReadinessApi } from '../api/ScaleReadinessApi';
import type { ReadinessTrend, ReadinessTrendPoint } from '../api/TrendsApi';

export const COLLECTED_AT = '2026-11-20T10:00:00.000Z';

/** An entity with a declared quota: limit / peak = headroom. */
export function quotaFacts(
  entityRef: string,
  kind: string,
  headroom: { limit: number; peak: number },
  dependsOn: string[] = [],
): EntityFacts {
  return {
    entityRef,
    kind,
    relations: { dependsOn, consumesApis: [], providesApis: [] },
    quotas: {
      status: 'ok',
      source: 'declared',
      location: 'catalog annotation',
      collectedAt: COLLECTED_AT,
      value: [
        {
          id: `declared/${entityRef}`,
          name: `${entityRef} write capacity`,
          limit: headroom.limit,
          peak: headroom.peak,
          origin: 'declared',
        },
      ],
    },
  };
}

/**
 * orders-api (own quota headroom 4) depends on orders-db (headroom 2.5):
 * both pass at 2×, both fail at 5×; the chain breaks at 3× at orders-db.
 */
export function chainFacts(): EntityFacts[] {
  return [
    quotaFacts(
      'component:default/orders-api',
      'Component',
      { limit: 1000, peak: 250 },
      ['resource:default/orders-db'],
    ),
    quotaFacts('resource:default/orders-db', 'Resource', {
      limit: 100,
      peak: 40,
    }),
  ];
}

/** A stored entity response computed with the real engine at `growthFactor`. */
export function entityResponse(growthFactor = 3): EntityReadinessResponse {
  const facts = chainFacts();
  const results = evaluateAll(
    facts,
    { ...DEFAULT_READINESS_CONFIG, growthFactor },
    {
      now: new Date(COLLECTED_AT),
    },
  );
  return { result: results[0], evaluatedAt: COLLECTED_AT, facts };
}

/** A hand-written entity result (for views that do not need the engine). */
export function entityResult(
  overrides: Partial<EntityResult> = {},
): EntityResult {
  const counts = (c: Partial<Record<CheckStatus, number>>) => ({
    pass: 0,
    warn: 0,
    fail: 0,
    unknown: 0,
    'not-applicable': 0,
    ...c,
  });
  return {
    entityRef: 'component:default/orders-api',
    kind: 'Component',
    growthFactor: 3,
    score: 72.4,
    level: 'bronze',
    dimensions: [
      {
        dimension: 'autoscaling',
        score: 80,
        counts: counts({ pass: 3, warn: 1 }),
      },
      { dimension: 'quotas', score: 0, counts: counts({ fail: 1 }) },
      { dimension: 'docs', score: 100, counts: counts({ pass: 2 }) },
      {
        dimension: 'ownership',
        score: null,
        counts: counts({ 'not-applicable': 2 }),
      },
    ],
    coverage: { applicable: 10, evaluated: 8, ratio: 0.8 },
    ownHeadroom: {
      entityRef: 'component:default/orders-api',
      checkId: 'autoscaling.hpa-max-headroom',
      headroom: 4,
      message: 'HPA max 12 / peak 3',
    },
    chain: {
      headroom: 2.5,
      weakestLink: {
        entityRef: 'resource:default/orders-db',
        checkId: 'quotas.headroom',
        headroom: 2.5,
        message: 'DynamoDB write capacity 100 / peak 40',
      },
      members: ['resource:default/orders-db'],
      path: ['component:default/orders-api', 'resource:default/orders-db'],
      cycles: [],
      missing: [],
    },
    checks: [],
    ...overrides,
  };
}

const DIMS: Dimension[] = ['autoscaling', 'quotas', 'docs', 'ownership'];

export function rollup(overrides: Partial<Rollup> = {}): Rollup {
  return {
    components: 3,
    score: 61.7,
    levels: { 'not-ready': 1, bronze: 1, silver: 0, gold: 1 },
    dimensions: Object.fromEntries(
      DIMS.map(d => [d, { score: 70, failing: d === 'quotas' ? 2 : 0 }]),
    ) as Rollup['dimensions'],
    atRisk: 2,
    coverage: 0.9,
    ...overrides,
  };
}

export function row(
  overrides: Partial<ScorecardRow> & { entityRef: string },
): ScorecardRow {
  return {
    kind: 'Component',
    level: 'bronze',
    score: 60,
    ownHeadroom: 4,
    chainHeadroom: 4,
    coverage: 1,
    dimensions: Object.fromEntries(
      DIMS.map(d => [d, { score: 100, worst: 'pass' as CheckStatus }]),
    ) as ScorecardRow['dimensions'],
    failing: [],
    evaluatedAt: COLLECTED_AT,
    ...overrides,
  };
}

export function teamScorecard(
  overrides: Partial<TeamScorecardResponse> = {},
): TeamScorecardResponse {
  return {
    team: {
      entityRef: 'group:default/payments',
      title: 'Payments',
      children: ['group:default/payments-sre'],
    },
    growthFactor: 3,
    champions: ['user:default/alice'],
    groups: ['group:default/payments', 'group:default/payments-sre'],
    rollup: rollup(),
    weakestLinks: [
      {
        entityRef: 'resource:default/orders-db',
        checkId: 'quotas.headroom',
        headroom: 2.5,
        message: 'DynamoDB write capacity 100 / peak 40',
        affected: 2,
      },
    ],
    components: [
      row({
        entityRef: 'component:default/orders-api',
        title: 'Orders API',
        system: 'shop',
        level: 'bronze',
        score: 70,
        chainHeadroom: 2.5,
        failing: ['quotas.headroom'],
        dimensions: {
          ...row({ entityRef: 'x' }).dimensions,
          quotas: { score: 0, worst: 'fail' },
        },
      }),
      row({
        entityRef: 'component:default/checkout',
        title: 'Checkout, "v2"',
        system: 'shop',
        level: 'gold',
        score: 95,
        chainHeadroom: 6,
      }),
      row({
        entityRef: 'component:default/ledger',
        system: 'finance',
        level: 'not-ready',
        score: null,
        chainHeadroom: null,
      }),
    ],
    ...overrides,
  };
}

export function teamRow(i: number): TeamOverviewRow {
  return {
    ...rollup(),
    teamRef: `group:default/team-${i}`,
    title: `Team ${i}`,
  };
}

export function overview(
  overrides: Partial<OverviewResponse> = {},
): OverviewResponse {
  return {
    growthFactor: 3,
    total: 2,
    offset: 0,
    limit: 25,
    org: rollup({ components: 30 }),
    teams: [teamRow(1), teamRow(2)],
    ...overrides,
  };
}

/** Every API method as a jest mock. */
export type FakeApi = {
  [K in keyof ScaleReadinessApi]: jest.Mock;
} & ScaleReadinessApi;

/** A fake ScaleReadinessApi: every method is a jest mock; unexpected calls reject. */
export function fakeApi(
  overrides: Partial<Record<keyof ScaleReadinessApi, jest.Mock>> = {},
): FakeApi {
  const unexpected = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`unexpected call: ${name}`)));
  return {
    getHealth: jest.fn(async () => ({ status: 'ok' as const, entities: 3 })),
    getEntity: unexpected('getEntity'),
    getEntityHistory: jest.fn(async () => []),
    refreshEntity: jest.fn(async () => undefined),
    getTeam: unexpected('getTeam'),
    getOverview: unexpected('getOverview'),
    getUnownedObjects: jest.fn(async () => ({
      objects: [],
      entitiesScanned: 0,
    })),
    simulate: unexpected('simulate'),
    getEntityTrend: jest.fn(async (ref: string, w = 90) =>
      trend({ scope: { kind: 'entity', ref }, window: w }),
    ),
    getTeamTrend: jest.fn(async (ref: string, w = 90) =>
      trend({ scope: { kind: 'team', ref }, window: w }),
    ),
    getOrgTrend: jest.fn(async (w = 90) =>
      trend({ scope: { kind: 'org', ref: 'org' }, window: w }),
    ),
    ...overrides,
  } as FakeApi;
}

/** A trend body (no points unless given), ending on 2026-12-05. */
export function trend(
  overrides: Partial<ReadinessTrend> = {},
  points: Array<Partial<ReadinessTrendPoint> & { day: string }> = [],
): ReadinessTrend {
  const full = points.map(p => ({
    score: 80,
    weakestHeadroom: 2,
    components: 4,
    atRisk: 1,
    demo: false,
    ...p,
  }));
  return {
    scope: { kind: 'team', ref: 'group:default/payments' },
    window: 90,
    from: '2026-09-07',
    to: '2026-12-05',
    growthFactor: 3,
    points: full,
    demo: full.some(p => p.demo),
    ...overrides,
  };
}

/** A real `ResponseError` as the client throws it for an HTTP error status. */
export async function responseError(
  status: number,
  message = `HTTP ${status}`,
  name = 'Error',
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    status,
    statusText: status === 404 ? 'Not Found' : 'Service Unavailable',
    url: 'http://localhost/api/scale-readiness',
    text: async () => body,
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
  } as unknown as Response);
}
