import type { Octokit } from '@octokit/rest';
import type { RunnerGroupTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessGrantResult,
  AccessInspection,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';

interface RunnerGroup {
  id: number;
  name: string;
  visibility: string;
}

async function findGroup(
  octokit: Octokit,
  target: RunnerGroupTarget,
): Promise<RunnerGroup> {
  const [org, name] = target.runnerGroup.split('/');
  for await (const page of octokit.paginate.iterator(
    'GET /orgs/{org}/actions/runner-groups',
    {
      org,
      per_page: 100,
    },
  )) {
    const groups = page.data as unknown as RunnerGroup[];
    const found = groups.find(g => g.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
  }
  throw new Error(`Runner group '${name}' not found in ${org}`);
}

async function repositoryId(
  octokit: Octokit,
  repository: string,
): Promise<number> {
  const [owner, repo] = repository.split('/');
  const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
    owner,
    repo,
  });
  return data.id;
}

async function hasRepository(
  octokit: Octokit,
  org: string,
  groupId: number,
  repoId: number,
) {
  for await (const page of octokit.paginate.iterator(
    'GET /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories',
    { org, runner_group_id: groupId, per_page: 100 },
  )) {
    const repos = page.data as unknown as Array<{ id: number }>;
    if (repos.some(r => r.id === repoId)) return true;
  }
  return false;
}

/** Gives the repository access to the runner group (nothing when it already has it). */
export async function grantRunnerGroup(
  octokit: Octokit,
  target: RunnerGroupTarget,
  recordPrior: (prior: AccessState, intended: AccessState) => Promise<void>,
  signal?: AbortSignal,
): Promise<AccessGrantResult> {
  const [org] = target.runnerGroup.split('/');
  const group = await findGroup(octokit, target);
  const repoId = await repositoryId(octokit, target.repository);
  const member =
    group.visibility === 'all' ||
    (await hasRepository(octokit, org, group.id, repoId));
  await recordPrior(
    {
      member,
      visibility: group.visibility,
      groupId: group.id,
      repositoryId: repoId,
    },
    member
      ? { nothing: true }
      : { groupId: group.id, repositoryId: repoId, listed: true },
  );
  if (member) {
    return {
      changed: false,
      applied: { wrote: false },
      summary: `${target.repository} can already use ${target.runnerGroup}; nothing written`,
    };
  }
  signal?.throwIfAborted();
  await octokit.request(
    'PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}',
    { org, runner_group_id: group.id, repository_id: repoId },
  );
  if (!(await hasRepository(octokit, org, group.id, repoId))) {
    throw new Error(
      `${target.repository} is not in ${target.runnerGroup} after adding it`,
    );
  }
  return {
    changed: true,
    applied: { wrote: true, groupId: group.id, repositoryId: repoId },
    summary: `Gave ${target.repository} access to runner group ${target.runnerGroup}`,
  };
}

/**
 * Removes the repository from the runner group when it was not in it before
 * the grant and is now, comparing the live state with the prior state
 * (whatever the grant reported).
 */
export async function revokeRunnerGroup(
  octokit: Octokit,
  target: RunnerGroupTarget,
  prior: AccessState,
  signal?: AbortSignal,
): Promise<AccessRevokeResult> {
  if (prior.member !== false)
    return {
      summary: `Nothing was written; ${target.repository} keeps its access`,
    };
  const [org] = target.runnerGroup.split('/');
  const groupId = Number(prior.groupId);
  const repoId = Number(prior.repositoryId);
  if (!(await hasRepository(octokit, org, groupId, repoId))) {
    return {
      summary: `${target.repository} is not in ${target.runnerGroup}; nothing to undo`,
    };
  }
  signal?.throwIfAborted();
  await octokit.request(
    'DELETE /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}',
    { org, runner_group_id: groupId, repository_id: repoId },
  );
  if (await hasRepository(octokit, org, groupId, repoId)) {
    throw new Error(
      `${target.repository} is still in ${target.runnerGroup} after removing it`,
    );
  }
  return {
    summary: `Removed ${target.repository} from runner group ${target.runnerGroup}`,
  };
}

/** Whether the repository still has the granted access. */
export async function inspectRunnerGroup(
  octokit: Octokit,
  target: RunnerGroupTarget,
  prior: AccessState,
): Promise<AccessInspection> {
  if (prior.member !== false)
    return { status: 'as-granted', message: 'nothing was written' };
  const [org] = target.runnerGroup.split('/');
  return (await hasRepository(
    octokit,
    org,
    Number(prior.groupId),
    Number(prior.repositoryId),
  ))
    ? { status: 'as-granted', message: 'repository in the runner group' }
    : {
        status: 'removed',
        message: `${target.repository} was removed from ${target.runnerGroup}`,
      };
}
