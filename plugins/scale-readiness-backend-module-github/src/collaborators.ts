import type { Octokit } from '@octokit/rest';
import {
  repositoryPermissionRank,
  type RepositoryCollaboratorTarget,
  type RepositoryPermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
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
 * Whether a grant of `target` writes, given the access before it: only when
 * the effective permission is lower than the one granted (never lower
 * access). Revoke decides from this, not from what the grant reported.
 */
export function collaboratorGrantWrites(
  target: RepositoryCollaboratorTarget,
  prior: CollaboratorState,
): boolean {
  const have = repositoryPermissionRank(prior.effective);
  if (prior.effective !== null && have < 0) return false; // custom role: refused
  return have < repositoryPermissionRank(target.permission);
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
  recordPrior: (prior: AccessState, intended: AccessState) => Promise<void>,
  signal?: AbortSignal,
): Promise<AccessGrantResult> {
  const { owner, repo } = split(target.repository);
  const prior = await readCollaborator(octokit, target.repository, login);
  if (
    prior.effective !== null &&
    repositoryPermissionRank(prior.effective) < 0
  ) {
    throw new Error(
      `@${login} has the custom role '${prior.effective}' on ${target.repository}; change it by hand`,
    );
  }
  const writes = collaboratorGrantWrites(target, prior);
  await recordPrior(
    { ...prior },
    writes ? { permission: target.permission } : { nothing: true },
  );
  if (!writes) {
    return {
      changed: false,
      applied: { wrote: false },
      summary: `@${login} already has ${prior.effective} on ${target.repository}; nothing written`,
    };
  }
  signal?.throwIfAborted();
  const wanted = repositoryPermissionRank(target.permission);
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
