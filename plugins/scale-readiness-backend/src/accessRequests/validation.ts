import {
  ACCESS_REQUEST_STATES,
  type AccessRequestState,
} from '@scale-readiness/plugin-scale-readiness-common';
import { z } from 'zod';
import { createGrantBodySchema } from '../grants';

/** Body of `POST /access-requests`: the grant body (same target rules). */
export const createAccessRequestBodySchema = createGrantBodySchema;

/** Body of approve and cancel. */
export const decisionBodySchema = z
  .object({ comment: z.string().trim().max(1000).optional() })
  .strict();

/** Body of deny: a reason is required. */
export const denyBodySchema = z
  .object({ comment: z.string().trim().min(3).max(1000) })
  .strict();

const stateSchema = z.enum(
  ACCESS_REQUEST_STATES as [AccessRequestState, ...AccessRequestState[]],
);

/** Query of `GET /access-requests`. */
export const listQuerySchema = z
  .object({
    team: z.string().trim().min(1).max(300),
    state: z
      .union([stateSchema, z.array(stateSchema)])
      .optional()
      .transform(s => (s === undefined ? undefined : [s].flat())),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

/** Query of the audit route. */
export const auditQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).optional() })
  .strict();
