/**
 * Self-hosted runner group endpoints of `FakeGitHubServer` in GitHub's wire
 * format: the organisation's runner groups and the repositories a group is
 * open to (`total_count` + list, `Link` pagination), adding and removing a
 * repository (204). The runners of a group are in `FakeGitHubActions`.
 */
import type { FakeGitHubServer } from './FakeGitHubServer';
import { type FakeReply, notFound } from './fakeGitHubWire';

/**
 * Answers `/orgs/{org}/actions/runner-groups[/{id}/repositories[/{repoId}]]`,
 * or undefined when the path is not one of them (or the method is not
 * answered there).
 */
export function runnerGroupRoute(
  github: FakeGitHubServer,
  method: string,
  path: string,
  url: URL,
): FakeReply | undefined {
  const m = path.match(
    /^\/orgs\/([^/]+)\/actions\/runner-groups(?:\/(\d+)\/repositories(?:\/(\d+))?)?$/,
  );
  if (!m) return undefined;
  const groups = github.runnerGroups.get(m[1]) ?? [];
  if (!m[2] && method === 'GET') {
    const items = groups.map(g => ({
      id: g.id,
      name: g.name,
      visibility: g.visibility,
      default: false,
      inherited: false,
      allows_public_repositories: false,
    }));
    return github.page(url, items, 'runner_groups');
  }
  const group = groups.find(g => g.id === Number(m[2]));
  if (!group) return notFound();
  if (!m[3] && method === 'GET') {
    const items = [...github.repos.values()]
      .filter(r => group.repos.has(r.id))
      .map(r => ({ id: r.id, full_name: `${r.owner}/${r.name}` }));
    return github.page(url, items, 'repositories');
  }
  if (m[3] && method === 'PUT') {
    group.repos.add(Number(m[3]));
    return [204];
  }
  if (m[3] && method === 'DELETE') {
    group.repos.delete(Number(m[3]));
    return [204];
  }
  return undefined;
}
