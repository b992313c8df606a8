import { NotFoundError } from '@backstage/errors';
import {
  scaleReadinessReadPermission,
  scaleReadinessRefreshPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import {
  entityRefFromParams,
  jsonBody,
  normaliseRef,
  parseInput,
  retryAfterHeader,
  type RouteSupport,
  type RouteRateLimits,
} from '../http';
import { createOpenApiRouter } from '../schema/openapi.generated';
import type { ReadinessService } from './ReadinessService';
import { type CachedResponse, ResponseCache } from './ResponseCache';
import type { ScorecardService } from './ScorecardService';
import {
  historyQuerySchema,
  overviewQuerySchema,
  simulateBodySchema,
  teamQuerySchema,
  unownedObjectsQuerySchema,
} from './validation';

/** Dependencies of the router. @internal */
export interface RouterOptions {
  support: RouteSupport;
  service: ReadinessService;
  scorecards: ScorecardService;
  /** Limits of refresh and simulate per caller (none when absent). */
  rateLimits?: Pick<RouteRateLimits, 'refresh' | 'simulate'>;
}

/** Who a rate limit counts: the user, or the calling service. */
function callerKey(credentials: { principal: unknown }): string {
  const p = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? p.subject ?? 'unknown';
}

/** Sends cached JSON bytes with their ETag, or 304 when the client has them. */
function sendCached(
  req: express.Request,
  res: express.Response,
  cached: CachedResponse,
): void {
  res.setHeader('ETag', cached.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (req.headers['if-none-match'] === cached.etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(cached.body);
}

/**
 * The request as Express types it. The spec types integer query parameters
 * as numbers (what the spec validator would coerce them to); with request
 * validation left to the zod schemas they still arrive as strings, so
 * helpers that take a plain request get it untyped.
 */
function untyped<T extends express.Request<any, any, any, any>>(
  req: T,
): express.Request {
  return req as express.Request;
}

/** Creates the `/api/scale-readiness` router. @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { support, service, scorecards, rateLimits } = options;
  const authorize = support.authorize.bind(support);
  // Typed from src/schema/openapi.yaml; requests are validated by the zod
  // schemas of each route (one error shape), not by the spec validator.
  // The body parser goes after the router's own middleware: the validator's
  // error handler there turns every error before it into a 400 (a 413 for a
  // too large body included).
  const router = await createOpenApiRouter({
    middleware: [(_req, _res, next) => next()],
    validatorOptions: { validateRequests: false },
  });
  router.use(jsonBody);

  router.get('/health', async (_req, res) => {
    res.json({ status: 'ok', ...(await service.status()) });
  });

  // The effective engine settings (configuration, custom checks, scoped
  // growth, server-only checks) the browser simulates with.
  router.get('/engine', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    res.json(service.engine);
  });

  // The check catalogue (titles, descriptions, severities) that compact
  // results leave out; it changes only with the configuration.
  const checksCache = new ResponseCache({ maxAgeMs: Number.MAX_SAFE_INTEGER });
  router.get('/checks', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const cached =
      checksCache.get('checks', 'static') ??
      checksCache.set('checks', 'static', service.checkCatalogue);
    sendCached(req, res, cached);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const response = await service.getEntityReadiness(entityRef);
    if (!response) {
      throw new NotFoundError(`No readiness result for ${entityRef}`);
    }
    res.json(response);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    await authorize(untyped(req), scaleReadinessReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    const items = await scorecards.history(entityRef, query);
    res.json({ items });
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const result = await support.audited(
      req,
      {
        eventId: 'entity-refresh',
        severityLevel: 'low',
        meta: { entity: req.params.name },
      },
      async audit => {
        const credentials = await authorize(
          req,
          scaleReadinessRefreshPermission,
          { write: true },
        );
        const entityRef = entityRefFromParams(req.params);
        audit.set({ entityRef });
        rateLimits?.refresh.take(callerKey(credentials));
        const value = await service.refreshEntity(entityRef, credentials);
        if (!value) {
          throw new NotFoundError(
            `Entity ${entityRef} not found in the catalog`,
          );
        }
        return value;
      },
    );
    res.json({ result });
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const teamRef = entityRefFromParams({ ...req.params, kind: 'group' });
    const { format } = parseInput(teamQuerySchema, req.query, 'query');
    sendCached(
      req,
      res,
      await scorecards.teamScorecard(teamRef, {
        compact: format === 'compact',
      }),
    );
  });

  router.get('/overview', async (req, res) => {
    await authorize(untyped(req), scaleReadinessReadPermission);
    const query = parseInput(overviewQuerySchema, req.query, 'query');
    sendCached(untyped(req), res, await scorecards.overview(query));
  });

  // Kubernetes objects that match no component (dangling autoscalers, PDBs
  // matching no pod, quotas of namespaces nobody runs in), org-wide, or those
  // read with one entity (`?entityRef=`).
  router.get('/unowned-objects', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const { entityRef } = parseInput(
      unownedObjectsQuerySchema,
      req.query,
      'query',
    );
    res.json(
      await scorecards.unownedObjects({
        entityRef: entityRef ? normaliseRef(entityRef, 'component') : undefined,
      }),
    );
  });

  router.post('/simulate', async (req, res) => {
    const credentials = await authorize(req, scaleReadinessReadPermission);
    rateLimits?.simulate.take(callerKey(credentials));
    const body = parseInput(simulateBodySchema, req.body, 'body');
    const response = await service.simulate({
      growthFactor: body.growthFactor,
      entityRefs: body.entityRefs?.map(r => normaliseRef(r, 'component')),
      team: body.team ? normaliseRef(body.team, 'group') : undefined,
    });
    res.json(response);
  });

  router.use(retryAfterHeader);
  return router;
}
