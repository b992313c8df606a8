/**
 * The read actions of Scale Readiness: an entity's readiness, a team's
 * scorecard, a growth simulation and the weakest links. Every call checks
 * `scale-readiness.read` for the caller's own credentials (users and
 * services, as the read routes do).
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { scaleReadinessReadPermission } from '@scale-readiness/plugin-scale-readiness-common';
import type { ScorecardReadModel } from '../database';
import { computeRollup } from '../database/rollup';
import { groupRef, normaliseRef, type RateLimiter } from '../http';
import type { RouteSupport } from '../http';
import { summariseWeakestLinks, type ReadinessService } from '../service';
import { summariseEntity, survives, type Z } from './schemas';

/** `{ entityRef, checkId, headroom, message }` of a limit. */
const limitSchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    checkId: z.string(),
    headroom: z
      .number()
      .nullable()
      .describe('Largest growth factor the limit survives; null: unbounded'),
    message: z.string(),
  });

/** A scored entity as the actions report it. */
const entitySummarySchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    title: z.string().optional(),
    owner: z.string().optional(),
    growthFactor: z.number(),
    score: z.number().nullable().describe('0-100; null: nothing applicable'),
    level: z.enum(['not-ready', 'bronze', 'silver', 'gold']),
    survivesGrowth: z
      .boolean()
      .describe('Whether the whole request chain survives the growth factor'),
    ownHeadroom: limitSchema(z).nullable(),
    chain: z.object({
      headroom: z.number().nullable(),
      weakestLink: limitSchema(z).optional(),
      path: z.array(z.string()),
    }),
    dimensions: z.array(
      z.object({ dimension: z.string(), score: z.number().nullable() }),
    ),
    failing: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.string(),
        severity: z.string(),
        message: z.string(),
        remediation: z.string().optional(),
      }),
    ),
  });

/** What the read actions use. */
export interface ReadActionsOptions {
  actionsRegistry: ActionsRegistryService;
  support: Pick<RouteSupport, 'isAllowed'>;
  store: ScorecardReadModel;
  service: ReadinessService;
  /** The simulate route's limiter, shared with the action. */
  simulateLimit?: RateLimiter;
}

/** Throws NotAllowedError (403) unless the caller may read readiness. */
export async function requireRead(
  support: Pick<RouteSupport, 'isAllowed'>,
  credentials: BackstageCredentials,
): Promise<void> {
  if (!(await support.isAllowed(credentials, scaleReadinessReadPermission))) {
    throw new NotAllowedError(
      `Not allowed: ${scaleReadinessReadPermission.name}`,
    );
  }
}

function callerKey(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? p.subject ?? 'unknown';
}

async function teamRows(store: ScorecardReadModel, teamRef: string) {
  const group = await store.getGroup(teamRef);
  if (!group) {
    throw new NotFoundError(`No group ${teamRef} is known to Scale Readiness`);
  }
  const groups = await store.getDescendantGroups(teamRef);
  return { group, groups, rows: await store.getRowsByOwners(groups) };
}

