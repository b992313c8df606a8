/**
 * The one authorize helper and the one audit wrapper of the review and waiver
 * routers, so no route repeats the deny or try/catch blocks.
 */
import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';
import type { z } from 'zod';

/** Parses input with a zod schema (defaults applied); one InputError listing every issue. */
export function parseWith<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/** What the route helpers need. */
export interface RouteSupportOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/** Route helpers bound to the plugin's services. */
export interface RouteSupport {
  /** Checks a basic permission for any caller; throws NotAllowedError on DENY. */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /** Like `authorize`, but only users may call (writes). */
  authorizeUser(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  /** Whether a permission is allowed for these credentials (no throw). */
  isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean>;
  /** Runs `fn` inside an auditor event that records success or failure. */
  audited<T>(
    req: Request,
    event: {
      eventId: string;
      severityLevel?: AuditorServiceEventSeverityLevel;
      meta?: JsonObject;
    },
    fn: () => Promise<T>,
  ): Promise<T>;
}

/** Creates the route helpers. */
export function createRouteSupport(options: RouteSupportOptions): RouteSupport {
  const { httpAuth, permissions, auditor } = options;

  async function isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  async function check<C extends BackstageCredentials>(
    credentials: C,
    permission: BasicPermission,
  ): Promise<C> {
    if (!(await isAllowed(credentials, permission))) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  return {
    isAllowed,
    authorize: async (req, permission) =>
      check(await httpAuth.credentials(req), permission),
    authorizeUser: async (req, permission) =>
      check(await httpAuth.credentials(req, { allow: ['user'] }), permission),
    async audited(req, event, fn) {
      const auditEvent = await auditor.createEvent({
        eventId: event.eventId,
        severityLevel: event.severityLevel ?? 'medium',
        request: req,
        meta: event.meta,
      });
      try {
        const result = await fn();
        await auditEvent.success();
        return result;
      } catch (error) {
        await auditEvent.fail({ error: error as Error });
        throw error;
      }
    },
  };
}
