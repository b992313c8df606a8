import type { Octokit } from '@octokit/rest';
import type { TeamMembershipTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
  AccessInspection,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

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

/** Adds `login` to the team as a member unless already in it (active or pending). */
export async function grantMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  recordPrior: (prior: AccessState) => Promise<void>,
): Promise<AccessGrantResult> {
  const prior = await readMembership(octokit, target.team, login);
  await recordPrior({ membership: prior });
  if (prior) {
    return {
      changed: false,
      applied: { wrote: false },
      summary: `@${login} is already ${prior.role} of ${target.team} (${prior.state}); nothing written`,
    };
  }
  await octokit.request(
    'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}',
    {
      ...split(target.team),
      username: login,
      role: 'member',
    },
  );
  const after = await readMembership(octokit, target.team, login);
  if (!after) {
    throw new Error(`@${login} is not in ${target.team} after adding them`);
  }
  const pending = after.state === 'pending';
  return {
    changed: true,
    applied: { wrote: true, role: 'member' },
    summary: `Added @${login} to ${target.team}${
      pending ? ' (organisation invitation pending)' : ''
    }`,
    ...(pending ? { pendingInvitation: true } : {}),
  };
}

/** Removes the membership the grant added (also cancels a pending one); leaves a changed role alone. */
export async function revokeMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  applied: AccessState,
): Promise<AccessRevokeResult> {
  if (!applied.wrote)
    return {
      summary: `Nothing was written; @${login} stays in ${target.team}`,
    };
  const now = await readMembership(octokit, target.team, login);
  if (!now) {
    return {
      summary: `@${login} is not in ${target.team}`,
      drift: `@${login} was already removed from ${target.team} by hand`,
    };
  }
  if (now.role !== applied.role) {
    return {
      summary: `@${login} left in ${target.team}`,
      drift: `@${login} is now ${now.role} of ${target.team} (changed by hand); left as it is`,
    };
  }
  await octokit.request(
    'DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}',
    {
      ...split(target.team),
      username: login,
    },
  );
  if (await readMembership(octokit, target.team, login)) {
    throw new Error(`@${login} is still in ${target.team} after removing them`);
  }
  return { summary: `Removed @${login} from ${target.team}` };
}

/** Whether the membership is still as granted. */
export async function inspectMembership(
  octokit: Octokit,
  target: TeamMembershipTarget,
  login: string,
  applied: AccessState,
): Promise<AccessInspection> {
  if (!applied.wrote)
    return { status: 'as-granted', message: 'nothing was written' };
  const now = await readMembership(octokit, target.team, login);
  if (!now)
    return {
      status: 'removed',
      message: `@${login} is no longer in ${target.team}`,
    };
  return now.role === applied.role
    ? { status: 'as-granted', message: `${now.role} (${now.state})` }
    : {
        status: 'changed',
        message: `@${login} is ${now.role} of ${target.team}, granted ${String(
          applied.role,
        )}`,
      };
}
