import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';

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
}

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
 * Applies and removes access for champion grants. Implementations must be
 * idempotent, must call `recordPrior` before their first write (so a crash
 * after it is rolled back by the sweep), must never lower access the subject
 * already had, and on revoke must restore the recorded prior state only where
 * the access is still what they applied.
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
    hooks: { recordPrior(prior: AccessState): Promise<void> },
  ): Promise<AccessGrantResult>;
  /** Removes the access the grant applied, restoring `prior`; throws to be retried. */
  revoke(
    request: AccessRequest & { prior: AccessState; applied: AccessState },
  ): Promise<AccessRevokeResult>;
  /** Reads the current access, for drift detection. */
  inspect(
    request: AccessRequest & { prior: AccessState; applied: AccessState },
  ): Promise<AccessInspection>;
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
