import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CustomResourceMatcher,
  ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';
import { KubernetesApiError } from './KubernetesApiError';

/** Header naming the target cluster of a Kubernetes proxy call. */
export const HEADER_KUBERNETES_CLUSTER = 'Backstage-Kubernetes-Cluster';

/** The id of the Backstage Kubernetes backend plugin. */
const KUBERNETES_PLUGIN_ID = 'kubernetes';

/** Upper bound on pages of one list, against a server that never ends it. */
const MAX_PAGES = 1000;

/** A list read through the proxy: every page's items and the list kind. */
export interface KubernetesList {
  kind?: string;
  resourceVersion?: string;
  items: Array<Record<string, unknown>>;
}

/** Options of {@link KubernetesBackendClient}. */
export interface KubernetesBackendClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Timeout of one HTTP call in milliseconds. */
  timeoutMs: number;
  /** `limit` of proxied list calls. */
  pageSize: number;
  /** Injected for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Talks to the Backstage Kubernetes backend (`/api/kubernetes`) with the
 * module's own service credentials: its entity queries
 * (`/resources/workloads/query`, `/resources/custom/query`), its cluster list
 * (`/clusters`) and its proxy (`/proxy/...` with the
 * `Backstage-Kubernetes-Cluster` header) for objects the entity queries cannot
 * return (cluster-scoped NodePools, the cluster-autoscaler status ConfigMap,
 * namespace-wide PodDisruptionBudgets).
 *
 * Cluster URLs, credentials and the service locator stay in the Kubernetes
 * backend; this client never talks to an API server directly.
 */
export class KubernetesBackendClient {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  readonly #fetch: typeof fetch;

  constructor(options: KubernetesBackendClientOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs;
    this.#pageSize = options.pageSize;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Names of the clusters the Kubernetes backend knows (`GET /clusters`). */
  async listClusters(): Promise<string[]> {
    const body = (await this.#json('GET', '/clusters')) as {
      items?: Array<{ name?: unknown }>;
    };
    return (body.items ?? [])
      .map(c => c.name)
      .filter((n): n is string => typeof n === 'string' && n !== '');
  }

  /** The entity's workloads in every cluster (`POST /resources/workloads/query`). */
  async queryWorkloads(entityRef: string): Promise<ObjectsByEntityResponse> {
    return (await this.#json('POST', '/resources/workloads/query', {
      entityRef,
    })) as ObjectsByEntityResponse;
  }

  /** The entity's custom resources in every cluster (`POST /resources/custom/query`). */
  async queryCustomResources(
    entityRef: string,
    customResources: CustomResourceMatcher[],
  ): Promise<ObjectsByEntityResponse> {
    return (await this.#json('POST', '/resources/custom/query', {
      entityRef,
      customResources,
    })) as ObjectsByEntityResponse;
  }

  /**
   * Reads one object through the proxy (`path` is an API server path such as
   * `/api/v1/namespaces/kube-system/configmaps/x`). Resolves undefined when
   * the API server answers 404 with a Kubernetes `Status` (the object or its
   * resource type does not exist); throws {@link KubernetesApiError} otherwise.
   */
  async proxyGet(
    cluster: string,
    path: string,
  ): Promise<Record<string, unknown> | undefined> {
    const response = await this.#proxy(cluster, path);
    if (response.ok) return (await response.json()) as Record<string, unknown>;
    const error = await KubernetesApiError.fromResponse(
      response,
      cluster,
      path,
    );
    if (error.isNotFound) return undefined;
    throw error;
  }

  /**
   * Lists a collection through the proxy page by page (`limit` and
   * `continue`). A `410 Gone` on a continue token (the list expired between
   * pages) restarts the list once from the beginning. Resolves undefined on a
   * Kubernetes 404 (the resource type is not served, e.g. the CRD is absent).
   */
  async proxyList(
    cluster: string,
    path: string,
  ): Promise<KubernetesList | undefined> {
    let items: Array<Record<string, unknown>> = [];
    let continueToken: string | undefined;
    let restarted = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(this.#pageSize) });
      if (continueToken) query.set('continue', continueToken);
      const response = await this.#proxy(cluster, `${path}?${query}`);
      if (!response.ok) {
        const error = await KubernetesApiError.fromResponse(
          response,
          cluster,
          path,
        );
        if (error.status === 410 && continueToken && !restarted) {
          restarted = true;
          items = [];
          continueToken = undefined;
          continue;
        }
        if (error.isNotFound) return undefined;
        throw error;
      }
      const body = (await response.json()) as {
        kind?: string;
        metadata?: { continue?: string; resourceVersion?: string };
        items?: Array<Record<string, unknown>>;
      };
      items.push(...(body.items ?? []));
      continueToken = body.metadata?.continue || undefined;
      if (!continueToken) {
        return {
          kind: body.kind,
          resourceVersion: body.metadata?.resourceVersion,
          items,
        };
      }
    }
    throw new KubernetesApiError({
      cluster,
      path,
      status: 0,
      message: `more than ${MAX_PAGES} pages`,
    });
  }

  async #token(): Promise<string> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: KUBERNETES_PLUGIN_ID,
    });
    return token;
  }

  async #baseUrl(): Promise<string> {
    return this.#discovery.getBaseUrl(KUBERNETES_PLUGIN_ID);
  }

  async #proxy(cluster: string, pathAndQuery: string): Promise<Response> {
    const url = `${await this.#baseUrl()}/proxy${pathAndQuery}`;
    try {
      return await this.#fetch(url, {
        method: 'GET',
        headers: {
          Authorization: `Bearer ${await this.#token()}`,
          Accept: 'application/json',
          [HEADER_KUBERNETES_CLUSTER]: cluster,
        },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (e) {
      throw new KubernetesApiError({
        cluster,
        path: pathAndQuery.split('?')[0],
        status: 0,
        message: `Kubernetes backend unreachable: ${
          e instanceof Error ? e.message : String(e)
        }`,
      });
    }
  }

  async #json(method: 'GET' | 'POST', path: string, body?: unknown) {
    const url = `${await this.#baseUrl()}${path}`;
    const response = await this.#fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${await this.#token()}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
