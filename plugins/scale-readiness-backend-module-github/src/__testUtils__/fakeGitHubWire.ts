/**
 * What every area of `FakeGitHubServer` shares: GitHub's repository
 * roles and permission names, the reply and route shapes, the stored
 * repository, and GitHub's 404 body.
 */
/** GitHub repository roles, lowest first. */
export const ROLES = ['read', 'triage', 'write', 'maintain', 'admin'];
/** Permission names (API) → roles. */
export const PERMISSION_TO_ROLE: Record<string, string> = {
  pull: 'read',
  triage: 'triage',
  push: 'write',
  maintain: 'maintain',
  admin: 'admin',
};

/** A reply of the fake: status, JSON body, headers. */
export type FakeReply = [number, unknown?, Record<string, string>?];

/** An extra route (see FakeGitHubActions): a reply, or undefined to pass. */
export type FakeRoute = (
  method: string,
  path: string,
  url: URL,
) => FakeReply | undefined;

/** A repository of the fake. */
export interface Repo {
  id: number;
  owner: string;
  name: string;
  /** Direct collaborators: login → role (read … admin). */
  direct: Map<string, string>;
  invitations: Map<number, { login: string; role: string }>;
}

/** GitHub's answer to a path it does not know, or to a resource the caller may not see. */
export function notFound(): FakeReply {
  return [
    404,
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    },
  ];
}
