import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
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
import type { Request } from 'express';
import Router from 'express-promise-router';
import {
  groupRef,
  jsonBody,
  parseInput,
  retryAfterHeader,
  type RouteSupport,
} from '../http';
import {
  teamPermissionResource,
  type TeamDirectory,
  type TeamInfo,
} from '../teams';
import {
  type ChampionCaller,
  toApiGrant,
  type GrantService,
} from './GrantService';
import type { GrantStore } from './GrantStore';
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
  store: GrantStore;
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
  const { support, directory, service, store, sweeper } = options;
  const router = Router();
  router.use(jsonBody);

  async function teamOf(ref: string): Promise<TeamInfo> {
    const team = await directory.getTeam(ref);
    if (!team) throw new NotFoundError(`No group ${ref} in the catalog`);
    return team;
  }

  async function loadGrant(id: string) {
    const grant = await store.getGrant(id);
    if (!grant) throw new NotFoundError(`No grant ${id}`);
    return grant;
  }

  /** A caller who may read the team's grant data (users and services). */
  async function reader(
    req: Request,
    teamRef: string,
  ): Promise<{ credentials: BackstageCredentials; team: TeamInfo }> {
    const credentials = await support.credentials(req);
    const team = await teamOf(teamRef);
    await support.authorizeResource(
      credentials,
      scaleReadinessGrantReadPermission,
      teamPermissionResource(team),
    );
    return { credentials, team };
  }

  /** A champion of the team whom the policy allows `permission`. */
  async function champion(
    req: Request,
    permission: ResourcePermission,
    teamRef: string,
  ): Promise<ChampionCaller> {
    const credentials = await support.user(req);
    const team = await teamOf(teamRef);
    await support.authorizeResource(
      credentials,
      permission,
      teamPermissionResource(team),
    );
    const userRef = credentials.principal.userEntityRef.toLowerCase();
    if (!directory.isChampion(team, userRef)) {
      throw new NotAllowedError(
        `Only champions of ${team.entityRef} may do this`,
      );
    }
    return { credentials, userRef, team };
  }

  function callerRef(credentials: BackstageCredentials) {
    const p = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    return p.type === 'user' ? p.userEntityRef?.toLowerCase() : undefined;
  }

  const teamParams = (req: Request) =>
    groupRef(`group:${req.params.namespace}/${req.params.name}`);

  router.get('/champions', async (req, res) => {
    await support.authorize(req, scaleReadinessChampionManagePermission, {
      write: true,
    });
    const grants = await store.listGrants({
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
    const { credentials, team } = await reader(req, teamParams(req));
    res.json(await service.champions(team, callerRef(credentials)));
  });

  router.get('/champions/:namespace/:name/time-to-access', async (req, res) => {
    const { team } = await reader(req, teamParams(req));
    res.json(await service.timeToAccess(team.entityRef));
  });

  router.get('/champions/:namespace/:name/audit', async (req, res) => {
    const { team } = await reader(req, teamParams(req));
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await store.listAudit({
        teamRef: team.entityRef,
        limit: query.limit ?? 100,
      }),
    };
    res.json(body);
  });

  router.get('/grants', async (req, res) => {
    const query = parseInput(listGrantsQuerySchema, req.query, 'query');
    const { team } = await reader(req, groupRef(query.team));
    const grants = await store.listGrants({
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
        await support.user(req);
        const body = parseInput(createGrantBodySchema, req.body, 'body');
        const rawKey = req.header('idempotency-key');
        const idempotencyKey =
          rawKey === undefined
            ? undefined
            : parseInput(idempotencyKeySchema, rawKey, 'Idempotency-Key');
        const caller = await champion(
          req,
          scaleReadinessGrantCreatePermission,
          groupRef(body.team),
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
    const grant = await loadGrant(req.params.id);
    await reader(req, grant.teamRef);
    res.json({ grant: toApiGrant(grant) });
  });

  router.get('/grants/:id/audit', async (req, res) => {
    const grant = await loadGrant(req.params.id);
    await reader(req, grant.teamRef);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await store.listAudit({
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
        await support.user(req);
        const body = parseInput(revokeBodySchema, req.body ?? {}, 'body');
        const current = await loadGrant(req.params.id);
        const caller = await champion(
          req,
          scaleReadinessGrantRevokePermission,
          current.teamRef,
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
