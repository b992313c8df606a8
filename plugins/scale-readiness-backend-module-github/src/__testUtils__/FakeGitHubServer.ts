/**
 * A local HTTP server speaking the GitHub REST endpoints the executor uses,
 * with GitHub's paths, status codes, invitation objects, pagination (`Link`),
 * `Retry-After` and secondary-rate-limit 403s. Tests point the real Octokit at
 * it (`apiBaseUrl`) and inject faults.
 *
 * This file is the server: authentication, redirects, faults, rate-limit
 * headers, pagination and the state. The endpoints are answered by area:
 * repositories, collaborators and invitations (`FakeGitHubRepos`),
 * organisation and team memberships (`FakeGitHubOrgs`), runner groups
 * (`FakeGitHubRunnerGroups`), and runners and workflow runs as an extra route
 * (`FakeGitHubActions`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Fault,
  type FaultStep,
  stepFault,
  takeFault,
} from './FakeGitHubFaults';
import { orgRoute } from './FakeGitHubOrgs';
import { repositoryRoute } from './FakeGitHubRepos';
import { runnerGroupRoute } from './FakeGitHubRunnerGroups';
import {
  type FakeReply,
  type FakeRoute,
  notFound,
  PERMISSION_TO_ROLE,
  type Repo,
  ROLES,
} from './fakeGitHubWire';

export { PERMISSION_TO_ROLE, ROLES } from './fakeGitHubWire';
export type { FakeReply, FakeRoute, Repo } from './fakeGitHubWire';
export type { Fault, FaultStep } from './FakeGitHubFaults';

/** The in-memory GitHub. */
export class FakeGitHubServer {
  readonly token: string;
  /** Every request: method, path (with query) and parsed body. */
  readonly log: Array<{ method: string; path: string; body?: any }> = [];
  readonly repos = new Map<string, Repo>();
  /** Organisation members: org → logins (members are added directly, others invited). */
  readonly orgMembers = new Map<string, Set<string>>();
  /** Base permission of org members (role), e.g. read. */
  orgBaseRole: string | null = 'read';
  /** Pending organisation invitations: org → logins. */
  readonly orgInvitations = new Map<string, Set<string>>();
  /** Team memberships: org/slug → login → { role, state }. */
  readonly teams = new Map<
    string,
    Map<string, { role: string; state: string }>
  >();
  /** Repositories a team gives access to: org/slug → owner/repo → role. */
  readonly teamRepos = new Map<string, Map<string, string>>();
  /** Parent team slug: org/slug → parent slug (members inherit its access). */
  readonly teamParents = new Map<string, string>();
  /** Runner groups per org. */
  readonly runnerGroups = new Map<
    string,
    Array<{ id: number; name: string; visibility: string; repos: Set<number> }>
  >();
  /** Redirects: path prefix → Location prefix (the rest of the path is kept; answered with 301). */
  readonly redirects = new Map<string, string>();
  readonly faults: Fault[] = [];
  /** Page size the server uses when `per_page` is larger (exercises pagination). */
  maxPageSize = 100;
  /**
   * Most results a paged list answers, as GitHub's 1,000 for filtered lists
   * (workflow runs with `created`): `total_count` still counts them all.
   */
  maxListResults = Number.POSITIVE_INFINITY;
  /** Extra routes, tried after authentication (path without `/api/v3`). */
  readonly routes: FakeRoute[] = [];
  /** Primary rate limit sent in `x-ratelimit-*` headers; `remaining` counts down per request. */
  readonly rateLimit = { limit: 5000, remaining: 5000, reset: 0 };
  #server?: http.Server;
  #nextId = 9000;
  /** Writes (non-GET) answered with 2xx or applied by a pass-through fault. */
  #appliedWrites = 0;

  constructor(token = 'ghs_test_installation_token') {
    this.token = token;
  }

