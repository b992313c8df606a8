import {
  type ReadinessConfig,
  scaleReadinessReviewCreatePermission,
  scaleReadinessReviewReadPermission,
  scaleReadinessReviewSignOffPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import type { Request, Response } from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import { z } from 'zod';
import {
  entityRefFromParams,
  jsonBody,
  parseInput,
  type RateLimiter,
  retryAfterHeader,
  RouteSupport,
} from '../http';
import { toCsv } from '@scale-readiness/plugin-scale-readiness-common';
import { orgCsvTable, teamCsvTable } from './export/reviewCsv';
import { orgMarkdown, teamMarkdown } from './export/reviewMarkdown';
import { MAX_COMMENT_LENGTH, type ReviewService } from './ReviewService';
import type { ReviewTaker } from './ReviewTaker';

const listQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
const createBody = z
  .object({ title: z.string().trim().min(1).max(200).optional() })
  .strict();
const signOffBody = z
  .object({ comment: z.string().max(MAX_COMMENT_LENGTH).optional() })
  .strict();
const exportQuery = z.object({
  format: z.enum(['markdown', 'csv']).default('markdown'),
});
const reviewId = z.string().uuid();

const TEAM_PATH = '/reviews/:id/teams/:kind/:namespace/:name';

/** Sends an export as a download. */
function download(
  res: Response,
  format: 'markdown' | 'csv',
  baseName: string,
  body: string,
) {
  const safe = baseName.replace(/[^a-zA-Z0-9._-]+/g, '-');
  res
    .status(200)
    .type(format === 'csv' ? 'text/csv' : 'text/markdown')
    .set(
      'Content-Disposition',
      `attachment; filename="${safe}.${format === 'csv' ? 'csv' : 'md'}"`,
    )
    // the frontend calls cross-origin; let it read the file name
    .set('Access-Control-Expose-Headers', 'Content-Disposition')
    .send(body);
}

/**
 * Routes of readiness reviews: list, start by hand, org view, team view,
 * sign-off and exports. Reviews are immutable: PATCH, PUT and DELETE answer
 * 409 (404 for an unknown review).
 */
export function createReviewRouter(options: {
  support: RouteSupport;
  service: ReviewService;
  taker: ReviewTaker;
  /** Limits reviews started by hand per user (each notifies every team). */
  createLimit?: RateLimiter;
  /** Level rules for the level explanation in exports (default built-in). */
  levels?: ReadinessConfig['levels'];
}): express.Router {
  const { support, service, taker, createLimit, levels } = options;
  const router = createTypedRouter();
  router.use(jsonBody);

  const idOf = (req: Request) =>
    parseInput(reviewId, req.params.id, 'review id');
  const teamOf = (req: Request) => entityRefFromParams(req.params);

  router.get('/reviews', async (req, res) => {
    await support.authorize(req, scaleReadinessReviewReadPermission);
    res.json(await service.list(parseInput(listQuery, req.query, 'query')));
  });

  router.post('/reviews', async (req, res) => {
    const review = await support.audited(
      req,
      { eventId: 'review-create' },
      async audit => {
        // operators: a user, or operator tooling as a service principal
        const credentials = await support.authorize(
          req,
          scaleReadinessReviewCreatePermission,
          { write: true, services: true },
        );
        const body = parseInput(createBody, req.body ?? {}, 'body');
        const takenBy = RouteSupport.actorOf(credentials);
        audit.set({ title: body.title, takenBy });
        createLimit?.take(takenBy);
        return taker.take({ title: body.title, trigger: 'manual', takenBy });
      },
    );
    const [summary] = await service.summarise([review]);
    res.status(201).json(summary);
  });

  router.get('/reviews/:id', async (req, res) => {
    await support.authorize(req, scaleReadinessReviewReadPermission);
    res.json(await service.detail(idOf(req)));
  });

  router.get('/reviews/:id/export', async (req, res) => {
    await support.authorize(req, scaleReadinessReviewReadPermission);
    const { format } = parseInput(exportQuery, req.query, 'query');
    const detail = await service.detail(idOf(req));
    const name = `readiness-review-${detail.review.takenAt.slice(0, 10)}`;
    download(
      res,
      format,
      name,
      format === 'csv' ? toCsv(orgCsvTable(detail)) : orgMarkdown(detail),
    );
  });

  router.get(TEAM_PATH, async (req, res) => {
    const credentials = await support.authorize(
      req,
      scaleReadinessReviewReadPermission,
    );
    const permitted =
      (credentials.principal as { type?: string }).type === 'user' &&
      (await support.isAllowed(
        credentials,
        scaleReadinessReviewSignOffPermission,
      ));
    res.json(
      await service.team(idOf(req), teamOf(req), { credentials, permitted }),
    );
  });

  router.get(`${TEAM_PATH}/export`, async (req, res) => {
    await support.authorize(req, scaleReadinessReviewReadPermission);
    const { format } = parseInput(exportQuery, req.query, 'query');
    const data = await service.team(idOf(req), teamOf(req));
    const previous = data.review.previousReviewId
      ? await service.summary(data.review.previousReviewId)
      : undefined;
    const name = `readiness-review-${data.review.takenAt.slice(0, 10)}-${
      req.params.name
    }`;
    download(
      res,
      format,
      name,
      format === 'csv'
        ? toCsv(teamCsvTable(data, levels))
        : teamMarkdown(data, previous, levels),
    );
  });

  router.post(`${TEAM_PATH}/sign-offs`, async (req, res) => {
    const signOff = await support.audited(
      req,
      {
        eventId: 'review-sign-off',
        meta: { reviewId: req.params.id, team: req.params.name },
      },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessReviewSignOffPermission,
          { write: true },
        );
        const id = idOf(req);
        const teamRef = teamOf(req);
        const body = parseInput(signOffBody, req.body ?? {}, 'body');
        return service.signOff(id, teamRef, credentials, body.comment);
      },
    );
    res.status(201).json(signOff);
  });

  // Frozen reviews cannot be edited or deleted, whole or in part.
  for (const path of ['/reviews/:id', TEAM_PATH]) {
    for (const method of ['patch', 'put', 'delete'] as const) {
      // dynamic paths and methods: the untyped router (each is in the spec)
      (router as unknown as express.Router)[method](path, async (req, _res) => {
        await support.audited(
          req,
          { eventId: 'review-edit', meta: { reviewId: req.params.id, method } },
          async () => {
            await support.authorize(req, scaleReadinessReviewCreatePermission, {
              write: true,
            });
            await service.refuseEdit(idOf(req));
          },
        );
      });
    }
  }

  router.use(retryAfterHeader);
  return router;
}
