import {
  scaleReadinessWaiverReadPermission,
  scaleReadinessWaiverRevokePermission,
  scaleReadinessWaiverWritePermission,
  type WaiverListResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseWith, type RouteSupport } from '../reviews/routeSupport';
import { normaliseRef } from '../service/validation';
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
  status: z.enum(['active', 'expired', 'revoked']).optional(),
});
const waiverId = z.string().uuid();

/**
 * Routes of waivers: list, read (with audit log), create, change, revoke.
 * Every change is audited (auditor event plus the append-only audit table).
 */
export function createWaiverRouter(options: {
  support: RouteSupport;
  service: WaiverService;
}): express.Router {
  const { support, service } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const idOf = (req: Request) =>
    parseWith(waiverId, req.params.id, 'waiver id');

  router.get('/waivers', async (req, res) => {
    await support.authorize(req, scaleReadinessWaiverReadPermission);
    const query = parseWith(listQuery, req.query, 'query');
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
    const credentials = await support.authorizeUser(
      req,
      scaleReadinessWaiverWritePermission,
    );
    const body = parseWith(createBody, req.body ?? {}, 'body');
    const entityRef = normaliseRef(body.entityRef, 'component');
    const waiver = await support.audited(
      req,
      {
        eventId: 'waiver-create',
        meta: { entityRef, checkId: body.checkId, expiresAt: body.expiresAt },
      },
      () => service.create(credentials, { ...body, entityRef }),
    );
    res.status(201).json(waiver);
  });

  router.patch('/waivers/:id', async (req, res) => {
    const credentials = await support.authorizeUser(
      req,
      scaleReadinessWaiverWritePermission,
    );
    const id = idOf(req);
    const body = parseWith(updateBody, req.body ?? {}, 'body');
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-update', meta: { waiverId: id, ...body } },
      () => service.update(credentials, id, body),
    );
    res.json(waiver);
  });

  router.delete('/waivers/:id', async (req, res) => {
    const credentials = await support.authorizeUser(
      req,
      scaleReadinessWaiverRevokePermission,
    );
    const id = idOf(req);
    const waiver = await support.audited(
      req,
      { eventId: 'waiver-revoke', meta: { waiverId: id } },
      () => service.revoke(credentials, id),
    );
    res.json(waiver);
  });

  return router;
}
