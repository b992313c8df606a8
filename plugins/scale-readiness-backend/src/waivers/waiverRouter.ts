import {
  scaleReadinessWaiverReadPermission,
  scaleReadinessWaiverRevokePermission,
  scaleReadinessWaiverWritePermission,
  type WaiverListResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type express from 'express';
import type { Request } from 'express';
import { createTypedRouter } from '../schema/typedRouter';
import { z } from 'zod';
import { jsonBody, normaliseRef, parseInput, type RouteSupport } from '../http';
import type { WaiverService } from './WaiverService';

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO date');
const reason = z.string().trim().min(3).max(2000);
const createBody = z
  .object({
    entityRef: z.string().min(1).max(500),
    checkId: z.string().min(1).max(255),
    reason,
    expiresAt: isoDate.optional(),
  })
  .strict();
const updateBody = z
  .object({ reason: reason.optional(), expiresAt: isoDate.optional() })
  .strict()
  .refine(b => b.reason !== undefined || b.expiresAt !== undefined, {
    message: 'give reason and/or expiresAt',
  });
const listQuery = z.object({
  entityRef: z.string().min(1).max(500).optional(),
  status: z.enum(['pending', 'active', 'expired', 'revoked']).optional(),
});
const waiverId = z.string().uuid();

/**
 * Routes of waivers: list, read (with audit log), create (pending), approve
 * (by a second champion), change, revoke.
 * Every change is audited (auditor event plus the append-only audit table).
 */
export function createWaiverRouter(options: {
  support: RouteSupport;
  service: WaiverService;
}): express.Router {
  const { support, service } = options;
  const router = createTypedRouter();
  router.use(jsonBody);
  const idOf = (req: Request) =>
    parseInput(waiverId, req.params.id, 'waiver id');

  router.get('/waivers', async (req, res) => {
    await support.authorize(req, scaleReadinessWaiverReadPermission);
    const query = parseInput(listQuery, req.query, 'query');
    const body: WaiverListResponse = {
      items: await service.list({
        status: query.status,
        entityRef: query.entityRef
          ? normaliseRef(query.entityRef, 'component')
          : undefined,
      }),
      maxDays: service.maxDays,
    };
    res.json(body);
  });

  router.get('/waivers/:id', async (req, res) => {
    await support.authorize(req, scaleReadinessWaiverReadPermission);
    res.json(await service.get(idOf(req)));
  });

  router.post('/waivers', async (req, res) => {
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-create' },
      async audit => {
        const credentials = await support.authorize(
          req,
          scaleReadinessWaiverWritePermission,
          { write: true },
        );
        const body = parseInput(createBody, req.body ?? {}, 'body');
        const entityRef = normaliseRef(body.entityRef, 'component');
        audit.set({
          entityRef,
          checkId: body.checkId,
          expiresAt: body.expiresAt,
        });
        return service.create(credentials, { ...body, entityRef });
      },
    );
    res.status(201).json(waiver);
  });

  router.patch('/waivers/:id', async (req, res) => {
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-update', meta: { waiverId: req.params.id } },
      async audit => {
        const credentials = await support.authorize(
          req,
          scaleReadinessWaiverWritePermission,
          { write: true },
        );
        const id = idOf(req);
        const body = parseInput(updateBody, req.body ?? {}, 'body');
        audit.set(body);
        return service.update(credentials, id, body);
      },
    );
    res.json(waiver);
  });

  router.post('/waivers/:id/approve', async (req, res) => {
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-approve', meta: { waiverId: req.params.id } },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessWaiverWritePermission,
          { write: true },
        );
        return service.approve(credentials, idOf(req));
      },
    );
    res.json(waiver);
  });

  router.delete('/waivers/:id', async (req, res) => {
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-revoke', meta: { waiverId: req.params.id } },
      async () => {
        const credentials = await support.authorize(
          req,
          scaleReadinessWaiverRevokePermission,
          { write: true },
        );
        return service.revoke(credentials, idOf(req));
      },
    );
    res.json(waiver);
  });

  return router;
}
