import type { BackstageCredentials } from '@backstage/backend-plugin-api';
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
import type express from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import type { z } from 'zod';
import {
  groupRef,
  jsonBody,
  parseInput,
  retryAfterHeader,
  type RouteSupport,
} from '../http';
import type { TeamAccess, TeamDirectory } from '../teams';
import type {
  AccessRequestQueries,
  AccessRequestRecord,
} from './AccessRequestQueries';
import type { AccessRequestService } from './AccessRequestService';
import type { TimeToAccessMeasure } from './timeToAccess';
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
  access: TeamAccess;
  directory: Pick<TeamDirectory, 'isChampion' | 'isMember'>;
  /** Reads: one request, a team's requests, the audit trail. */
  queries: AccessRequestQueries;
  /** Writes: create, approve, deny, cancel. */
  service: AccessRequestService;
  measure: TimeToAccessMeasure;
}

function callerRef(credentials: BackstageCredentials): string | undefined {
  const p = credentials.principal as { type?: string; userEntityRef?: string };
  return p.type === 'user' ? p.userEntityRef?.toLowerCase() : undefined;
}

/**
 * Routes of access requests under `/access-requests`. Team-scoped
 * permissions (conditional decisions applied to the team read from the
 * catalog now) through TeamAccess (src/teams); membership and champion
 * rules on top; every write inside one auditor event (refusals included).
 */
export function createAccessRequestRouter(
  options: AccessRequestRouterOptions,
): express.Router {
  const { support, access, directory, queries, service, measure } = options;
  const router = createTypedRouter();
  router.use(jsonBody);

  router.get('/access-requests/time-to-access', async (req, res) => {
    await support.authorize(req, scaleReadinessReadPermission);
    const body: TimeToAccessOverviewResponse = {
      items: await measure.overview(),
    };
    res.json(body);
  });

  router.get('/access-requests', async (req, res) => {
    let query!: z.output<typeof listQuerySchema>;
    const { credentials, team } = await access.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      () => {
        query = parseInput(listQuerySchema, req.query, 'query');
        return groupRef(query.team);
      },
    );
    const me = callerRef(credentials);
    const [items, timeToAccess] = await Promise.all([
      queries.list({
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
    const result = await support.audited(
      req,
      { eventId: 'access-request-create', severityLevel: 'high' },
      async () => {
        let body!: z.output<typeof createAccessRequestBodySchema>;
        const { userRef, team } = await access.member(
          req,
          scaleReadinessAccessRequestCreatePermission,
          () => {
            body = parseInput(createAccessRequestBodySchema, req.body, 'body');
            return groupRef(body.team);
          },
        );
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
  });

  router.get('/access-requests/:id', async (req, res) => {
    let request!: AccessRequestRecord;
    await access.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      async () => {
        request = await queries.get(req.params.id);
        return request.teamRef;
      },
    );
    res.json({ request: toApiRequest(request) });
  });

  router.get('/access-requests/:id/audit', async (req, res) => {
    let request!: AccessRequestRecord;
    await access.read(
      req,
      scaleReadinessAccessRequestReadPermission,
      async () => {
        request = await queries.get(req.params.id);
        return request.teamRef;
      },
    );
    const query = parseInput(auditQuerySchema, req.query, 'query');
    res.json({
      items: await queries.listAudit({
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
        let body!: z.output<typeof decisionBodySchema>;
        let current!: AccessRequestRecord;
        const caller = await access.champion(
          req,
          scaleReadinessAccessRequestDecidePermission,
          async () => {
            body = parseInput(decisionBodySchema, req.body ?? {}, 'body');
            current = await queries.get(req.params.id);
            return current.teamRef;
          },
        );
        // approval runs a grant: the policy must allow that too
        await access.champion(
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
        let body!: z.output<typeof denyBodySchema>;
        let current!: AccessRequestRecord;
        const caller = await access.champion(
          req,
          scaleReadinessAccessRequestDecidePermission,
          async () => {
            body = parseInput(denyBodySchema, req.body ?? {}, 'body');
            current = await queries.get(req.params.id);
            return current.teamRef;
          },
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
        let body!: z.output<typeof decisionBodySchema>;
        let current!: AccessRequestRecord;
        const { userRef } = await access.member(
          req,
          scaleReadinessAccessRequestCreatePermission,
          async () => {
            body = parseInput(decisionBodySchema, req.body ?? {}, 'body');
            current = await queries.get(req.params.id);
            return current.teamRef;
          },
        );
        return service.cancel(current.id, userRef, {
          comment: body.comment,
          actor: { ref: userRef, request: req },
        });
      },
    );
    res.json({ request: toApiRequest(request) });
  });

  router.use(retryAfterHeader);
  return router;
}
