/**
 * A local HTTP server speaking enough of the Kubernetes API for the real
 * Backstage Kubernetes backend and its proxy: several clusters under
 * `/clusters/<name>`, real resource paths (`/api/v1/...`, `/apis/<group>/<version>/...`,
 * namespaced and cluster-scoped), lists with `kind: …List`,
 * `metadata.resourceVersion`, `limit`/`continue` paging (410 Expired for a
 * stale token), label selectors, bearer-token auth (401), forbidden
 * resources (403) and `Status` objects for errors (404 for unknown resources,
 * absent CRDs and missing objects).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  apiVersionOf,
  type Obj,
  type ResourceType,
  status,
  TYPES,
  typeOfObject,
} from './fakeResourceTypes';
import { compileLabelSelector } from './labelSelector';

/** Options of one fake cluster. */
export interface FakeClusterOptions {
  /** Bearer token the cluster accepts. */
  token: string;
  /** Installed CRDs. */
  crds?: Array<'keda' | 'karpenter'>;
}

/** One cluster's objects and behaviour. */
export class FakeCluster {
  readonly name: string;
  readonly options: FakeClusterOptions;
  /** `METHOD path?query` of every request received. */
  readonly requests: string[] = [];
  /** `STATUS METHOD path?query` of every response sent. */
  readonly responses: string[] = [];
  /** Called after a list page was served (tests change objects between pages here). */
  onListPage?: (plural: string, page: number) => void;
  #objects = new Map<string, Obj>();
  #rv = 100;
  #forbidden = new Set<string>();

  constructor(name: string, options: FakeClusterOptions) {
    this.name = name;
    this.options = options;
  }

  /** Adds or replaces objects (each with apiVersion, kind, metadata.name). */
  apply(...objects: Obj[]): this {
    for (const obj of objects) {
      const t = typeOfObject(obj);
      const ns = t.namespaced ? obj.metadata.namespace ?? 'default' : undefined;
      this.#rv++;
      const stored = structuredClone(obj);
      stored.metadata = {
        ...stored.metadata,
        ...(ns ? { namespace: ns } : {}),
        uid: `uid-${this.name}-${t.plural}-${ns ?? ''}-${obj.metadata.name}`,
        resourceVersion: String(this.#rv),
        creationTimestamp: '2026-11-01T00:00:00Z',
      };
      this.#objects.set(this.#key(t, ns, obj.metadata.name), stored);
    }
    return this;
  }

  /** Deletes an object. */
  remove(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): this {
    const t = typeOfObject({ apiVersion, kind });
    this.#rv++;
    this.#objects.delete(
      this.#key(t, t.namespaced ? namespace ?? 'default' : undefined, name),
    );
    return this;
  }

  /** Answers 403 to every request on this resource (`plural.group`, `plural` for core). */
  forbid(resource: string): this {
    this.#forbidden.add(resource);
    return this;
  }

