/**
 * Organisation and team endpoints of {@link FakeGitHubServer}, in GitHub's
 * wire format: organisation memberships (active, or pending while invited),
 * team memberships (adding a non-member to a team invites them to the
 * organisation, as GitHub does), a team with its parent, and a team's
 * repositories with their permissions (`Link` pagination).
 */
import type { FakeGitHubServer } from './FakeGitHubServer';
import { type FakeReply, notFound, ROLES } from './fakeGitHubWire';

function teamRepos(
  github: FakeGitHubServer,
  org: string,
  slug: string,
): unknown[] {
  const repos = github.teamRepos.get(`${org}/${slug}`) ?? new Map();
  const items = [...repos].map(([full, role]) => {
    const repo = github.repos.get(full.toLowerCase());
    const rank = ROLES.indexOf(role);
    return {
      id: repo?.id ?? 0,
      name: full.split('/')[1],
      full_name: full,
      owner: { login: full.split('/')[0] },
      role_name: role,
      permissions: {
        pull: rank >= 0,
        triage: rank >= 1,
        push: rank >= 2,
        maintain: rank >= 3,
        admin: rank >= 4,
      },
    };
  });
  return items;
}

/**
 * Answers `/orgs/{org}/memberships/…` and `/orgs/{org}/teams/…` requests,
 * or undefined when the path is not one of them.
 */
export function orgRoute(
  github: FakeGitHubServer,
  method: string,
  path: string,
  url: URL,
  body: any,
): FakeReply | undefined {
  let m = path.match(/^\/orgs\/([^/]+)\/memberships\/([^/]+)$/);
  if (m) {
    const [, org, login] = m;
    const state = github.orgState(org, login);
    if (method === 'GET') {
      return state
        ? [
            200,
            {
              state,
              role: 'member',
              user: { login },
              organization: { login: org },
            },
          ]
        : notFound();
    }
    if (method === 'DELETE') {
      // removes a member, or cancels a pending invitation; team memberships go too
      github.orgMembers.get(org)?.delete(login);
      github.orgInvitations.get(org)?.delete(login);
      for (const [key, members] of github.teams) {
        if (key.startsWith(`${org}/`)) members.delete(login);
      }
      return [204];
    }
    return undefined;
  }
  m = path.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/);
  if (m) {
    const [, org, slug, login] = m;
    const team = github.teams.get(`${org}/${slug}`);
    if (!team) return notFound();
    const self = `${github.origin}${url.pathname}`;
    if (method === 'GET') {
      const ms = team.get(login);
      return ms ? [200, { url: self, ...ms }] : notFound();
    }
    if (method === 'PUT') {
      let state = 'active';
      if (!github.orgMembers.get(org)?.has(login)) {
        // GitHub invites a non-member to the organisation
        const invited = github.orgInvitations.get(org) ?? new Set<string>();
        invited.add(login);
        github.orgInvitations.set(org, invited);
        state = 'pending';
      }
      const ms = { role: body?.role ?? 'member', state };
      team.set(login, ms);
      return [200, { url: self, ...ms }];
    }
    if (method === 'DELETE') {
      team.delete(login);
      return [204];
    }
    return undefined;
  }
  m = path.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)(\/repos)?$/);
  if (m && method === 'GET') {
    const [, org, slug, repos] = m;
    if (!github.teams.has(`${org}/${slug}`)) return notFound();
    if (repos) return github.page(url, teamRepos(github, org, slug));
    const parent = github.teamParents.get(`${org}/${slug}`);
    return [
      200,
      {
        id: 100,
        slug,
        name: slug,
        organization: { login: org },
        parent: parent ? { slug: parent, name: parent } : null,
      },
    ];
  }
  return undefined;
}
