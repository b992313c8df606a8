import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  scaleReadinessAccessRequestCreatePermission,
  scaleReadinessAccessRequestDecidePermission,
  scaleReadinessAccessRequestReadPermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessReadPermission,
  type AccessRequestListResponse,
  type AccessRequestResponse,
  type TeamAccessRequest,
  type TimeToAccessOverviewResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import express from 'express';
import Router from 'express-promise-router';
import { RateLimitedError } from '../grants/errors';
import type { GrantAuthorizer } from '../grants/GrantAuthorizer';
import { normaliseRef, type TeamDirectory } from '../grants/TeamDirectory';
import { parseWith, type RouteSupport } from '../reviews/routeSupport';
import type { AccessRequestService } from './AccessRequestService';
import type { TimeToAccessMeasure } from './timeToAccess';
import type {
  AccessRequestRecord,
  AccessRequestStore,
} from './AccessRequestStore';
import {
  auditQuerySchema,
  createAccessRequestBodySchema,
  decisionBodySchema,
  denyBodySchema,
  listQuerySchema,
} from './validation';

/** The API view of a stored request. */
export function toApiRequest(r: AccessRequestRecord): TeamAccessRequest {
  const out: TeamAccessRequest = {
    id: r.id,
    team: r.teamRef,
    target: r.target,
    grantee: r.granteeRef,
    requestedBy: r.requestedBy,
    justification: r.justification,
    durationHours: r.durationHours,
    state: r.state,
    requestedAt: r.requestedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  };
  if (r.decidedAt) out.decidedAt = r.decidedAt.toISOString();
  if (r.decidedBy) out.decidedBy = r.decidedBy;
  if (r.comment) out.comment = r.comment;
  if (r.grantId) out.grantId = r.grantId;
  if (r.grantState) out.grantState = r.grantState;
  if (r.activatedAt) out.activatedAt = r.activatedAt.toISOString();
  if (r.lastError) out.lastError = r.lastError;
  return out;
}

/** Dependencies of the access-request router. */
export interface AccessRequestRouterOptions {
  support: RouteSupport;
  authorizer: GrantAuthorizer;
  directory: Pick<TeamDirectory, 'isChampion' | 'isMember'>;
  service: AccessRequestService;
  store: AccessRequestStore;
  measure: TimeToAccessMeasure;
}

function teamFromInput(value: string): string {
  const ref = normaliseRef(value, 'group');
  if (!ref?.startsWith('group:')) {
    throw new NotFoundError(`${value} is not a group reference`);
  }
  return ref;
}

function callerRef(credentials: BackstageCredentials): string | undefined {
  const p = credentials.principal as { type?: string; userEntityRef?: string };
  return p.type === 'user' ? p.userEntityRef?.toLowerCase() : undefined;
}

/**
 * Routes of access requests under `/access-requests`. Team-scoped
 * permissions (conditional decisions applied to the team read from the
 * catalog now) through the grants' authorizer; membership and champion
 * rules on top; every write inside one auditor event (refusals included).
 */
