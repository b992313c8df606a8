import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
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
import express from 'express';
import Router from 'express-promise-router';
import { RateLimitedError } from './errors';
import type { GrantAuthorizer } from './GrantAuthorizer';
import type { GrantEvents } from './GrantEvents';
import { toApiGrant, type GrantService } from './GrantService';
import type { GrantStore } from './GrantStore';
import type { GrantSweeper } from './GrantSweeper';
import { normaliseRef } from './TeamDirectory';
import {
  auditQuerySchema,
  createGrantBodySchema,
  idempotencyKeySchema,
  listGrantsQuerySchema,
  parseGrantInput,
  revokeBodySchema,
} from './validation';

/** Dependencies of the grants router. */
export interface GrantsRouterOptions {
  authorizer: GrantAuthorizer;
  service: GrantService;
  store: GrantStore;
  sweeper: GrantSweeper;
  events: GrantEvents;
}

function teamFromParams(params: { namespace: string; name: string }): string {
  const ref = normaliseRef(`group:${params.namespace}/${params.name}`, 'group');
  if (!ref) throw new NotFoundError('Invalid group reference');
  return ref;
}

function teamFromInput(value: string): string {
  const ref = normaliseRef(value, 'group');
  if (!ref?.startsWith('group:')) {
    throw new NotFoundError(`${value} is not a group reference`);
  }
  return ref;
}

/**
 * Routes of champion actions, mounted next to the results router:
 * `/champions/...` (team view, time-to-access, audit, operator routes) and
 * `/grants/...` (create, list, read, revoke). Every route authorises through
 * {@link GrantAuthorizer}; writes are audited through {@link GrantEvents}.
 */
export async function createGrantsRouter(
  options: GrantsRouterOptions,
): Promise<express.Router> {
  const { authorizer, service, store, sweeper, events } = options;
  const router = Router();
  router.use(['/grants', '/champions'], express.json({ limit: '64kb' }));

  async function loadGrant(id: string) {
    const grant = await store.getGrant(id);
    if (!grant) throw new NotFoundError(`No grant ${id}`);
    return grant;
  }

  function callerRef(credentials: BackstageCredentials) {
    const p = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    return p.type === 'user' ? p.userEntityRef?.toLowerCase() : undefined;
  }

  router.get('/champions', async (req, res) => {
    await authorizer.operator(req, scaleReadinessChampionManagePermission);
    const grants = await store.listGrants({
      states: ['active', 'revoking', 'revoke-failed'],
      limit: 500,
    });
    res.json({ items: grants.map(toApiGrant) });
  });

  router.post('/champions/reconcile', async (req, res) => {
    await authorizer.operator(req, scaleReadinessChampionManagePermission);
    const stats = await events.audited(
      'grant-sweep',
      { request: req, meta: { trigger: 'manual' } },
      async () => {
        const value = await sweeper.run();
        return { value, meta: { ...value } };
      },
    );
    res.json(stats);
  });

  router.get('/champions/:namespace/:name', async (req, res) => {
    const { credentials, team } = await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      teamFromParams(req.params),
    );
    res.json(await service.champions(team, callerRef(credentials)));
  });

  router.get('/champions/:namespace/:name/time-to-access', async (req, res) => {
    const { team } = await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      teamFromParams(req.params),
    );
    res.json(await service.timeToAccess(team.entityRef));
  });

  router.get('/champions/:namespace/:name/audit', async (req, res) => {
    const { team } = await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      teamFromParams(req.params),
    );
    const query = parseGrantInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await store.listAudit({
        teamRef: team.entityRef,
        limit: query.limit ?? 100,
      }),
    };
    res.json(body);
  });

  router.get('/grants', async (req, res) => {
    const query = parseGrantInput(listGrantsQuerySchema, req.query, 'query');
    const { team } = await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      teamFromInput(query.team),
    );
    const grants = await store.listGrants({
      teamRef: team.entityRef,
      states: query.state,
      limit: query.limit ?? 100,
    });
    const body: GrantListResponse = { items: grants.map(toApiGrant) };
    res.json(body);
  });

  router.post('/grants', async (req, res) => {
    try {
      const result = await events.audited(
        'grant-create',
        { request: req, meta: {} },
        async () => {
          await authorizer.user(req);
          const body = parseGrantInput(createGrantBodySchema, req.body, 'body');
          const rawKey = req.header('idempotency-key');
          const idempotencyKey =
            rawKey === undefined
              ? undefined
              : parseGrantInput(
                  idempotencyKeySchema,
                  rawKey,
                  'Idempotency-Key',
                );
          const caller = await authorizer.champion(
            req,
            scaleReadinessGrantCreatePermission,
            teamFromInput(body.team),
          );
          const value = await service.create(caller, body, {
            idempotencyKey,
            actor: { ref: caller.userRef, request: req },
          });
          return {
            value,
            meta: {
              grantId: value.grant.id,
              team: value.grant.teamRef,
              target: describeGrantTarget(value.grant.target),
              grantee: value.grant.granteeRef,
              created: value.created,
              state: value.grant.state,
            },
          };
        },
      );
      const response: CreateGrantResponse = {
        grant: toApiGrant(result.grant),
        created: result.created,
      };
      res.status(result.created ? 201 : 200).json(response);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  });

  router.get('/grants/:id', async (req, res) => {
    const grant = await loadGrant(req.params.id);
    await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      grant.teamRef,
    );
    res.json({ grant: toApiGrant(grant) });
  });

  router.get('/grants/:id/audit', async (req, res) => {
    const grant = await loadGrant(req.params.id);
    await authorizer.read(
      req,
      scaleReadinessGrantReadPermission,
      grant.teamRef,
    );
    const query = parseGrantInput(auditQuerySchema, req.query, 'query');
    const body: GrantAuditResponse = {
      items: await store.listAudit({
        grantId: grant.id,
        limit: query.limit ?? 200,
      }),
    };
    res.json(body);
  });

  router.post('/grants/:id/revoke', async (req, res) => {
    const body = parseGrantInput(revokeBodySchema, req.body ?? {}, 'body');
    const grant = await events.audited(
      'grant-revoke',
      { request: req, meta: { grantId: req.params.id } },
      async () => {
        await authorizer.user(req);
        const current = await loadGrant(req.params.id);
        const caller = await authorizer.champion(
          req,
          scaleReadinessGrantRevokePermission,
          current.teamRef,
        );
        const value = await service.revoke(current, caller, {
          reason: body.reason,
          actor: { ref: caller.userRef, request: req },
        });
        return { value, meta: { state: value.state, team: value.teamRef } };
      },
    );
    res.json({ grant: toApiGrant(grant) });
  });

  return router;
}
