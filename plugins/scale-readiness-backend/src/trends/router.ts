import { NotFoundError } from '@backstage/errors';
import { scaleReadinessReadPermission } from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import { z } from 'zod';
import type { ResultStore, ScorecardReadModel } from '../database';
import {
  entityRefFromParams,
  parseInput,
  retryAfterHeader,
  type RouteSupport,
} from '../http';
import type { DatabaseTrendStore } from './DatabaseTrendStore';
import { dailyPointsFromHistory, historySince } from './snapshot';
import {
  dayOf,
  ORG_SCOPE_REF,
  TREND_WINDOWS,
  type TrendPoint,
  windowStart,
} from './types';

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

/** Body of every trend route. */
export interface TrendResponse {
  scope: { kind: 'entity' | 'team' | 'org'; ref: string };
  window: number;
  from: string;
  to: string;
  /** The target growth factor (the headroom chart's reference line). */
  growthFactor: number;
  /** Oldest first; days without data are absent. */
  points: TrendPoint[];
  /** Whether some points are generated demo history. */
  demo: boolean;
}

/** What the trend routes need. */
export interface TrendRouterOptions {
  support: RouteSupport;
  store: ScorecardReadModel & ResultStore;
  trends: DatabaseTrendStore;
  growthFactor(): number;
  now?: () => Date;
}

/**
 * `GET /entities/:kind/:namespace/:name/trend`, `GET /teams/:namespace/:name/trend`
 * and `GET /trends/org`, each `?window=30|90|365`; read permission like the
 * neighbouring read routes.
 */
export function createTrendRouter(o: TrendRouterOptions): express.Router {
  const router = createTypedRouter();
  const now = o.now ?? (() => new Date());
  const respond = (
    kind: TrendResponse['scope']['kind'],
    ref: string,
    window: number,
    from: string,
    to: string,
    points: TrendPoint[],
  ): TrendResponse => ({
    scope: { kind, ref },
    window,
    from,
    to,
    growthFactor: o.growthFactor(),
    points,
    demo: points.some(p => p.demo),
  });

  router.get('/entities/:kind/:namespace/:name/trend', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    const at = now();
    const from = windowStart(at, window);
    const to = dayOf(at);
    const measured = dailyPointsFromHistory(
      await historySince(o.store, entityRef, from),
      from,
      to,
      o.growthFactor(),
    );
    // demo history fills the days before the first measured one
    const first = measured[0]?.day ?? '9999-12-31';
    const demo = (await o.trends.list(entityRef, from)).filter(
      p => p.demo && p.day < first,
    );
    const points = [...demo, ...measured];
    if (points.length === 0 && !(await o.store.getResult(entityRef))) {
      throw new NotFoundError(`No readiness result for ${entityRef}`);
    }
    res.json(respond('entity', entityRef, window, from, to, points));
  });

  router.get('/teams/:namespace/:name/trend', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const teamRef = entityRefFromParams({ ...req.params, kind: 'group' });
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    if (!(await o.store.getGroup(teamRef))) {
      throw new NotFoundError(
        `No group ${teamRef} is known to Scale Readiness`,
      );
    }
    const at = now();
    const from = windowStart(at, window);
    const points = await o.trends.list(teamRef, from);
    res.json(respond('team', teamRef, window, from, dayOf(at), points));
  });

  router.get('/trends/org', async (req, res) => {
    await o.support.authorize(req, scaleReadinessReadPermission);
    const { window } = parseInput(trendQuerySchema, req.query, 'query');
    const at = now();
    const from = windowStart(at, window);
    const points = await o.trends.list(ORG_SCOPE_REF, from);
    res.json(respond('org', ORG_SCOPE_REF, window, from, dayOf(at), points));
  });

  router.use(retryAfterHeader);
  return router;
}
