import type { AccessRequestState } from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Allowed transitions of an access request; the store refuses every other
 * move. A state listed as its own successor allows events that keep the
 * state (the approved request's grant becoming active).
 *
 * - pending → approved (a champion approved; a grant is run)
 * - pending → denied | cancelled | expired
 * - approved → failed (the grant could not give access)
 * - approved → approved (event: grant recorded, access active)
 */
export const ACCESS_REQUEST_TRANSITIONS: Readonly<
  Record<AccessRequestState, readonly AccessRequestState[]>
> = {
  pending: ['approved', 'denied', 'cancelled', 'expired'],
  approved: ['approved', 'failed'],
  denied: [],
  cancelled: [],
  expired: [],
  failed: [],
};

/** Whether `from → to` is allowed. */
export function canMove(
  from: AccessRequestState,
  to: AccessRequestState,
): boolean {
  return ACCESS_REQUEST_TRANSITIONS[from].includes(to);
}
