import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  scaleReadinessReadPermission,
  scaleReadinessRefreshPermission,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import type { ReadinessStore } from '../database';
import { computeRollup } from '../database/rollup';
import type { ReadinessService } from './ReadinessService';
import { ResponseCache } from './ResponseCache';
import { summariseWeakestLinks } from './weakestLinks';
import {
  entityRefFromParams,
  historyQuerySchema,
  normaliseRef,
  overviewQuerySchema,
  parseInput,
  simulateBodySchema,
} from './validation';

/** Dependencies of the router. @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: ReadinessStore;
  service: ReadinessService;
  /** Serialised team scorecards, reused while their rows are unchanged. */
  teamCache?: ResponseCache;
}

/** Creates the `/api/scale-readiness` router. @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, service } = options;
  const teamCache = options.teamCache ?? new ResponseCache();
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  /** The one place that decides whether a caller may do something. */
  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/health', async (_req, res) => {
    res.json({ status: 'ok', ...(await service.status()) });
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
    await authorize(req, scaleReadinessReadPermission);
    const entityRef = entityRefFromParams(req.params);
    const query = parseInput(historyQuerySchema, req.query, 'query');
    const items = await store.getHistory(entityRef, {
      limit: query.limit ?? 50,
      before: query.before ? new Date(query.before) : undefined,
    });
    res.json({ items });
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await authorize(req, scaleReadinessRefreshPermission);
    const entityRef = entityRefFromParams(req.params);
    const event = await auditor.createEvent({
      eventId: 'entity-refresh',
      severityLevel: 'low',
      request: req,
      meta: { entityRef },
    });
    try {
      const result = await service.refreshEntity(entityRef, credentials);
      if (!result) {
        throw new NotFoundError(`Entity ${entityRef} not found in the catalog`);
      }
      await event.success();
      res.json({ result });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const teamRef = entityRefFromParams({ ...req.params, kind: 'group' });
    const group = await store.getGroup(teamRef);
    if (!group) {
      throw new NotFoundError(
        `No group ${teamRef} is known to Scale Readiness`,
      );
    }
    const groups = await store.getDescendantGroups(teamRef);
    const growthFactor = service.growthFactor;
    // The body only changes when a row, the team or the factor changes: a
    // large team's scorecard is built and serialised once per version.
    const version = `${await store.getOwnersVersion(
      groups,
    )}|${growthFactor}|${JSON.stringify([group, groups])}`;
    let cached = teamCache.get(teamRef, version);
    if (!cached) {
      const rows = await store.getRowsByOwners(groups);
      const body: TeamScorecardResponse = {
        team: {
          entityRef: group.groupRef,
          title: group.title ?? undefined,
          parent: group.parentRef ?? undefined,
          children: group.children,
        },
        growthFactor,
        champions: group.champions,
        groups,
        rollup: computeRollup(rows, growthFactor),
        weakestLinks: summariseWeakestLinks(rows, growthFactor),
        components: rows,
      };
      cached = teamCache.set(teamRef, version, body);
    }
    res.setHeader('ETag', cached.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === cached.etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(cached.body);
  });

  router.get('/overview', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const query = parseInput(overviewQuerySchema, req.query, 'query');
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const growthFactor = service.growthFactor;
    const [page, org] = await Promise.all([
      store.listTeamRollups({ ...query, offset, limit }),
      store.getOrgRollup({ growthFactor }),
    ]);
    res.json({
      growthFactor,
      total: page.total,
      offset,
      limit,
      org,
      teams: page.rows,
    });
  });

  router.post('/simulate', async (req, res) => {
    await authorize(req, scaleReadinessReadPermission);
    const body = parseInput(simulateBodySchema, req.body, 'body');
    const response = await service.simulate({
      growthFactor: body.growthFactor,
      entityRefs: body.entityRefs?.map(r => normaliseRef(r, 'component')),
      team: body.team ? normaliseRef(body.team, 'group') : undefined,
    });
    res.json(response);
  });

  return router;
}