/** Registers get-entity-readiness, get-team-scorecard, simulate-growth and list-weakest-links. */
export function registerReadActions(options: ReadActionsOptions): void {
  const { actionsRegistry: registry, support, store, service } = options;

  registry.register({
    name: 'get-entity-readiness',
    title: 'Get entity readiness',
    description:
      'Scale readiness of one catalog component (or resource): score, level, the limit that breaks first in its request chain, and the failing checks with remediations.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(300)
            .describe('Entity ref, e.g. component:default/cart-api'),
        }),
      output: z =>
        z.object({ evaluatedAt: z.string(), entity: entitySummarySchema(z) }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(support, credentials);
      const ref = normaliseRef(input.entityRef, 'component').toLowerCase();
      const response = await service.getEntityReadiness(ref);
      if (!response) throw new NotFoundError(`No readiness result for ${ref}`);
      return {
        output: {
          evaluatedAt: response.evaluatedAt,
          entity: summariseEntity(response.result),
        },
      };
    },
  });

  registry.register({
    name: 'get-team-scorecard',
    title: 'Get team scorecard',
    description:
      "A team's readiness scorecard (the team and its sub-groups): rollup, champions, weakest links and its components, weakest first.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .min(1)
            .max(300)
            .describe('Group ref, e.g. group:default/checkout-team'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(500)
            .optional()
            .describe('Components to list (default 50)'),
        }),
      output: z =>
        z.object({
          team: z.string(),
          title: z.string().optional(),
          growthFactor: z.number(),
          champions: z.array(z.string()),
          groups: z.array(z.string()),
          rollup: z.object({
            components: z.number(),
            score: z.number().nullable(),
            atRisk: z.number(),
            coverage: z.number(),
            levels: z.record(z.number()),
          }),
          weakestLinks: z.array(
            limitSchema(z).extend({ affected: z.number() }),
          ),
          components: z.array(
            z.object({
              entityRef: z.string(),
              level: z.string(),
              score: z.number().nullable(),
              chainHeadroom: z.number().nullable(),
              failing: z.array(z.string()),
            }),
          ),
          truncated: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(support, credentials);
      const { group, groups, rows } = await teamRows(
        store,
        groupRef(input.team),
      );
      const factor = service.growthFactor;
      const rollup = computeRollup(rows, factor);
      const limit = input.limit ?? 50;
      const sorted = [...rows].sort(
        (a, b) =>
          (a.chainHeadroom ?? Infinity) - (b.chainHeadroom ?? Infinity) ||
          (a.score ?? 101) - (b.score ?? 101),
      );
      return {
        output: {
          team: group.groupRef,
          ...(group.title ? { title: group.title } : {}),
          growthFactor: factor,
          champions: group.champions,
          groups,
          rollup: {
            components: rollup.components,
            score: rollup.score,
            atRisk: rollup.atRisk,
            coverage: rollup.coverage,
            levels: rollup.levels,
          },
          weakestLinks: summariseWeakestLinks(rows, factor),
          components: sorted.slice(0, limit).map(r => ({
            entityRef: r.entityRef,
            level: r.level,
            score: r.score,
            chainHeadroom: r.chainHeadroom,
            failing: r.failing,
          })),
          truncated: sorted.length > limit,
        },
      };
    },
  });

  registry.register({
    name: 'simulate-growth',
    title: 'Simulate growth',
    description:
      'Re-scores components for a hypothetical growth factor (e.g. 5 for 5x traffic) without storing anything: which survive, and where each breaks.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            growthFactor: z.number().positive().max(1000),
            team: z
              .string()
              .min(1)
              .max(300)
              .optional()
              .describe('Simulate every component of this group'),
            entityRefs: z
              .array(z.string().min(1).max(300))
              .min(1)
              .max(500)
              .optional(),
          })
          .describe('Give exactly one of team or entityRefs'),
      output: z =>
        z.object({
          growthFactor: z.number(),
          survive: z.number(),
          break: z.number(),
          results: z.array(entitySummarySchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(support, credentials);
      if (!!input.team === !!input.entityRefs) {
        throw new InputError('Give exactly one of team or entityRefs');
      }
      options.simulateLimit?.take(callerKey(credentials));
      const response = await service.simulate({
        growthFactor: input.growthFactor,
        team: input.team ? groupRef(input.team) : undefined,
        entityRefs: input.entityRefs?.map(r =>
          normaliseRef(r, 'component').toLowerCase(),
        ),
      });
      const results = response.results.map(summariseEntity);
      const ok = results.filter(r => r.survivesGrowth).length;
      return {
        output: {
          growthFactor: response.growthFactor,
          survive: ok,
          break: results.length - ok,
          results,
        },
      };
    },
  });

  registry.register({
    name: 'list-weakest-links',
    title: 'List weakest links',
    description:
      "The limits that break first below the growth factor across a team's components (one entry per limit, with how many of the team's request chains break there), lowest headroom first.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          team: z.string().min(1).max(300),
          max: z.number().int().min(1).max(100).optional(),
        }),
      output: z =>
        z.object({
          team: z.string(),
          growthFactor: z.number(),
          items: z.array(limitSchema(z).extend({ affected: z.number() })),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(support, credentials);
      const { group, rows } = await teamRows(store, groupRef(input.team));
      const factor = service.growthFactor;
      const items = summariseWeakestLinks(rows, factor, input.max ?? 20).filter(
        l => !survives(l.headroom, factor),
      );
      return { output: { team: group.groupRef, growthFactor: factor, items } };
    },
  });
}
