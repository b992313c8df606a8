import type { Octokit } from '@octokit/rest';
import { NotAllowedError } from '@backstage/errors';
import {
  repositoryPermissionRank,
  type RepositoryPermission,
  type TeamMembershipTarget,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
  AccessInspection,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

import { toPermission } from './collaborators';

/** A team membership as GitHub reports it; null when not a member. */
export type Membership = { state: string; role: string } | null;

function split(team: string): { org: string; team_slug: string } {
  const [org, team_slug] = team.split('/');
  return { org, team_slug };
}

/** Reads the membership of `login` in the team (404 → null). */
export async function readMembership(
  octokit: Octokit,
  team: string,
  login: string,
): Promise<Membership> {
  try {
    const { data } = await octokit.request(
      'GET /orgs/{org}/teams/{team_slug}/memberships/{username}',
      { ...split(team), username: login },
    );
    return { state: String(data.state), role: String(data.role) };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** Organisation membership of `login`: active, pending (invited) or null (404). */
export async function readOrgMembership(
  octokit: Octokit,
  org: string,
  login: string,
): Promise<'active' | 'pending' | null> {
  try {
    const { data } = await octokit.request(
      'GET /orgs/{org}/memberships/{username}',
      { org, username: login },
    );
    return data.state === 'active' ? 'active' : 'pending';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** The access before a team-membership grant. */
export interface TeamPrior {
  membership: Membership;
  /** Organisation membership (absent in grants recorded before it was). */
  org?: 'active' | 'pending' | null;
}

/**
 * The highest repository permission a member of the team gets: the team's
 * repositories and those of its parent teams (members inherit them). Custom
 * roles cannot be ranked and count as above any ceiling.
 */
async function highestPermission(
  octokit: Octokit,
  team: string,
): Promise<{ permission: string; repository: string } | undefined> {
  const { org } = split(team);
  let slug: string | undefined = split(team).team_slug;
  let best:
    | { permission: string; repository: string; rank: number }
    | undefined;
  for (let depth = 0; slug && depth < 10; depth++) {
    for await (const page of octokit.paginate.iterator(
      'GET /orgs/{org}/teams/{team_slug}/repos',
      { org, team_slug: slug, per_page: 100 },
    )) {
      for (const repo of page.data as Array<{
        full_name: string;
        role_name?: string;
      }>) {
        const permission = toPermission(repo.role_name ?? 'read') ?? 'pull';
        const rank = repositoryPermissionRank(permission);
        const effective = rank < 0 ? Infinity : rank;
        if (!best || effective > best.rank) {
          best = { permission, repository: repo.full_name, rank: effective };
        }
      }
    }
    const response: { data: { parent?: { slug?: string } | null } } =
      await octokit.request('GET /orgs/{org}/teams/{team_slug}', {
        org,
        team_slug: slug,
      });
    slug = response.data.parent?.slug;
  }
  return best;
}

/**
 * Adds `login` to the team as a member unless already in it (active or
 * pending). Refuses, before writing, a login that is not an active member of
 * the organisation (GitHub would invite them to the organisation: a much
 * wider grant than the team) and a team whose repositories (with its parent
 * teams') give more than `ceiling`.
 */
export async function grantMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  ceiling: RepositoryPermission,
  recordPrior: (prior: AccessState, intended: AccessState) => Promise<void>,
  signal?: AbortSignal,
): Promise<AccessGrantResult> {
  const { org } = split(target.team);
  const prior = await readMembership(octokit, target.team, login);
  const orgState = await readOrgMembership(octokit, org, login);
  if (!prior) {
    if (orgState !== 'active') {
      throw new NotAllowedError(
        `@${login} is not a member of the ${org} organisation; adding them to ${target.team} would invite them to it, which a champion grant never does`,
      );
    }
    const highest = await highestPermission(octokit, target.team);
    if (
      highest &&
      repositoryPermissionRank(highest.permission) >
        repositoryPermissionRank(ceiling)
    ) {
      throw new NotAllowedError(
        `Membership of ${target.team} gives ${highest.permission} on ${highest.repository}, above the grant ceiling (${ceiling})`,
      );
    }
  }
  const before: TeamPrior = { membership: prior, org: orgState };
  await recordPrior(
    { ...before },
    prior ? { nothing: true } : { role: 'member' },
  );
  if (prior) {
    return {
      changed: false,
      applied: { wrote: false },
      summary: `@${login} is already ${prior.role} of ${target.team} (${prior.state}); nothing written`,
    };
  }
  signal?.throwIfAborted();
  await octokit.request(
    'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}',
    { ...split(target.team), username: login, role: 'member' },
  );
  const after = await readMembership(octokit, target.team, login);
  if (!after) {
    throw new Error(`@${login} is not in ${target.team} after adding them`);
  }
  if (after.state !== 'active') {
    throw new Error(
      `@${login} was invited to ${org} by the write (no longer an organisation member); rolling back`,
    );
  }
  return {
    changed: true,
    applied: { wrote: true, role: 'member' },
    summary: `Added @${login} to ${target.team}`,
  };
}

/**
 * Restores the membership before the grant, comparing the live state with
 * it whatever the grant reported: removes a `member` membership the grant
 * added, and cancels an organisation invitation its write caused (the
 * grantee left the organisation between the check and the write). A role
 * changed by hand is left alone and reported.
 */
export async function revokeMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  prior: TeamPrior,
  signal?: AbortSignal,
): Promise<AccessRevokeResult> {
  if (prior.membership) {
    return {
      summary: `Nothing was written; @${login} stays in ${target.team}`,
    };
  }
  const { org } = split(target.team);
  const done: string[] = [];
  let drift: string | undefined;
  const live = await readMembership(octokit, target.team, login);
  if (live && live.role === 'member') {
    signal?.throwIfAborted();
    await octokit.request(
      'DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}',
      { ...split(target.team), username: login },
    );
    done.push(`removed @${login} from ${target.team}`);
  } else if (live) {
    drift = `@${login} is now ${live.role} of ${target.team} (changed by hand); left as it is`;
  }
  if (prior.org !== 'pending') {
    const orgNow = await readOrgMembership(octokit, org, login);
    if (orgNow === 'pending') {
      signal?.throwIfAborted();
      await octokit.request('DELETE /orgs/{org}/memberships/{username}', {
        org,
        username: login,
      });
      done.push(`cancelled the ${org} invitation`);
    }
  }
  const after = await readMembership(octokit, target.team, login);
  if (!drift && after) {
    throw new Error(`@${login} is still in ${target.team} after removing them`);
  }
  if (
    prior.org !== 'pending' &&
    (await readOrgMembership(octokit, org, login)) === 'pending'
  ) {
    throw new Error(`The ${org} invitation of @${login} is still pending`);
  }
  return {
    summary: done.length
      ? done.join(', ')
      : `@${login} is not in ${target.team}; nothing to undo`,
    ...(drift ? { drift } : {}),
  };
}

/** Whether the membership is still as granted. */
export async function inspectMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  prior: TeamPrior,
): Promise<AccessInspection> {
  if (prior.membership) {
    return { status: 'as-granted', message: 'nothing was written' };
  }
  const now = await readMembership(octokit, target.team, login);
  if (!now)
    return {
      status: 'removed',
      message: `@${login} is no longer in ${target.team}`,
    };
  return now.role === 'member'
    ? { status: 'as-granted', message: `${now.role} (${now.state})` }
    : {
        status: 'changed',
        message: `@${login} is ${now.role} of ${target.team}, granted member`,
      };
}