  /** Starts on a free port; returns the API base URL (`http://127.0.0.1:port/api/v3`). */
  async start(): Promise<string> {
    this.#server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', c => (raw += c));
      req.on('end', () => {
        this.#handle(req, raw).then(
          ([status, body, headers]) => {
            if (status === -1) return; // hung request, socket destroyed by the client
            res.writeHead(status, {
              'content-type': 'application/json; charset=utf-8',
              ...this.#rateLimitHeaders(),
              ...headers,
            });
            res.end(body === undefined ? undefined : JSON.stringify(body));
          },
          error => {
            res.writeHead(500);
            res.end(JSON.stringify({ message: String(error) }));
          },
        );
      });
    });
    await new Promise<void>(resolve =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    return `${this.origin}/api/v3`;
  }

  get origin(): string {
    const { port } = this.#server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise(resolve => this.#server?.close(resolve));
  }

  /** Adds a repository (owner/name) with direct collaborators (login → permission name). */
  addRepo(slug: string, direct: Record<string, string> = {}): Repo {
    const [owner, name] = slug.split('/');
    const repo: Repo = {
      id: this.#nextId++,
      owner,
      name,
      direct: new Map(
        Object.entries(direct).map(([l, p]) => [l, PERMISSION_TO_ROLE[p] ?? p]),
      ),
      invitations: new Map(),
    };
    this.repos.set(slug.toLowerCase(), repo);
    return repo;
  }

  /** A fresh id (repositories, invitations, runner groups). */
  nextId(): number {
    return this.#nextId++;
  }

  /** Adds a fault; `afterWrite` faults count writes from now on. */
  inject(fault: Fault): Fault {
    fault.writesAtInjection = this.#appliedWrites;
    this.faults.push(fault);
    return fault;
  }

  /**
   * Makes the next grant fail at `step`, for `attempts` consecutive matching
   * requests (set it to the client's retries + 1 so the call gives up; later
   * requests, e.g. of the rollback, succeed): a 502 before the first write
   * (nothing changes), a 502 after the first write was applied, or 502s on
   * every read after the first write (verification).
   */
  injectStep(step: FaultStep, attempts: number): Fault {
    return this.inject(stepFault(step, attempts));
  }

  /** Organisation membership state of a login: active, pending (invited) or null. */
  orgState(org: string, login: string): 'active' | 'pending' | null {
    if (this.orgMembers.get(org)?.has(login)) return 'active';
    if (this.orgInvitations.get(org)?.has(login)) return 'pending';
    return null;
  }

  /** Adds logins to an organisation. */
  addMembers(org: string, ...logins: string[]) {
    const set = this.orgMembers.get(org) ?? new Set();
    logins.forEach(l => set.add(l));
    this.orgMembers.set(org, set);
  }

  /** Adds a runner group. */
  addRunnerGroup(
    org: string,
    name: string,
    visibility = 'selected',
    repos: number[] = [],
  ) {
    const groups = this.runnerGroups.get(org) ?? [];
    const group = {
      id: this.#nextId++,
      name,
      visibility,
      repos: new Set(repos),
    };
    groups.push(group);
    this.runnerGroups.set(org, groups);
    return group;
  }

  /** Effective role of a login on a repo (direct or org base), or null. */
  effectiveRole(slug: string, login: string): string | null {
    const repo = this.repos.get(slug.toLowerCase());
    if (!repo) return null;
    const candidates = [repo.direct.get(login)];
    if (this.orgMembers.get(repo.owner)?.has(login))
      candidates.push(this.orgBaseRole ?? undefined);
    const ranks = candidates.filter(Boolean).map(r => ROLES.indexOf(r!));
    return ranks.length ? ROLES[Math.max(...ranks)] : null;
  }

  #rateLimitHeaders(): Record<string, string> {
    const rl = this.rateLimit;
    rl.remaining = Math.max(0, rl.remaining - 1);
    rl.reset ||= Math.floor(Date.now() / 1000) + 3600;
    return {
      'x-ratelimit-limit': String(rl.limit),
      'x-ratelimit-remaining': String(rl.remaining),
      'x-ratelimit-used': String(rl.limit - rl.remaining),
      'x-ratelimit-reset': String(rl.reset),
      'x-ratelimit-resource': 'core',
    };
  }

  /** Requests made that change something (PUT, PATCH, POST, DELETE). */
  get writes() {
    return this.log.filter(l => l.method !== 'GET');
  }

  async #handle(
    req: http.IncomingMessage,
    raw: string,
  ): Promise<[number, unknown?, Record<string, string>?]> {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const body = raw ? JSON.parse(raw) : undefined;
    this.log.push({ method, path: `${url.pathname}${url.search}`, body });

    for (const [prefix, location] of this.redirects) {
      if (url.pathname.startsWith(prefix)) {
        const target = `${location}${url.pathname.slice(prefix.length)}${
          url.search
        }`;
        return [301, { message: 'Moved Permanently' }, { location: target }];
      }
    }
    const fault = takeFault(
      this.faults,
      method,
      url.pathname,
      this.#appliedWrites,
    );
    if (fault) {
      if (fault.delayMs) await new Promise(r => setTimeout(r, fault.delayMs));
      if (fault.passThrough) await this.#route(req, method, url, body);
      if (fault.status)
        return [
          fault.status,
          fault.body ?? { message: 'fault' },
          fault.headers,
        ];
    }
    return this.#route(req, method, url, body);
  }

  async #route(
    req: http.IncomingMessage,
    method: string,
    url: URL,
    body: any,
  ): Promise<FakeReply> {
    const reply = this.#answer(req, method, url, body);
    if (method !== 'GET' && reply[0] >= 200 && reply[0] < 300) {
      this.#appliedWrites++;
    }
    return reply;
  }

  #answer(
    req: http.IncomingMessage,
    method: string,
    url: URL,
    body: any,
  ): FakeReply {
    if (req.headers.authorization !== `token ${this.token}`) {
      return [
        401,
        {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
        },
      ];
    }
    const path = url.pathname.replace(/^\/api\/v3/, '');
    for (const route of this.routes) {
      const reply = route(method, path, url);
      if (reply) return reply;
    }
    return (
      repositoryRoute(this, method, path, url, body) ??
      orgRoute(this, method, path, url, body) ??
      runnerGroupRoute(this, method, path, url) ??
      notFound()
    );
  }

  /** One page of `items` as GitHub answers it, with a `Link` header to the next page. */
  page(
    url: URL,
    items: unknown[],
    key?: string,
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(
      Number(url.searchParams.get('per_page') ?? 30),
      this.maxPageSize,
    );
    const page = Number(url.searchParams.get('page') ?? 1);
    const reachable = Math.min(items.length, this.maxListResults);
    const slice = items.slice(
      (page - 1) * perPage,
      Math.min(page * perPage, reachable),
    );
    const headers: Record<string, string> = {};
    if (page * perPage < reachable) {
      const next = new URL(url.toString().replace('http://x', this.origin));
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    return [
      200,
      key ? { total_count: items.length, [key]: slice } : slice,
      headers,
    ];
  }
}
