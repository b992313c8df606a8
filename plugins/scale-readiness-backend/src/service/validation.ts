import { z } from 'zod';

/** Query of `GET /overview`. */
export const overviewQuerySchema = z.object({
  sort: z
    .enum(['team', 'score', 'components', 'atRisk', 'notReady', 'coverage'])
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  q: z.string().max(200).optional(),
});

/** Query of `GET /unowned-objects`: `entityRef` keeps one entity's objects. */
export const unownedObjectsQuerySchema = z.object({
  entityRef: z.string().min(1).max(500).optional(),
});

/** Query of `GET /entities/.../history`. */
export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  before: z
    .string()
    .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO date')
    .optional(),
});

/** Query of `GET /teams/:namespace/:name`: `format=compact` for the compact body. */
export const teamQuerySchema = z.object({
  format: z.enum(['full', 'compact']).optional(),
});

/** Maximum number of entities one simulation may evaluate (request + chains). */
export const MAX_SIMULATION_ENTITIES = 20_000;

/** Body of `POST /simulate`. */
export const simulateBodySchema = z
  .object({
    growthFactor: z.number().positive().max(1000),
    entityRefs: z.array(z.string().min(1)).min(1).max(5000).optional(),
    team: z.string().min(1).optional(),
  })
  .refine(b => !!b.entityRefs !== !!b.team, {
    message: 'give exactly one of entityRefs or team',
  });
