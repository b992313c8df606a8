import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessExecutor,
  AccessGrantResult,
  AccessInspection,
  AccessRequest,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

function who(request: AccessRequest): string {
  return request.subject.githubLogin
    ? `@${request.subject.githubLogin}`
    : request.subject.userEntityRef;
}

/** What a real executor would do for the target, in words. */
export function describeGrantAction(request: AccessRequest): string {
  const t = request.target;
  if (t.kind === 'runner-group') {
    return `add repository ${t.repository} to runner group ${t.runnerGroup}`;
  }
  return t.via === 'collaborator'
    ? `give ${who(request)} ${t.permission} on ${t.repository}`
    : `add ${who(request)} to GitHub team ${t.team}`;
}

/**
 * The executor of the embedded default when no real executor is installed
 * (or `scaleReadiness.grants.dryRun` is set): it changes nothing outside the
 * portal and records what it would do. Every grant it handles is marked
 * `dryRun`, and the UI says "dry run".
 */
export class DryRunExecutor implements AccessExecutor {
  readonly id = 'dry-run';
  readonly dryRun = true;
  readonly label =
    'Dry run (no GitHub integration configured: nothing is changed)';
  /** Calls made, for tests and the health of the demo. */
  readonly calls: Array<{ op: 'grant' | 'revoke'; grantId: string }> = [];

  supports(_target: GrantTarget): boolean {
    return true;
  }

  async grant(
    request: AccessRequest,
    hooks: { recordPrior(prior: AccessState): Promise<void> },
  ): Promise<AccessGrantResult> {
    await hooks.recordPrior({ dryRun: true });
    this.calls.push({ op: 'grant', grantId: request.grantId });
    return {
      changed: false,
      applied: { dryRun: true, wouldDo: describeGrantAction(request) },
      summary: `Dry run: would ${describeGrantAction(request)}`,
    };
  }

  async revoke(request: AccessRequest): Promise<AccessRevokeResult> {
    this.calls.push({ op: 'revoke', grantId: request.grantId });
    return {
      summary: `Dry run: would undo "${describeGrantAction(
        request,
      )}" and restore the prior access`,
    };
  }

  async inspect(): Promise<AccessInspection> {
    return { status: 'as-granted', message: 'Dry run: nothing to inspect' };
  }
}
