import {
  scaleReadinessPlanCreatePermission,
  scaleReadinessPlanReadPermission,
  scaleReadinessPlanSignOffPermission,
  scaleReadinessPlanUpdatePermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import type { Request } from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import { z } from 'zod';
import {
  groupRef,
  jsonBody,
  normaliseRef,
  parseInput,
  retryAfterHeader,
  type RateLimiter,
  type RouteSupport,
} from '../http';
import { planCsv, planMarkdown } from './planExport';
import { MAX_PLAN_COMMENT_LENGTH, type PlanService } from './PlanService';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    d => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d,
    'not a calendar date',
  );
const factor = z.number().positive().max(1000);
const fields = {
  title: z.string().trim().min(1).max(200),
  occasion: z.string().trim().max(200).optional(),
  date: isoDay,
  growthFactor: factor,
  entryPoints: z.array(z.string().min(1).max(500)).min(1).max(50),
  factors: z.record(factor).optional(),
};
const createBody = z.object(fields).strict();
const updateBody = z
  .object(fields)
  .partial()
  .strict()
  .refine(b => Object.keys(b).length > 0, 'nothing to change');
const assignBody = z
  .object({ assignee: z.string().min(1).max(500).nullable() })
  .strict();
const signOffBody = z
  .object({
    team: z.string().min(1).max(500),
    comment: z.string().max(MAX_PLAN_COMMENT_LENGTH).optional(),
  })
  .strict();
const exportQuery = z.object({
  format: z.enum(['markdown', 'csv']).default('markdown'),
});
const uuid = z.string().uuid();

/** Entry points and factor keys as normalised entity refs (400 when malformed). */
function normaliseRefs<
  T extends { entryPoints?: string[]; factors?: Record<string, number> },
>(body: T): T {
  return {
    ...body,
    ...(body.entryPoints
      ? {
          entryPoints: [
            ...new Set(body.entryPoints.map(r => normaliseRef(r, 'component'))),
          ],
        }
      : {}),
    ...(body.factors
      ? {
          factors: Object.fromEntries(
            Object.entries(body.factors).map(([r, f]) => [
              normaliseRef(r, 'component'),
              f,
            ]),
          ),
        }
      : {}),
  };
}

/**
 * Routes of launch plans (`/plans…`): list, create, detail (re-evaluated
 * while open), change, archive, item assignment, team sign-off and exports.
 */
export function createPlanRouter(options: {
  support: RouteSupport;
  service: PlanService;
  /** Limits plans created per user (each notifies the teams involved). */
  createLimit?: RateLimiter;
}): express.Router {
  const { support, service, createLimit } = options;
  const router = createTypedRouter();
  router.use(jsonBody);
  const idOf = (req: Request) => parseInput(uuid, req.params.id, 'plan id');

  router.get('/plans', async (req, res) => {
    await support.authorize(req, scaleReadinessPlanReadPermission);
    res.json({ plans: await service.list() });
  });

  router.post('/plans', async (req, res) => {
    const plan = await support.audited(
      req,
      { eventId: 'plan-create' },
      async audit => {
        const credentials = await support.authorize(
          req,
          scaleReadinessPlanCreatePermission,
          { write: true },
        );
        const body = normaliseRefs(parseInput(createBody, req.body, 'body'));
        audit.set({ title: body.title, date: body.date });
        createLimit?.take(credentials.principal.userEntityRef);
        const created = await service.create(body, credentials);
        audit.set({ planId: created.id });
        return created;
      },
    );
    res.status(201).json({ plan });
  });

  router.get('/plans/:id', async (req, res) => {
    await support.authorize(req, scaleReadinessPlanReadPermission);
    res.json(await service.detail(idOf(req)));
  });

  router.patch('/plans/:id', async (req, res) => {
    const plan = await support.audited(
      req,
      { eventId: 'plan-update', meta: { planId: req.params.id } },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessPlanUpdatePermission,
          { write: true },
        );
        const id = idOf(req);
        const body = normaliseRefs(parseInput(updateBody, req.body, 'body'));
        return service.update(id, body, credentials);
      },
    );
    res.json({ plan });
  });

  router.post('/plans/:id/archive', async (req, res) => {
    const plan = await support.audited(
      req,
      { eventId: 'plan-archive', meta: { planId: req.params.id } },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessPlanUpdatePermission,
          { write: true },
        );
        return service.archive(idOf(req), credentials);
      },
    );
    res.json({ plan });
  });

  router.post('/plans/:id/items/:itemId/assign', async (req, res) => {
    const item = await support.audited(
      req,
      {
        eventId: 'plan-item-assign',
        meta: { planId: req.params.id, itemId: req.params.itemId },
      },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessPlanUpdatePermission,
          { write: true },
        );
        const id = idOf(req);
        const itemId = parseInput(uuid, req.params.itemId, 'item id');
        const { assignee } = parseInput(assignBody, req.body, 'body');
        return service.assign(
          id,
          itemId,
          assignee === null ? null : normaliseRef(assignee, 'user'),
          credentials,
        );
      },
    );
    res.json({ item });
  });

  router.post('/plans/:id/sign-offs', async (req, res) => {
    const result = await support.audited(
      req,
      { eventId: 'plan-sign-off', meta: { planId: req.params.id } },
      async audit => {
        const credentials = await support.authorize(
          req,
          scaleReadinessPlanSignOffPermission,
          { write: true },
        );
        const id = idOf(req);
        const body = parseInput(signOffBody, req.body, 'body');
        const team = groupRef(body.team);
        audit.set({ team });
        return service.signOff(id, team, body.comment, credentials);
      },
    );
    res.status(201).json(result);
  });

  router.get('/plans/:id/export', async (req, res) => {
    await support.authorize(req, scaleReadinessPlanReadPermission);
    const { format } = parseInput(exportQuery, req.query, 'query');
    const detail = await service.detail(idOf(req));
    const name = `launch-plan-${detail.plan.date}-${detail.plan.title}`
      .replace(/[^a-zA-Z0-9._-]+/g, '-')
      .slice(0, 120);
    res
      .status(200)
      .type(format === 'csv' ? 'text/csv' : 'text/markdown')
      .set(
        'Content-Disposition',
        `attachment; filename="${name}.${format === 'csv' ? 'csv' : 'md'}"`,
      )
      .set('Access-Control-Expose-Headers', 'Content-Disposition')
      .send(format === 'csv' ? planCsv(detail) : planMarkdown(detail));
  });

  router.use(retryAfterHeader);
  return router;
}
