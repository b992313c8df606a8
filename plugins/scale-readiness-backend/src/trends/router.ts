import { scaleReadinessReadPermission } from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import { z } from 'zod';
import {
  entityRefFromParams,
  parseInput,
  retryAfterHeader,
  type RouteSupport,
} from '../http';
import type { TrendService } from './TrendService';
import { TREND_WINDOWS } from './types';

export type { TrendResponse } from './TrendService';

/** Query of the trend routes: `window` is 30, 90 (default) or 365 days. */
export const trendQuerySchema = z.object({
  window: z.coerce
    .number()
    .int()
    .refine(w => (TREND_WINDOWS as readonly number[]).includes(w), {
      message: `must be one of ${TREND_WINDOWS.join(', ')}`,
    })
    .default(90),
});

/** What the trend routes need. */
export interface TrendRouterOptions {
  support: RouteSupport;
  service: Pick<TrendService, 'entity' | 'team' | 'org'>;
}

/**
 * `GET /entities/:kind/:namespace/:name/trend`, `GET /teams/:namespace/:name/trend`
 * and `GET /trends/org`, each `?window=30|90|365`; read permission like the
 * neighbouring read routes.
 */
export function createTrendRouter(o: TrendRouterOptions): express.Router {
  const router = createTypedRouter();

  router.get('/entities/:kind/:namespace/:name/trend', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    res.json(await o.service.entity(entityRef, window));
  });

  router.get('/teams/:namespace/:name/trend', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const teamRef = entityRefFromParams({ ...req.params, kind: 'group' });
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    res.json(await o.service.team(teamRef, window));
  });

  router.get('/trends/org', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    res.json(await o.service.org(window));
  });

  router.use(retryAfterHeader);
  return router;
}
