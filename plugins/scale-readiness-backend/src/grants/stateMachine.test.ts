import { GRANT_STATES } from '@scale-readiness/plugin-scale-readiness-common';
import {
  canTransition,
  FINAL_STATES,
  finalStateFor,
  statesLeadingTo,
  TRANSITIONS,
} from './stateMachine';

describe('grant state machine', () => {
  it('covers every state, and final states have no way out', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...GRANT_STATES].sort());
    for (const s of FINAL_STATES) expect(TRANSITIONS[s]).toEqual([]);
  });

  it('never goes back to requested or active once left', () => {
    expect(statesLeadingTo('requested')).toEqual([]);
    expect(statesLeadingTo('active')).toEqual(['requested']);
    expect(canTransition('revoking', 'active')).toBe(false);
    expect(canTransition('revoke-failed', 'active')).toBe(false);
    expect(canTransition('active', 'revoked')).toBe(false); // always through revoking
  });

  it('ends a revoke in a state that says why', () => {
    expect(finalStateFor('early')).toBe('revoked');
    expect(finalStateFor('expiry')).toBe('expired');
    expect(finalStateFor('rollback')).toBe('failed');
    expect(finalStateFor('interrupted')).toBe('failed');
    for (const reason of [
      'early',
      'expiry',
      'rollback',
      'interrupted',
    ] as const) {
      expect(canTransition('revoking', finalStateFor(reason))).toBe(true);
      expect(canTransition('revoke-failed', finalStateFor(reason))).toBe(true);
    }
  });
});
