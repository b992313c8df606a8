/**
 * zod output schemas of the Scale Readiness actions, and the mapping from the
 * API's models to them. Outputs are compact summaries (no evidence, no facts):
 * an agent asks a follow-up question rather than reading a 2 MB answer.
 */
import type {
  EntityResult,
  HeadroomLimit,
  TeamAccessRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/**
 * The zod the actions registry hands to schema factories. Schemas are built
 * only with it: `@backstage/backend-plugin-api` brings its own zod, and mixing
 * its types with the plugin's zod makes the type checker compare two copies
 * of zod (it runs out of memory).
 */
export type Z = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** A limit (entity + check) and the largest growth factor it survives. */
export interface LimitSummary {
  entityRef: string;
  checkId: string;
  headroom: number | null;
  message: string;
}

/** A scored entity as the actions report it (see readActions' schema). */
export interface EntitySummary {
  entityRef: string;
  title?: string;
  owner?: string;
  growthFactor: number;
  score: number | null;
  level: 'not-ready' | 'bronze' | 'silver' | 'gold';
  survivesGrowth: boolean;
  ownHeadroom: LimitSummary | null;
  chain: {
    headroom: number | null;
    weakestLink?: LimitSummary;
    path: string[];
  };
  dimensions: Array<{ dimension: string; score: number | null }>;
  failing: Array<{
    id: string;
    title: string;
    status: string;
    severity: string;
    message: string;
    remediation?: string;
  }>;
}

/** An access request as request-access returns it. */
export interface AccessRequestSummary {
  id: string;
  team: string;
  grantee: string;
  requestedBy: string;
  state: string;
  durationHours: number;
  requestedAt: string;
  expiresAt: string;
  target: Record<string, unknown>;
}

function limit(l: HeadroomLimit): LimitSummary {
  return {
    entityRef: l.entityRef,
    checkId: l.checkId,
    headroom: l.headroom,
    message: l.message,
  };
}

/** Whether a headroom survives a growth factor (null: unbounded). */
export function survives(headroom: number | null, factor: number): boolean {
  return headroom === null || headroom >= factor;
}

/** The compact summary of an evaluation. */
export function summariseEntity(result: EntityResult): EntitySummary {
  return {
    entityRef: result.entityRef,
    ...(result.title ? { title: result.title } : {}),
    ...(result.owner ? { owner: result.owner } : {}),
    growthFactor: result.growthFactor,
    score: result.score,
    level: result.level,
    survivesGrowth: survives(result.chain.headroom, result.growthFactor),
    ownHeadroom: result.ownHeadroom ? limit(result.ownHeadroom) : null,
    chain: {
      headroom: result.chain.headroom,
      ...(result.chain.weakestLink
        ? { weakestLink: limit(result.chain.weakestLink) }
        : {}),
      path: result.chain.path,
    },
    dimensions: result.dimensions.map(d => ({
      dimension: d.dimension,
      score: d.score,
    })),
    failing: result.checks
      .filter(c => (c.status === 'fail' || c.status === 'warn') && !c.waived)
      .map(c => ({
        id: c.id,
        title: c.title,
        status: c.status,
        severity: c.severity,
        message: c.message,
        ...(c.remediation ? { remediation: c.remediation } : {}),
      })),
  };
}

/** The compact view of an access request. */
export function summariseRequest(r: TeamAccessRequest): AccessRequestSummary {
  return {
    id: r.id,
    team: r.team,
    grantee: r.grantee,
    requestedBy: r.requestedBy,
    state: r.state,
    durationHours: r.durationHours,
    requestedAt: r.requestedAt,
    expiresAt: r.expiresAt,
    target: { ...r.target },
  };
}
