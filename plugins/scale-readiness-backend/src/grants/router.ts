import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  describeGrantTarget,
  scaleReadinessChampionManagePermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantReadPermission,
  scaleReadinessGrantRevokePermission,
  type CreateGrantResponse,
  type GrantAuditResponse,
  type GrantListResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import type { z } from 'zod';
import {
  groupRef,
  jsonBody,
  parseInput,
  retryAfterHeader,
  type AnyRequest,
  type RouteSupport,
} from '../http';
import { TeamAccess, type TeamDirectory, type TeamRefSource } from '../teams';
import {
  toApiGrant,
  type GrantRecord,
  type GrantService,
} from './GrantService';
import type { GrantSweeper } from './GrantSweeper';
import {
  auditQuerySchema,
  createGrantBodySchema,
  idempotencyKeySchema,
  listGrantsQuerySchema,
  revokeBodySchema,
} from './validation';

/** Dependencies of the grants router. */
export interface GrantsRouterOptions {
  support: RouteSupport;
  directory: TeamDirectory;
  service: GrantService;
  sweeper: GrantSweeper;
}

/**
 * Routes of champion actions, mounted next to the results router:
 * `/champions/...` (team view, time-to-access, audit, operator routes) and
 * `/grants/...` (create, list, read, revoke). Reads admit users and services
 * the policy allows (team conditions applied to the team as read now);
 * creating and revoking needs a user acting for themselves whom the policy
 * allows and who is a champion of the team (our own check, so it also holds
 * when the permission framework is disabled). Writes are audited, refusals
 * included.
 */
export async function createGrantsRouter(
  options: GrantsRouterOptions,
): Promise<express.Router> {
  const { support, directory, service, sweeper } = options;
  const router = createTypedRouter();
  router.use(jsonBody);

  const access = new TeamAccess(support, directory);
  const reader = (req: AnyRequest, teamRef: TeamRefSource) =>
    access.read(req, scaleReadinessGrantReadPermission, teamRef);
  const champion = access.champion.bind(access);

  function callerRef(credentials: BackstageCredentials) {
    const p = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    return p.type === 'user' ? p.userEntityRef?.toLowerCase() : undefined;
  }

  const teamParams = (req: AnyRequest) =>
    groupRef(`group:${req.params.namespace}/${req.params.name}`);

  router.get('/champions', async (req, res) => {
    await support.authorize(req, scaleReadinessChampionManagePermission, {
      write: true,
    });
    const grants = await service.list({
      states: ['active', 'revoking', 'revoke-failed'],
      limit: 500,
    });
    res.json({ items: grants.map(toApiGrant) });
  });

  router.post('/champions/reconcile', async (req, res) => {
    const stats = await support.audited(
      req,
      {
        eventId: 'grant-sweep',
        severityLevel: 'high',
        meta: { trigger: 'manual' },
      },
      async audit => {
        await support.authorize(req, scaleReadinessChampionManagePermission, {
          write: true,
        });
        const value = await sweeper.run();
        audit.set({ ...value });
        return value;
      },
    );
    res.json(stats);
  });

  router.get('/champions/:namespace/:name', async (req, res) => {
    const { credentials, team } = await reader(req, () => teamParams(req));
    res.json(await service.champions(team, callerRef(credentials)));
  });

  router.get('/champions/:namespace/:name/time-to-access', async (req, res) => {
    const { team } = await reader(req, () => teamParams(req));
    res.json(await service.timeToAccess(team.entityRef));
  });

  router.get('/champions/:namespace/:name/audit', async (req, res) => {
    const { team } = await reader(req, () => teamParams(req));
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await service.listAudit({
        teamRef: team.entityRef,
        limit: query.limit ?? 100,
      }),
    };
    res.json(body);
  });

  router.get('/grants', async (req, res) => {
    let query!: z.output<typeof listGrantsQuerySchema>;
    const { team } = await reader(req, () => {
      query = parseInput(listGrantsQuerySchema, req.query, 'query');
      return groupRef(query.team);
    });
    const grants = await service.list({
      teamRef: team.entityRef,
      states: query.state,
      limit: query.limit ?? 100,
    });
    const body: GrantListResponse = { items: grants.map(toApiGrant) };
    res.json(body);
  });

  router.post('/grants', async (req, res) => {
    const result = await support.audited(
      req,
      { eventId: 'grant-create', severityLevel: 'high' },
      async audit => {
        let body!: z.output<typeof createGrantBodySchema>;
        let idempotencyKey: string | undefined;
        const caller = await champion(
          req,
          scaleReadinessGrantCreatePermission,
          () => {
            body = parseInput(createGrantBodySchema, req.body, 'body');
            const rawKey = req.header('idempotency-key');
            idempotencyKey =
              rawKey === undefined
                ? undefined
                : parseInput(idempotencyKeySchema, rawKey, 'Idempotency-Key');
            return groupRef(body.team);
          },
        );
        const value = await service.create(caller, body, {
          idempotencyKey,
          actor: { ref: caller.userRef, request: req },
        });
        audit.set({
          grantId: value.grant.id,
          team: value.grant.teamRef,
          target: describeGrantTarget(value.grant.target),
          grantee: value.grant.granteeRef,
          created: value.created,
          state: value.grant.state,
        });
        return value;
      },
    );
    const response: CreateGrantResponse = {
      grant: toApiGrant(result.grant),
      created: result.created,
    };
    res.status(result.created ? 201 : 200).json(response);
  });

  router.get('/grants/:id', async (req, res) => {
    let grant!: GrantRecord;
    await reader(req, async () => {
      grant = await service.get(req.params.id);
      return grant.teamRef;
    });
    res.json({ grant: toApiGrant(grant) });
  });

  router.get('/grants/:id/audit', async (req, res) => {
    let grant!: GrantRecord;
    await reader(req, async () => {
      grant = await service.get(req.params.id);
      return grant.teamRef;
    });
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await service.listAudit({
        grantId: grant.id,
        limit: query.limit ?? 200,
      }),
    };
    res.json(body);
  });

  router.post('/grants/:id/revoke', async (req, res) => {
    const grant = await support.audited(
      req,
      {
        eventId: 'grant-revoke',
        severityLevel: 'high',
        meta: { grantId: req.params.id },
      },
      async audit => {
        let body!: z.output<typeof revokeBodySchema>;
        let current!: GrantRecord;
        const caller = await champion(
          req,
          scaleReadinessGrantRevokePermission,
          async () => {
            body = parseInput(revokeBodySchema, req.body ?? {}, 'body');
            current = await service.get(req.params.id);
            return current.teamRef;
          },
        );
        const value = await service.revoke(current, caller, {
          reason: body.reason,
          actor: { ref: caller.userRef, request: req },
        });
        audit.set({ state: value.state, team: value.teamRef });
        return value;
      },
    );
    res.json({ grant: toApiGrant(grant) });
  });

  router.use(retryAfterHeader);
  return router;
}
