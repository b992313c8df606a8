import type { Octokit } from '@octokit/rest';
import {
  repositoryPermissionRank,
  type RepositoryCollaboratorTarget,
  type RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
  AccessInspection,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

/** GitHub role names (API) → our permission names; custom roles stay as they are. */
const ROLE_TO_PERMISSION: Record<string, RepositoryPermission> = {
  read: 'pull',
  pull: 'pull',
  triage: 'triage',
  write: 'push',
  push: 'push',
  maintain: 'maintain',
  admin: 'admin',
};

/** Normalises a GitHub role (`write`) to a permission (`push`); null for none. */
export function toPermission(role: string | null | undefined): string | null {
  if (!role || role === 'none') return null;
  return ROLE_TO_PERMISSION[role] ?? role;
}

/** The access of one user to one repository, as recorded before a grant. */
export interface CollaboratorState {
  /** Effective permission (direct, team or org), null for none. */
  effective: string | null;
  /** Permission as a direct collaborator, null when not one. */
  direct: string | null;
  /** A pending invitation, if any. */
  invitation: { id: number; permission: string | null } | null;
}

function split(repository: string): { owner: string; repo: string } {
  const [owner, repo] = repository.split('/');
  return { owner, repo };
}

/** Reads effective, direct and invited access of `login` on the repository. */
export async function readCollaborator(
  octokit: Octokit,
  repository: string,
  login: string,
): Promise<CollaboratorState> {
  const { owner, repo } = split(repository);
  const lower = login.toLowerCase();
  const permission = await octokit.request(
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    { owner, repo, username: login },
  );
  const data = permission.data as { role_name?: string; permission?: string };
  const effective = toPermission(data.role_name ?? data.permission);

  let direct: string | null = null;
  for await (const page of octokit.paginate.iterator(
    'GET /repos/{owner}/{repo}/collaborators',
    { owner, repo, affiliation: 'direct', per_page: 100 },
  )) {
    const found = (
      page.data as Array<{ login: string; role_name?: string }>
    ).find(c => c.login.toLowerCase() === lower);
    if (found) {
      direct = toPermission(found.role_name ?? 'read');
      break;
    }
  }

  let invitation: CollaboratorState['invitation'] = null;
  for await (const page of octokit.paginate.iterator(
    'GET /repos/{owner}/{repo}/invitations',
    { owner, repo, per_page: 100 },
  )) {
    const found = (
      page.data as Array<{
        id: number;
        invitee: { login: string } | null;
        permissions?: string;
      }>
    ).find(i => i.invitee?.login.toLowerCase() === lower);
    if (found) {
      invitation = {
        id: found.id,
        permission: toPermission(found.permissions),
      };
      break;
    }
  }
  return { effective, direct, invitation };
}

/**
 * Gives `login` at least `target.permission` on the repository. Never
 * lowers access: when the effective permission is already as high, nothing is
 * written (a PUT would downgrade an admin). Verifies the result.
 */
export async function grantCollaborator(
  octokit: Octokit,
  target: RepositoryCollaboratorTarget,
  login: string,
  recordPrior: (prior: AccessState) => Promise<void>,
): Promise<AccessGrantResult> {
  const { owner, repo } = split(target.repository);
  const prior = await readCollaborator(octokit, target.repository, login);
  await recordPrior({ ...prior });
  const wanted = repositoryPermissionRank(target.permission);
  const have = repositoryPermissionRank(prior.effective);
  if (prior.effective !== null && have < 0) {
    throw new Error(
      `@${login} has the custom role '${prior.effective}' on ${target.repository}; change it by hand`,
    );
  }
  if (have >= wanted) {
    return {
      changed: false,
      applied: { wrote: false },
      summary: `@${login} already has ${prior.effective} on ${target.repository}; nothing written`,
    };
  }
  const response = await octokit.request(
    'PUT /repos/{owner}/{repo}/collaborators/{username}',
    { owner, repo, username: login, permission: target.permission },
  );
  if (response.status === 201) {
    const invitation = response.data as { id: number };
    const after = await readCollaborator(octokit, target.repository, login);
    if (after.invitation?.id !== invitation.id) {
      throw new Error(
        `Invitation ${invitation.id} is not visible after creating it`,
      );
    }
    return {
      changed: true,
      applied: {
        wrote: true,
        permission: target.permission,
        invitationId: invitation.id,
      },
      summary: `Invited @${login} to ${target.repository} with ${target.permission} (pending acceptance)`,
      pendingInvitation: true,
    };
  }
  const after = await readCollaborator(octokit, target.repository, login);
  if (repositoryPermissionRank(after.effective) < wanted) {
    throw new Error(
      `After the write @${login} has ${after.effective ?? 'no access'} on ${
        target.repository
      }, not ${target.permission}`,
    );
  }
  return {
    changed: true,
    applied: { wrote: true, permission: target.permission },
    summary: `Gave @${login} ${target.permission} on ${
      target.repository
    } (was ${prior.effective ?? 'none'})`,
  };
}

/**
 * Undoes what {@link grantCollaborator} applied: deletes a still-pending
 * invitation, and restores the prior direct permission (removing the
 * collaborator when there was none) only while access is still what was
 * applied. Access changed by hand meanwhile is left alone and reported.
 */
export async function revokeCollaborator(
  octokit: Octokit,
  target: RepositoryCollaboratorTarget,
  login: string,
  prior: CollaboratorState,
  applied: AccessState,
): Promise<AccessRevokeResult> {
  if (!applied.wrote) {
    return {
      summary: `Nothing was written; @${login} keeps ${
        prior.effective ?? 'no access'
      }`,
    };
  }
  const { owner, repo } = split(target.repository);
  const now = await readCollaborator(octokit, target.repository, login);
  const done: string[] = [];
  if (
    applied.invitationId !== undefined &&
    now.invitation?.id === applied.invitationId
  ) {
    await octokit.request(
      'DELETE /repos/{owner}/{repo}/invitations/{invitation_id}',
      {
        owner,
        repo,
        invitation_id: Number(applied.invitationId),
      },
    );
    done.push(`deleted invitation ${applied.invitationId}`);
  }
  let drift: string | undefined;
  if (now.direct === applied.permission) {
    if (prior.direct === null) {
      await octokit.request(
        'DELETE /repos/{owner}/{repo}/collaborators/{username}',
        {
          owner,
          repo,
          username: login,
        },
      );
      done.push('removed the collaborator');
    } else {
      await octokit.request(
        'PUT /repos/{owner}/{repo}/collaborators/{username}',
        {
          owner,
          repo,
          username: login,
          permission: prior.direct as RepositoryPermission,
        },
      );
      done.push(`restored ${prior.direct}`);
    }
  } else if (done.length === 0) {
    drift = now.direct
      ? `@${login} now has ${now.direct} (changed by hand); left as it is`
      : `@${login} was already removed by hand`;
  }
  const after = await readCollaborator(octokit, target.repository, login);
  if (!drift && after.direct !== prior.direct) {
    throw new Error(
      `After revoking, @${login} has ${after.direct ?? 'no'} direct access on ${
        target.repository
      }, expected ${prior.direct ?? 'none'}`,
    );
  }
  if (
    applied.invitationId !== undefined &&
    after.invitation?.id === applied.invitationId
  ) {
    throw new Error(
      `Invitation ${applied.invitationId} is still pending after deleting it`,
    );
  }
  return {
    summary: `${done.join(', ') || 'nothing to undo'} on ${
      target.repository
    }; @${login} has ${after.effective ?? 'no access'}`,
    ...(drift ? { drift } : {}),
  };
}

/** Whether the applied access is still in place. */
export async function inspectCollaborator(
  octokit: Octokit,
  target: RepositoryCollaboratorTarget,
  login: string,
  applied: AccessState,
): Promise<AccessInspection> {
  if (!applied.wrote)
    return { status: 'as-granted', message: 'nothing was written' };
  const now = await readCollaborator(octokit, target.repository, login);
  if (
    applied.invitationId !== undefined &&
    now.invitation?.id === applied.invitationId
  ) {
    return { status: 'as-granted', message: 'invitation pending' };
  }
  if (now.direct === applied.permission) {
    return { status: 'as-granted', message: `${now.direct} as granted` };
  }
  return now.direct === null
    ? {
        status: 'removed',
        message: `@${login} is no longer a collaborator on ${target.repository}`,
      }
    : {
        status: 'changed',
        message: `@${login} has ${now.direct} on ${
          target.repository
        }, granted ${String(applied.permission)}`,
      };
}
