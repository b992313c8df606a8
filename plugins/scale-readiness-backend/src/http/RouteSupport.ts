import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Request as ExpressRequest } from 'express';

/**
 * Any Express request, also one of a router typed from the OpenAPI spec
 * (whose params, body and query types are the spec's).
 * @internal
 */
export type AnyRequest = ExpressRequest<any, any, any, any>;
type Request = AnyRequest;
import { toJsonObject } from './json';

/**
 * Applies a conditional decision to a resource (made with
 * `createConditionAuthorizer` from the resource type's rules).
 */
export type ConditionApplier<R> = (
  decision: PolicyDecision,
  resource: R,
) => boolean;

/** A resource as a permission check sees it. */
export interface PermissionResource<R> {
  /** Shown in the refusal. */
  ref: string;
  value: R;
  apply: ConditionApplier<R>;
}

/** A policy decision (not DENY) waiting for its resource. */
export interface ResourceDecision {
  /** Throws NotAllowedError unless the decision allows this resource. */
  check<R>(resource: PermissionResource<R>): void;
}

/** What the caller is about to do: reads admit services, writes only people. */
export interface AccessOptions {
  /**
   * A change: only a user acting for themselves (no service principal, no
   * service acting on behalf of a user). Default false (users and services).
   */
  write?: boolean;
  /**
   * With `write`: also admit a service principal acting for itself (operator
   * tooling such as a static external-access token, limited by its access
   * restrictions), never a service acting on behalf of a user. Default false.
   */
  services?: boolean;
}

/** An auditor event being recorded; `set` adds meta recorded on success. */
export interface AuditScope {
  set(meta: Record<string, unknown>): void;
}

/** What a route's audit event says. */
export interface AuditSpec {
  /** Kebab-case event id, e.g. `waiver-create`. */
  eventId: string;
  /** Default `medium`. */
  severityLevel?: AuditorServiceEventSeverityLevel;
  /** Meta known before the operation (ids from the path…). */
  meta?: Record<string, unknown>;
}

/**
 * The one route support of the plugin's routers: who the caller is, what the
 * permission policy decides (basic, resource and conditional), and auditor
 * events that record refusals as well as successes. Parsing is
 * {@link parseInput}; the body parser is {@link jsonBody}.
 */
export class RouteSupport {
  readonly #httpAuth: HttpAuthService;
  readonly #permissions: PermissionsService;
  readonly #auditor: AuditorService;

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#auditor = options.auditor;
  }

  /** The caller of a write: a user acting for themselves (403 otherwise). */
  async user(
    req: Request,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const credentials = await this.#httpAuth.credentials(req, {
      allow: ['user'],
    });
    if (credentials.principal.actor) {
      throw new NotAllowedError(
        'Changes cannot be made by a service on behalf of a user',
      );
    }
    return credentials;
  }

  /** The caller: see {@link AccessOptions}. */
  async credentials(
    req: Request,
    options: AccessOptions = {},
  ): Promise<BackstageCredentials> {
    if (options.write && options.services) {
      const credentials = await this.#httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      if (
        credentials.principal.type === 'user' &&
        (credentials.principal as BackstageUserPrincipal).actor
      ) {
        throw new NotAllowedError(
          'Changes cannot be made by a service on behalf of a user',
        );
      }
      return credentials;
    }
    return options.write
      ? this.user(req)
      : this.#httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** Who made a change: the user ref, or `service:<subject>` for a service. */
  static actorOf(credentials: BackstageCredentials): string {
    const p = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
    if (p.type === 'service' && p.subject) return `service:${p.subject}`;
    return 'unknown';
  }

  /** Whether the policy allows a basic permission (no throw). */
  async isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean> {
    const [decision] = await this.#permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Checks a basic permission; NotAllowedError (403) on DENY. */
  async authorize(
    req: Request,
    permission: BasicPermission,
    options: { write: true; services?: false },
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  async authorize(
    req: Request,
    permission: BasicPermission,
    options?: AccessOptions,
  ): Promise<BackstageCredentials>;
  async authorize(
    req: Request,
    permission: BasicPermission,
    options: AccessOptions = {},
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req, options);
    if (!(await this.isAllowed(credentials, permission))) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  /**
   * Asks the policy for a resource permission before the resource is known:
   * DENY refuses at once (before any input is parsed or loaded); ALLOW and
   * conditional decisions are settled by `check` on the resource as loaded.
   */
  async resourceDecision(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
  ): Promise<ResourceDecision> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return {
      check: resource => {
        const allowed =
          decision.result === AuthorizeResult.CONDITIONAL
            ? resource.apply(decision, resource.value)
            : decision.result === AuthorizeResult.ALLOW;
        if (!allowed) {
          throw new NotAllowedError(
            `Not allowed: ${permission.name} on ${resource.ref}`,
          );
        }
      },
    };
  }

  /** Checks a resource permission on one resource (ALLOW, DENY or conditional). */
  async authorizeResource<R>(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resource: PermissionResource<R>,
  ): Promise<void> {
    (await this.resourceDecision(credentials, permission)).check(resource);
  }

  /**
   * Runs a route's work inside one auditor event: created before the caller
   * is checked, so refusals (401, 403) and bad input are recorded as failures
   * next to successes. Routes never repeat try/catch.
   */
  async audited<T>(
    req: Request,
    spec: AuditSpec,
    fn: (audit: AuditScope) => Promise<T>,
  ): Promise<T> {
    const event = await this.#auditor.createEvent({
      eventId: spec.eventId,
      severityLevel: spec.severityLevel ?? 'medium',
      request: req,
      meta: toJsonObject(spec.meta ?? {}),
    });
    let extra: JsonObject | undefined;
    try {
      const value = await fn({
        set: meta => {
          extra = { ...extra, ...toJsonObject(meta) };
        },
      });
      await event.success(extra ? { meta: extra } : undefined);
      return value;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
