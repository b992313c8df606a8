import type { Octokit } from '@octokit/rest';
import type { RepositoryCollaboratorTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessInspection,
  AccessRevokeResult,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  type CollaboratorState,
  collaboratorGrantWrites,
  readCollaborator,
} from './collaborators';

/** Our permission names → the role names the invitations API takes. */
const INVITATION_ROLE: Record<string, string> = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
};

function split(repository: string): { owner: string; repo: string } {
  const [owner, repo] = repository.split('/');
  return { owner, repo };
}

/**
 * Restores the prior access of `login` wherever the live access is what the
 * grant writes, whatever the grant reported (it is also the rollback after a
 * failure or a crash between the write and the commit):
 * - a pending invitation that existed before the grant is kept, and its
 *   permission restored (a repeated PUT raises it); one the grant created is
 *   deleted;
 * - a direct permission equal to the granted one goes back to the prior
 *   direct permission (the collaborator is removed when there was none).
 * Access changed by hand to something else is left alone and reported.
 */
export async function revokeCollaborator(
  octokit: Octokit,
  target: RepositoryCollaboratorTarget,
  login: string,
  prior: CollaboratorState,
  signal?: AbortSignal,
): Promise<AccessRevokeResult> {
  if (!collaboratorGrantWrites(target, prior)) {
    return {
      summary: `Nothing was written; @${login} keeps ${
        prior.effective ?? 'no access'
      }`,
    };
  }
  const { owner, repo } = split(target.repository);
  const granted = target.permission;
  const live = await readCollaborator(octokit, target.repository, login);
  const done: string[] = [];
  const drift: string[] = [];

  const inv = live.invitation;
  const priorInv = prior.invitation ?? null;
  if (inv && priorInv && inv.id === priorInv.id) {
    if (inv.permission !== priorInv.permission) {
      if (inv.permission === granted && priorInv.permission) {
        signal?.throwIfAborted();
        await octokit.request(
          'PATCH /repos/{owner}/{repo}/invitations/{invitation_id}',
          {
            owner,
            repo,
            invitation_id: inv.id,
            permissions: (INVITATION_ROLE[priorInv.permission] ??
              priorInv.permission) as 'read',
          },
        );
        done.push(
          `restored invitation ${inv.id} (from before the grant) to ${priorInv.permission}`,
        );
      } else {
        drift.push(`invitation ${inv.id} now offers ${inv.permission}`);
      }
    }
  } else if (inv) {
    if (inv.permission === granted) {
      signal?.throwIfAborted();
      await octokit.request(
        'DELETE /repos/{owner}/{repo}/invitations/{invitation_id}',
        { owner, repo, invitation_id: inv.id },
      );
      done.push(`deleted invitation ${inv.id}`);
    } else {
      drift.push(`invitation ${inv.id} offers ${inv.permission}`);
    }
  }

  if (live.direct !== prior.direct) {
    if (live.direct === granted) {
      signal?.throwIfAborted();
      if (prior.direct === null) {
        await octokit.request(
          'DELETE /repos/{owner}/{repo}/collaborators/{username}',
          { owner, repo, username: login },
        );
        done.push('removed the collaborator');
      } else {
        await octokit.request(
          'PUT /repos/{owner}/{repo}/collaborators/{username}',
          {
            owner,
            repo,
            username: login,
            permission:
              prior.direct as RepositoryCollaboratorTarget['permission'],
          },
        );
        done.push(`restored ${prior.direct}`);
      }
    } else {
      drift.push(
        live.direct
          ? `@${login} now has ${live.direct} (changed by hand); left as it is`
          : `@${login} was already removed by hand`,
      );
    }
  }

  const after = await readCollaborator(octokit, target.repository, login);
  if (live.direct === granted && after.direct !== prior.direct) {
    throw new Error(
      `After revoking, @${login} has ${after.direct ?? 'no'} direct access on ${
        target.repository
      }, expected ${prior.direct ?? 'none'}`,
    );
  }
  if (inv && inv.permission === granted) {
    const kept = priorInv && inv.id === priorInv.id;
    if (kept && after.invitation?.permission !== priorInv.permission) {
      throw new Error(
        `Invitation ${inv.id} offers ${after.invitation?.permission} after restoring it to ${priorInv.permission}`,
      );
    }
    if (!kept && after.invitation?.id === inv.id) {
      throw new Error(
        `Invitation ${inv.id} is still pending after deleting it`,
      );
    }
  }
  return {
    summary: `${done.join(', ') || 'nothing to undo'} on ${
      target.repository
    }; @${login} has ${after.effective ?? 'no access'}`,
    ...(drift.length && !done.length ? { drift: drift.join('; ') } : {}),
  };
}

/** Whether the granted access is still in place (compared with what the grant writes). */
export async function inspectCollaborator(
  octokit: Octokit,
  target: RepositoryCollaboratorTarget,
  login: string,
  prior: CollaboratorState,
): Promise<AccessInspection> {
  if (!collaboratorGrantWrites(target, prior)) {
    return { status: 'as-granted', message: 'nothing was written' };
  }
  const live = await readCollaborator(octokit, target.repository, login);
  if (live.invitation?.permission === target.permission) {
    return { status: 'as-granted', message: 'invitation pending' };
  }
  if (live.direct === target.permission) {
    return { status: 'as-granted', message: `${live.direct} as granted` };
  }
  return live.direct === prior.direct
    ? {
        status: 'removed',
        message: `@${login} no longer has ${target.permission} on ${target.repository}`,
      }
    : {
        status: 'changed',
        message: `@${login} has ${live.direct ?? 'no direct access'} on ${
          target.repository
        }, granted ${target.permission}`,
      };
}
