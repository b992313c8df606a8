import {
  grantTargetKey,
  type GrantTarget,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessExecutor,
  AccessGrantResult,
  AccessInspection,
  AccessRequest,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

function keyOf(request: AccessRequest): string {
  return `${grantTargetKey(request.target)}|${request.subject.userEntityRef}`;
}

/**
 * A test executor that keeps "external" access in memory, counts its writes
 * and can be told to be slow or to fail.
 */
export class RecordingExecutor implements AccessExecutor {
  readonly id = 'recording';
  readonly dryRun = false;
  readonly label = 'Recording (test)';
  /** Writes made to the "external system". */
  readonly writes: Array<{ op: 'grant' | 'revoke'; grantId: string }> = [];
  /** Access currently present, by target|user. */
  readonly access = new Map<string, string>();
  /** Delay of every grant call (widens race windows). */
  grantDelayMs = 0;
  /** Makes the grant call throw, before (`before-prior`) or after recording the prior state. */
  grantFailure: 'none' | 'before-prior' | 'after-write' = 'none';
  /** Decides whether a revoke call fails (called per attempt). */
  failRevoke: (attempt: number) => Error | undefined = () => undefined;
  #revokeCalls = 0;

  supports(_target: GrantTarget): boolean {
    return true;
  }

  async grant(
    request: AccessRequest,
    hooks: { recordPrior(prior: AccessState): Promise<void> },
  ): Promise<AccessGrantResult> {
    if (this.grantFailure === 'before-prior') {
      throw new Error('GitHub said 502 Bad Gateway');
    }
    const key = keyOf(request);
    await hooks.recordPrior({ had: this.access.get(key) ?? null });
    if (this.grantDelayMs) {
      await new Promise(r => setTimeout(r, this.grantDelayMs));
    }
    this.writes.push({ op: 'grant', grantId: request.grantId });
    this.access.set(key, request.grantId);
    if (this.grantFailure === 'after-write') {
      throw new Error('Verification failed: access not visible');
    }
    return {
      changed: true,
      applied: { grantId: request.grantId },
      summary: `granted ${key}`,
    };
  }

  async revoke(
    request: AccessRequest & { prior: AccessState },
  ): Promise<AccessRevokeResult> {
    this.#revokeCalls++;
    const error = this.failRevoke(this.#revokeCalls);
    if (error) throw error;
    const key = keyOf(request);
    this.writes.push({ op: 'revoke', grantId: request.grantId });
    const prior = request.prior.had as string | null;
    if (prior) this.access.set(key, prior);
    else this.access.delete(key);
    return { summary: `revoked ${key}` };
  }

  async inspect(request: AccessRequest): Promise<AccessInspection> {
    return this.access.get(keyOf(request)) === request.grantId
      ? { status: 'as-granted', message: 'present' }
      : { status: 'removed', message: 'access was removed outside the portal' };
  }

  /** Grant writes made (external writes that give access). */
  get grantWrites(): number {
    return this.writes.filter(w => w.op === 'grant').length;
  }
}
