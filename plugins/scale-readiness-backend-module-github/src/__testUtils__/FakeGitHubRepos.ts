/**
 * Repository endpoints of {@link FakeGitHubServer} in GitHub's wire format:
 * the repository itself, effective permission, direct collaborators, invitations (created by a PUT
 * for a non-member, answered again to a repeated PUT, updated by PATCH,
 * deleted by DELETE).
 */
import type { FakeGitHubServer } from './FakeGitHubServer';
import {
  type FakeReply,
  notFound,
  PERMISSION_TO_ROLE,
  type Repo,
  ROLES,
} from './fakeGitHubWire';

const LEGACY: Record<string, string> = {
  read: 'read',
  triage: 'read',
  write: 'write',
  maintain: 'write',
  admin: 'admin',
};

/**
 * Answers `/repos/{owner}/{repo}` and `/repos/{owner}/{repo}/…` requests (a
 * 404 for a repository the fake does not have), or undefined when the path
 * is not one of them.
 */
export function repositoryRoute(
  github: FakeGitHubServer,
  method: string,
  path: string,
  url: URL,
  body: any,
): FakeReply | undefined {
  let m = path.match(/^\/repos\/([^/]+)\/([^/]+)$/);
  if (m && method === 'GET') {
    const repo = github.repos.get(`${m[1]}/${m[2]}`.toLowerCase());
    return repo
      ? [
          200,
          {
            id: repo.id,
            name: repo.name,
            full_name: `${repo.owner}/${repo.name}`,
            owner: { login: repo.owner },
          },
        ]
      : notFound();
  }
  m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/(.*)$/);
  if (!m) return undefined;
  const slug = `${m[1]}/${m[2]}`;
  const repo = github.repos.get(slug.toLowerCase());
  if (!repo) return notFound();
  return repoRoute(github, repo, slug, method, m[3], url, body) ?? notFound();
}

/** Answers `/repos/{owner}/{repo}/…` requests of an existing repository. */
function repoRoute(
  github: FakeGitHubServer,
  repo: Repo,
  slug: string,
  method: string,
  rest: string,
  url: URL,
  body: any,
): FakeReply | undefined {
  let m: RegExpMatchArray | null;
  m = rest.match(/^collaborators\/([^/]+)\/permission$/);
  if (m && method === 'GET') {
    const role = github.effectiveRole(slug, m[1]);
    return [
      200,
      {
        permission: role ? LEGACY[role] : 'none',
        role_name: role ?? 'none',
        user: { login: m[1] },
      },
    ];
  }
  if (rest === 'collaborators' && method === 'GET') {
    const items = [...repo.direct].map(([login, role], i) => ({
      login,
      id: 100 + i,
      role_name: role,
      permissions: {
        admin: role === 'admin',
        push: ['write', 'maintain', 'admin'].includes(role),
        pull: true,
      },
    }));
    return github.page(url, items);
  }
  if (rest === 'invitations' && method === 'GET') {
    const items = [...repo.invitations].map(([id, inv]) =>
      invitation(github, repo, id, inv),
    );
    return github.page(url, items);
  }
  m = rest.match(/^invitations\/(\d+)$/);
  if (m && method === 'DELETE') {
    return repo.invitations.delete(Number(m[1])) ? [204] : undefined;
  }
  if (m && method === 'PATCH') {
    const inv = repo.invitations.get(Number(m[1]));
    if (!inv) return undefined;
    const role = PERMISSION_TO_ROLE[body?.permissions] ?? body?.permissions;
    if (body?.permissions !== undefined) {
      if (!ROLES.includes(role)) {
        return [422, { message: 'Validation Failed' }];
      }
      inv.role = role;
    }
    return [200, invitation(github, repo, Number(m[1]), inv)];
  }
  m = rest.match(/^collaborators\/([^/]+)$/);
  if (m) {
    const login = m[1];
    if (method === 'DELETE') {
      repo.direct.delete(login);
      return [204];
    }
    if (method === 'PUT') {
      const role = PERMISSION_TO_ROLE[body?.permission ?? 'push'];
      if (!role)
        return [
          422,
          {
            message: 'Validation Failed',
            errors: [{ field: 'permission', code: 'invalid' }],
          },
        ];
      if (
        repo.direct.has(login) ||
        github.orgMembers.get(repo.owner)?.has(login)
      ) {
        repo.direct.set(login, role); // a PUT sets the permission, also downwards
        return [204];
      }
      const existing = [...repo.invitations].find(
        ([, inv]) => inv.login === login,
      );
      const id = existing?.[0] ?? github.nextId();
      repo.invitations.set(id, { login, role });
      return [201, invitation(github, repo, id, { login, role })];
    }
  }
  return undefined;
}

function invitation(
  github: FakeGitHubServer,
  repo: Repo,
  id: number,
  inv: { login: string; role: string },
) {
  return {
    id,
    node_id: `RI_${id}`,
    repository: {
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
    },
    invitee: { login: inv.login, id: 5000 + id, type: 'User' },
    inviter: { login: 'scale-readiness[bot]', id: 1, type: 'Bot' },
    permissions: inv.role,
    created_at: '2026-11-25T10:00:00Z',
    expired: false,
    url: `${github.origin}/api/v3/user/repository_invitations/${id}`,
    html_url: `https://github.example/${repo.owner}/${repo.name}/invitations`,
  };
}
