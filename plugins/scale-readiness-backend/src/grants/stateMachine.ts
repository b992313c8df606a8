import type {
  GrantState,
  RevokeReason,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Allowed transitions of a grant. Every other move is refused by the store,
 * so a racing worker can never, for example, re-activate a revoked grant.
 *
 * - requested → active (access applied and verified)
 * - requested → failed (nothing was written)
 * - requested → revoking (a write may have happened: roll it back)
 * - active → revoking (early revoke or expiry)
 * - revoking → revoked | expired | failed (done; which one depends on the reason)
 * - revoking → revoke-failed (attempts exhausted; still retried)
 * - revoke-failed → revoked | expired | failed (a later retry worked)
 */
export const TRANSITIONS: Readonly<Record<GrantState, readonly GrantState[]>> =
  {
    requested: ['active', 'failed', 'revoking'],
    active: ['revoking'],
    revoking: ['revoked', 'expired', 'failed', 'revoke-failed'],
    'revoke-failed': ['revoked', 'expired', 'failed'],
    revoked: [],
    expired: [],
    failed: [],
  };

/** Final states: the grant gives no access and never changes again. */
export const FINAL_STATES: readonly GrantState[] = [
  'revoked',
  'expired',
  'failed',
];

/** Whether `from → to` is an allowed transition. */
export function canTransition(from: GrantState, to: GrantState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States from which a move to `to` is allowed. */
export function statesLeadingTo(to: GrantState): GrantState[] {
  return (Object.keys(TRANSITIONS) as GrantState[]).filter(from =>
    canTransition(from, to),
  );
}

/** The final state a successful revoke ends in, given why it was revoked. */
export function finalStateFor(reason: RevokeReason): GrantState {
  switch (reason) {
    case 'expiry':
      return 'expired';
    case 'rollback':
    case 'interrupted':
      return 'failed';
    case 'early':
    default:
      return 'revoked';
  }
}
