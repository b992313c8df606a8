/**
 * Hand-built, realistic fixtures for the store tests (not exported by the
 * package). Results follow the shapes of `results.ts`; rows follow `api.ts`.
 */
import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DIMENSIONS,
  type CheckResult,
  type CheckStatus,
  type Dimension,
  type EntityFacts,
  type EntityResult,
  type ReadinessLevel,
  type ScorecardRow,
  type Severity,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Knex } from 'knex';
import type { ResultInput } from './ReadinessStore';
import { hashJson } from './util';

/** A DatabaseService over a test knex (migrations handled by the store). */
export function databaseServiceFor(knex: Knex, skip = false): DatabaseService {
  return { getClient: async () => knex, migrations: { skip } };
}

const CATALOGUE: Array<{
  id: string;
  dimension: Dimension;
  title: string;
  severity: Severity;
  capacity?: boolean;
}> = [
  {
    id: 'autoscaling.hpa-present',
    dimension: 'autoscaling',
    title: 'Autoscaler present',
    severity: 'critical',
  },
  {
    id: 'autoscaling.min-replicas',
    dimension: 'autoscaling',
    title: 'At least 2 replicas',
    severity: 'high',
  },
  {
    id: 'autoscaling.max-replicas-headroom',
    dimension: 'autoscaling',
    title: 'Max replicas absorb growth',
    severity: 'high',
    capacity: true,
  },
  {
    id: 'quotas.lambda-concurrency',
    dimension: 'quotas',
    title: 'Lambda concurrency headroom',
    severity: 'critical',
    capacity: true,
  },
  {
    id: 'docs.runbook',
    dimension: 'docs',
    title: 'Runbook linked',
    severity: 'medium',
  },
  {
    id: 'ownership.champions',
    dimension: 'ownership',
    title: 'Two champions',
    severity: 'medium',
  },
];

/** Check ids used by the fixtures. */
export const CHECK_IDS = CATALOGUE.map(c => c.id);

const STATUS_SCORE: Record<CheckStatus, number | null> = {
  pass: 100,
  warn: 50,
  fail: 0,
  unknown: 0,
  'not-applicable': null,
};

const WORST_ORDER: CheckStatus[] = [
  'fail',
  'unknown',
  'warn',
  'pass',
  'not-applicable',
];

/** Options of `makeResult`. */
export interface ResultSpec {
  entityRef: string;
  owner?: string;
  system?: string;
  level: ReadinessLevel;
  score: number | null;
  ownHeadroom?: number | null;
  chainHeadroom?: number | null;
  /** Status per check id; unspecified checks pass. */
  statuses?: Partial<Record<string, CheckStatus>>;
  /** Extra text in every message (changes the hash, not the summary). */
  note?: string;
  growthFactor?: number;
}