export function createAccessRequestRouter(
  options: AccessRequestRouterOptions,
): express.Router {
  const { support, authorizer, directory, service, store, measure } = options;
  const router = Router();
  router.use('/access-requests', express.json({ limit: '64kb' }));

  router.get('/access-requests/time-to-access', async (req, res) => {
    await support.authorize(req, scaleReadinessReadPermission);
    const body: TimeToAccessOverviewResponse = {
      items: await measure.overview(),
    };
    res.json(body);
  });

  router.get('/access-requests', async (req, res) => {
    const query = parseWith(listQuerySchema, req.query, 'query');
    const { credentials, team } = await authorizer.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      teamFromInput(query.team),
    );
    const me = callerRef(credentials);
    const [items, timeToAccess] = await Promise.all([
      store.list({
        teamRef: team.entityRef,
        states: query.state,
        limit: query.limit ?? 100,
      }),
      measure.forTeam(team.entityRef),
    ]);
    const body: AccessRequestListResponse = {
      items: items.map(toApiRequest),
      caller: {
        ...(me ? { entityRef: me } : {}),
        isChampion: directory.isChampion(team, me),
        isMember: directory.isMember(team, me),
      },
      timeToAccess,
    };
    res.json(body);
  });

  router.post('/access-requests', async (req, res) => {
    try {
      const result = await support.audited(
        req,
        { eventId: 'access-request-create', severityLevel: 'high' },
        async () => {
          await authorizer.user(req);
          const body = parseWith(
            createAccessRequestBodySchema,
            req.body,
            'body',
          );
          const { credentials, team } = await authorizer.read(
            req,
            scaleReadinessAccessRequestCreatePermission,
            teamFromInput(body.team),
          );
          const userRef = callerRef(credentials);
          if (!userRef)
            throw new NotAllowedError('Only users may ask for access');
          return service.create({ userRef, team }, body, {
            ref: userRef,
            request: req,
          });
        },
      );
      const response: AccessRequestResponse = {
        request: toApiRequest(result.request),
      };
      res.status(result.created ? 201 : 200).json(response);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  });

  router.get('/access-requests/:id', async (req, res) => {
    const request = await service.get(req.params.id);
    await authorizer.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      request.teamRef,
    );
    res.json({ request: toApiRequest(request) });
  });

  router.get('/access-requests/:id/audit', async (req, res) => {
    const request = await service.get(req.params.id);
    await authorizer.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      request.teamRef,
    );
    const query = parseWith(auditQuerySchema, req.query, 'query');
    res.json({
      items: await store.listAudit({
        requestId: request.id,
        limit: query.limit ?? 200,
      }),
    });
  });

  router.post('/access-requests/:id/approve', async (req, res) => {
    const request = await support.audited(
      req,
      {
        eventId: 'access-request-approve',
        severityLevel: 'high',
        meta: { requestId: req.params.id },
      },
      async () => {
        await authorizer.user(req);
        const body = parseWith(decisionBodySchema, req.body ?? {}, 'body');
        const current = await service.get(req.params.id);
        const caller = await authorizer.champion(
          req,
          scaleReadinessAccessRequestDecidePermission,
          current.teamRef,
        );
        // approval runs a grant: the policy must allow that too
        await authorizer.champion(
          req,
          scaleReadinessGrantCreatePermission,
          current.teamRef,
        );
        return service.approve(current.id, caller, {
          comment: body.comment,
          actor: { ref: caller.userRef, request: req },
        });
      },
    );
    res.json({ request: toApiRequest(request) });
  });

  router.post('/access-requests/:id/deny', async (req, res) => {
    const request = await support.audited(
      req,
      {
        eventId: 'access-request-deny',
        severityLevel: 'high',
        meta: { requestId: req.params.id },
      },
      async () => {
        await authorizer.user(req);
        const body = parseWith(denyBodySchema, req.body ?? {}, 'body');
        const current = await service.get(req.params.id);
        const caller = await authorizer.champion(
          req,
          scaleReadinessAccessRequestDecidePermission,
          current.teamRef,
        );
        return service.deny(current.id, caller, {
          comment: body.comment,
          actor: { ref: caller.userRef, request: req },
        });
      },
    );
    res.json({ request: toApiRequest(request) });
  });

  router.post('/access-requests/:id/cancel', async (req, res) => {
    const request = await support.audited(
      req,
      {
        eventId: 'access-request-cancel',
        severityLevel: 'high',
        meta: { requestId: req.params.id },
      },
      async () => {
        const credentials = await authorizer.user(req);
        const body = parseWith(decisionBodySchema, req.body ?? {}, 'body');
        const current = await service.get(req.params.id);
        await authorizer.read(
          req,
          scaleReadinessAccessRequestCreatePermission,
          current.teamRef,
        );
        const userRef = credentials.principal.userEntityRef.toLowerCase();
        return service.cancel(current.id, userRef, {
          comment: body.comment,
          actor: { ref: userRef, request: req },
        });
      },
    );
    res.json({ request: toApiRequest(request) });
  });

  return router;
}
