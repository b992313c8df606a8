import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  GrantTarget,
  RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * JSON state an executor records about access (before a grant, or what it
 * applied). Stored with the grant and handed back on revoke and inspection.
 * @public
 */
export type AccessState = { [key: string]: unknown };

/** Who the access is for. @public */
export interface AccessSubject {
  /** User entity ref. */
  userEntityRef: string;
  /** GitHub login from the user's `github.com/user-login` annotation, when declared. */
  githubLogin?: string;
}

/** One grant as an executor sees it. @public */
export interface AccessRequest {
  grantId: string;
  target: GrantTarget;
  subject: AccessSubject;
  /**
   * The highest repository permission the portal may give (from
   * `scaleReadiness.grants.permissions`). Executors whose target gives
   * repository access indirectly (a team membership) refuse, before any
   * write, a target that would give more. Absent: `maintain`.
   */
  ceiling?: RepositoryPermission;
}

/** What the host gives {@link AccessExecutor.grant} besides the request. @public */
export interface AccessGrantHooks {
  /**
   * Records the access before the grant (`prior`) and the change about to be
   * made (`intended`) durably, with an audit row, before the first external
   * write. Throws when the grant may no longer be written (its lease was
   * taken over): the executor must then not write.
   */
  recordPrior(prior: AccessState, intended?: AccessState): Promise<void>;
  /** Aborted when the host lost its lease on the grant: write nothing more. */
  signal?: AbortSignal;
}

/** What {@link AccessExecutor.revoke} and {@link AccessExecutor.inspect} are given. @public */
export type AccessRevokeRequest = AccessRequest & {
  /** The access before the grant, as recorded through `recordPrior`. */
  prior: AccessState;
  /**
   * What the grant reported it applied; `{}` when it never reported (a
   * failure or crash after a write). Revoke must not depend on it.
   */
  applied: AccessState;
  /** The change recorded as intended before the first write, when known. */
  intended?: AccessState;
  /** Aborted when the host lost its lease on the grant. */
  signal?: AbortSignal;
};

/** Outcome of {@link AccessExecutor.grant}. @public */
export interface AccessGrantResult {
  /** False when the subject already had at least this access (nothing written). */
  changed: boolean;
  /** What was applied, e.g. `{ permission: 'push', invitationId: 12 }`; handed back on revoke. */
  applied: AccessState;
  /** What was done (or, for a dry run, would be done), in words. */
  summary: string;
  /** Access waits for the subject to accept an invitation. */
  pendingInvitation?: boolean;
}

/** Outcome of {@link AccessExecutor.revoke}. @public */
export interface AccessRevokeResult {
  /** What was done, in words. */
  summary: string;
  /** Set when access had been changed outside the portal and was left alone. */
  drift?: string;
}

/** Outcome of {@link AccessExecutor.inspect} (reconciliation). @public */
export interface AccessInspection {
  /**
   * `as-granted`: access is what the grant applied; `removed`: access is gone
   * (removed by hand); `changed`: access differs from what was applied.
   */
  status: 'as-granted' | 'removed' | 'changed';
  /** What was seen, in words. */
  message: string;
}

/**
 * Applies and removes access for champion grants.
 *
 * The rules every implementation follows (checked by the contract suite in
 * `@scale-readiness/plugin-scale-readiness-node/testUtils`,
 * `accessExecutorContractCases`):
 *
 * 1. **Prior state first.** `grant` reads the live access and calls
 *    `hooks.recordPrior(prior, intended)` before its first external write. If
 *    that call throws, it writes nothing. Checks that can refuse the grant
 *    (ceiling, organisation membership) run before the first write.
 * 2. **Idempotent.** Calling `grant` again for the same request, or `revoke`
 *    again after a revoke, converges to the same live state (GitHub PUTs are
 *    idempotent; a repeated PUT for a pending invitation answers with that
 *    invitation).
 * 3. **Never lower.** Access the subject already had at least as high is
 *    left alone: nothing is written.
 * 4. **Verified.** `grant` reads the access back after writing and throws when
 *    it is not there; the host then rolls back with `revoke`.
 * 5. **Revoke compares live with prior.** `revoke` reads the live access and
 *    restores `prior` wherever the live access is what the grant would have
 *    written, whatever `applied` says: it is also called after a failure or a
 *    crash between the write and the host's commit, with `applied: {}`. Access
 *    the grant did not write (it existed before: e.g. a pending invitation)
 *    is restored, never deleted; access changed by hand to something else is
 *    left alone and reported as `drift`.
 * 6. **Abortable.** When `signal` is aborted, write nothing more and throw.
 * @public
 */
export interface AccessExecutor {
  /** Stable id stored with each grant, e.g. `github`. */
  readonly id: string;
  /** True when the executor changes nothing outside the portal. */
  readonly dryRun: boolean;
  /** Label shown in the UI, e.g. `GitHub (github.com)`. */
  readonly label: string;
  /** Whether this executor handles the target. */
  supports(target: GrantTarget): boolean;
  /** Gives access; throws when it could not be verified. */
  grant(
    request: AccessRequest,
    hooks: AccessGrantHooks,
  ): Promise<AccessGrantResult>;
  /** Restores `prior` where the live access is what the grant writes; throws to be retried. */
  revoke(request: AccessRevokeRequest): Promise<AccessRevokeResult>;
  /** Reads the current access, for drift detection. */
  inspect(request: AccessRevokeRequest): Promise<AccessInspection>;
}

/**
 * Lets backend modules add access executors for champion grants. The first
 * executor whose `supports` accepts a target applies it; without any, the
 * plugin uses its labelled dry-run executor.
 * @public
 */
export interface ScaleReadinessAccessExecutorsExtensionPoint {
  /** Adds executors; an executor id that is already registered throws. */
  addAccessExecutor(...executors: AccessExecutor[]): void;
}

/**
 * Extension point for access executors (`scale-readiness.access-executors`).
 * @public
 */
export const scaleReadinessAccessExecutorsExtensionPoint =
  createExtensionPoint<ScaleReadinessAccessExecutorsExtensionPoint>({
    id: 'scale-readiness.access-executors',
  });