/** Builds a full EntityResult with evidence, dimensions, coverage and chain. */
export function makeResult(spec: ResultSpec): EntityResult {
  const checks: CheckResult[] = CATALOGUE.map(c => {
    const status = spec.statuses?.[c.id] ?? 'pass';
    const check: CheckResult = {
      id: c.id,
      dimension: c.dimension,
      title: c.title,
      status,
      severity: c.severity,
      message: `${c.title}: ${status}${spec.note ? ` (${spec.note})` : ''}`,
      evidence: [
        {
          source: c.dimension === 'ownership' ? 'catalog' : 'manifests',
          location: `https://git.example.com/${spec.entityRef}/deploy/k8s.yaml`,
          observed: { status, minReplicas: 2, maxReplicas: 10 },
          at: '2026-11-20T10:00:00.000Z',
        },
      ],
    };
    if (status !== 'pass') {
      check.remediation = `Fix ${c.id} for ${spec.entityRef}`;
    }
    if (c.capacity) {
      check.headroom = spec.ownHeadroom ?? null;
    }
    return check;
  });
  const dimensions = DIMENSIONS.map(dimension => {
    const inDim = checks.filter(c => c.dimension === dimension);
    const counts: Record<CheckStatus, number> = {
      pass: 0,
      warn: 0,
      fail: 0,
      unknown: 0,
      'not-applicable': 0,
    };
    inDim.forEach(c => counts[c.status]++);
    const scored = inDim
      .map(c => STATUS_SCORE[c.status])
      .filter((s): s is number => s !== null);
    return {
      dimension,
      score: scored.length
        ? scored.reduce((a, b) => a + b, 0) / scored.length
        : null,
      counts,
    };
  });
  const applicable = checks.filter(c => c.status !== 'not-applicable').length;
  const evaluated = checks.filter(
    c => c.status !== 'not-applicable' && c.status !== 'unknown',
  ).length;
  const ownHeadroom = spec.ownHeadroom ?? null;
  const chainHeadroom =
    spec.chainHeadroom === undefined ? ownHeadroom : spec.chainHeadroom;
  const weakest = {
    entityRef: spec.entityRef,
    checkId: 'quotas.lambda-concurrency',
    headroom: chainHeadroom,
    message: `Lambda concurrency survives ${chainHeadroom ?? '∞'}×`,
  };
  return {
    entityRef: spec.entityRef,
    kind: 'Component',
    type: 'service',
    system: spec.system ?? 'system:default/payments',
    owner: spec.owner,
    title: spec.entityRef.split('/').pop(),
    growthFactor: spec.growthFactor ?? 3,
    score: spec.score,
    level: spec.level,
    dimensions,
    coverage: {
      applicable,
      evaluated,
      ratio: applicable ? evaluated / applicable : 1,
    },
    ownHeadroom:
      ownHeadroom === null ? null : { ...weakest, headroom: ownHeadroom },
    chain: {
      headroom: chainHeadroom,
      weakestLink: chainHeadroom === null ? undefined : weakest,
      members: ['component:default/ledger', 'resource:default/payments-db'],
      path: [spec.entityRef, 'component:default/ledger'],
      cycles: [],
      missing: [],
    },
    checks,
  };
}

/** Builds the compact scorecard row of a result. */
export function makeRow(
  result: EntityResult,
  evaluatedAt: string,
): ScorecardRow {
  const dims = {} as ScorecardRow['dimensions'];
  for (const d of result.dimensions) {
    const statuses = result.checks
      .filter(c => c.dimension === d.dimension)
      .map(c => c.status);
    const worst = WORST_ORDER.find(s => statuses.includes(s)) ?? null;
    dims[d.dimension] = { score: d.score, worst };
  }
  return {
    entityRef: result.entityRef,
    title: result.title,
    kind: result.kind,
    type: result.type,
    system: result.system,
    owner: result.owner,
    level: result.level,
    score: result.score,
    ownHeadroom: result.ownHeadroom?.headroom ?? null,
    chainHeadroom: result.chain.headroom,
    weakestLink: result.chain.weakestLink,
    coverage: result.coverage.ratio,
    dimensions: dims,
    failing: result.checks.filter(c => c.status === 'fail').map(c => c.id),
    evaluatedAt,
  };
}

/** Result + row + hash, ready for `saveResults`. */
export function makeResultInput(
  spec: ResultSpec,
  evaluatedAt = '2026-11-25T12:00:00.000Z',
): ResultInput {
  const result = makeResult(spec);
  return {
    result,
    row: makeRow(result, evaluatedAt),
    resultHash: hashJson(result),
  };
}

/** Base (catalog) facts of a component. */
export function makeBase(
  entityRef: string,
  owner: string,
  dependsOn: string[] = [],
): EntityFacts {
  return {
    entityRef,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    system: 'system:default/payments',
    title: entityRef.split('/').pop(),
    relations: { dependsOn, consumesApis: [], providesApis: [] },
    ownership: {
      status: 'ok',
      source: 'catalog',
      collectedAt: '2026-11-25T11:00:00.000Z',
      value: {
        ownerRef: owner,
        ownerIsGroup: true,
        ownerResolves: true,
        memberCount: 5,
        champions: ['user:default/alice'],
        validChampions: ['user:default/alice'],
      },
    },
  };
}
