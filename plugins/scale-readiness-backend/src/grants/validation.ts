import {
  GRANT_STATES,
  REPOSITORY_PERMISSIONS,
  type GrantState,
  type RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import { z } from 'zod';
import { normaliseRef } from '../teams';

const slug = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, 'expected owner/name')
  .transform(s => s.toLowerCase());

const targetSchema = z.union([
  z
    .object({
      kind: z.literal('repository'),
      via: z.literal('collaborator'),
      repository: slug,
      permission: z.enum(
        REPOSITORY_PERMISSIONS as [
          RepositoryPermission,
          ...RepositoryPermission[],
        ],
      ),
    })
    .strict(),
  z
    .object({
      kind: z.literal('repository'),
      via: z.literal('team'),
      team: slug,
    })
    .strict(),
  z
    .object({
      kind: z.literal('runner-group'),
      runnerGroup: slug,
      repository: slug,
    })
    .strict(),
]);

const userRef = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    const ref = normaliseRef(value, 'user');
    if (!ref?.startsWith('user:')) {
      ctx.addIssue({ code: 'custom', message: 'expected a user entity ref' });
      return z.NEVER;
    }
    return ref;
  });

/** Body of `POST /grants`. */
export const createGrantBodySchema = z
  .object({
    team: z.string().trim().min(1).max(300),
    target: targetSchema,
    grantee: userRef.optional(),
    durationHours: z
      .number()
      .positive()
      .max(24 * 366),
    justification: z.string().trim().min(10).max(1000),
  })
  .strict();

/** Body of `POST /grants/:id/revoke`. */
export const revokeBodySchema = z
  .object({ reason: z.string().trim().max(1000).optional() })
  .strict();

/** Query of `GET /grants`. */
export const listGrantsQuerySchema = z
  .object({
    team: z.string().trim().min(1).max(300),
    state: z
      .union([
        z.enum(GRANT_STATES as [GrantState, ...GrantState[]]),
        z.array(z.enum(GRANT_STATES as [GrantState, ...GrantState[]])),
      ])
      .optional()
      .transform(s => (s === undefined ? undefined : [s].flat())),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

/** Query of the audit routes. */
export const auditQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).optional() })
  .strict();

/** `Idempotency-Key` header: printable, at most 128 characters. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