  #key(t: ResourceType, ns: string | undefined, name: string) {
    return `${t.group}/${t.plural}/${ns ?? ''}/${name}`;
  }

  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    auth?: string,
  ): [number, Obj] {
    const request = `${method} ${path}${query.size ? `?${query}` : ''}`;
    this.requests.push(request);
    const [code, body] = this.#handle(method, path, query, auth);
    this.responses.push(`${code} ${request}`);
    return [code, body];
  }

  #handle(
    method: string,
    path: string,
    query: URLSearchParams,
    auth?: string,
  ): [number, Obj] {
    if (auth !== `Bearer ${this.options.token}`) {
      return [401, status(401, 'Unauthorized', 'Unauthorized')];
    }
    const parts = path.split('/').filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else {
      return [
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      ];
    }
    let ns: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      ns = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name] = rest;
    const t = TYPES.find(
      x => x.group === group && x.version === version && x.plural === plural,
    );
    const served = t && (!t.crd || (this.options.crds ?? []).includes(t.crd));
    if (
      !t ||
      !served ||
      (ns && !t.namespaced) ||
      rest.length > 2 ||
      method !== 'GET'
    ) {
      return [
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      ];
    }
    const resource = t.group ? `${t.plural}.${t.group}` : t.plural;
    if (this.#forbidden.has(resource)) {
      const verb = name ? 'get' : 'list';
      const scope = ns ? `in the namespace "${ns}"` : 'at the cluster scope';
      return [
        403,
        status(
          403,
          'Forbidden',
          `${resource} is forbidden: User "system:serviceaccount:backstage:reader" cannot ${verb} resource "${t.plural}" in API group "${t.group}" ${scope}`,
          { group: t.group, kind: t.plural },
        ),
      ];
    }
    if (name) {
      const obj = this.#objects.get(this.#key(t, ns, name));
      if (!obj) {
        return [
          404,
          status(404, 'NotFound', `${resource} "${name}" not found`, {
            name,
            group: t.group,
            kind: t.plural,
          }),
        ];
      }
      return [200, obj];
    }
    return this.#list(t, ns, query);
  }

  #list(
    t: ResourceType,
    ns: string | undefined,
    query: URLSearchParams,
  ): [number, Obj] {
    let matches: (labels: Record<string, string>) => boolean;
    try {
      matches = compileLabelSelector(query.get('labelSelector'));
    } catch (e) {
      return [
        400,
        status(400, 'BadRequest', `unable to parse requirement: ${e}`),
      ];
    }
    const all = [...this.#objects.entries()]
      .filter(([key]) => key.startsWith(`${t.group}/${t.plural}/`))
      .map(([, obj]) => obj)
      .filter(obj => !ns || obj.metadata.namespace === ns)
      .filter(obj => matches(obj.metadata.labels ?? {}))
      .sort((a, b) =>
        `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
        ),
      );
    const listRv = String(this.#rv);
    let offset = 0;
    const token = query.get('continue');
    if (token) {
      let parsed: { rv: string; offset: number };
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        return [400, status(400, 'BadRequest', 'continue key is not valid')];
      }
      if (parsed.rv !== listRv) {
        return [
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          ),
        ];
      }
      offset = parsed.offset;
    }
    const limit = Number(query.get('limit') ?? 0);
    const page =
      limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const next = offset + page.length;
    const metadata: Obj = { resourceVersion: listRv };
    if (limit > 0 && next < all.length) {
      metadata.continue = Buffer.from(
        JSON.stringify({ rv: listRv, offset: next }),
      ).toString('base64url');
      metadata.remainingItemCount = all.length - next;
    }
    const items = page.map(obj => {
      if (t.crd) return obj;
      const { apiVersion: _a, kind: _k, ...rest } = obj;
      return rest;
    });
    const body = {
      kind: `${t.kind}List`,
      apiVersion: apiVersionOf(t),
      metadata,
      items,
    };
    this.onListPage?.(t.plural, Math.floor(offset / Math.max(1, limit)));
    return [200, body];
  }
}

/** The server hosting every fake cluster. */
export class FakeKubernetesApi {
  readonly #server: http.Server;
  readonly #clusters = new Map<string, FakeCluster>();

  private constructor() {
    this.#server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
      const cluster = match && this.#clusters.get(match[1]);
      const [code, body] = cluster
        ? cluster.handle(
            req.method ?? 'GET',
            match[2] ?? '/',
            url.searchParams,
            req.headers.authorization,
          )
        : [404, status(404, 'NotFound', 'no such cluster')];
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  static async start(): Promise<FakeKubernetesApi> {
    const api = new FakeKubernetesApi();
    await new Promise<void>(resolve =>
      api.#server.listen(0, '127.0.0.1', resolve),
    );
    return api;
  }

  /** Creates (or returns) a cluster. */
  cluster(name: string, options?: FakeClusterOptions): FakeCluster {
    let cluster = this.#clusters.get(name);
    if (!cluster) {
      cluster = new FakeCluster(name, options ?? { token: `${name}-token` });
      this.#clusters.set(name, cluster);
    }
    return cluster;
  }

  /** API server URL of a cluster (the prefix is kept by the Kubernetes backend). */
  urlFor(name: string): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/clusters/${name}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }
}

/** A local port nothing listens on (for an unreachable cluster). */
export async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}
