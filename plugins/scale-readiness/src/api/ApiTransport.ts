import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  ScaleReadinessRoute,
  ScaleReadinessRouteResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { serverError } from './errors';
import { routeInit, type RouteRequestInit } from './routeCall';
import type { ReviewExportFile } from './ScaleReadinessApi';

/** Headers of a call with a JSON body. */
export const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** What every client of the backend is built from. */
export interface ApiTransportOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * The one way the frontend clients talk to the backend: the base URL from
 * the discovery API, the call through the fetch API (which adds the user's
 * token), a non-2xx answer turned into a `ResponseError` carrying the
 * server's message ({@link serverError}), and calls of the routes of the
 * backend's OpenAPI spec typed by the route.
 * @internal
 */
export class ApiTransport {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: ApiTransportOptions) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** The response of a call of `path` (relative to the plugin's base URL). */
  async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('scale-readiness');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await serverError(response);
    }
    return response;
  }

  /**
   * The status and JSON body of a call; a 204, or a 202 (refresh accepted)
   * without a body, gives an `undefined` body.
   */
  async send<T>(
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; body: T }> {
    const response = await this.fetch(path, init);
    const text = await response.text();
    const empty = response.status === 204 || text.trim() === '';
    return {
      status: response.status,
      body: (empty ? undefined : JSON.parse(text)) as T,
    };
  }

  /** The JSON body of a call of a path outside the spec's typed routes. */
  async request<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.send<T>(path, init)).body;
  }

  /**
   * A call of a JSON route of the backend's OpenAPI spec: the response (and
   * a `json` request) body is typed by the route (`ScaleReadinessRoutes`),
   * and the path must be an instance of the route's template.
   */
  async call<K extends ScaleReadinessRoute>(
    route: K,
    path: string,
    init?: RouteRequestInit<K>,
  ): Promise<ScaleReadinessRouteResponse<K>> {
    return (await this.callWithStatus(route, path, init)).body;
  }

  /** {@link ApiTransport.call}, with the response's status (e.g. 200 or 201). */
  async callWithStatus<K extends ScaleReadinessRoute>(
    route: K,
    path: string,
    init?: RouteRequestInit<K>,
  ): Promise<{ status: number; body: ScaleReadinessRouteResponse<K> }> {
    return this.send(path, routeInit(route, path, init));
  }

  /**
   * A file download (an export): the name from `Content-Disposition`, else
   * `fallbackName`; the content type from the response, else `text/plain`.
   */
  async download(
    path: string,
    fallbackName: string,
  ): Promise<ReviewExportFile> {
    const response = await this.fetch(path);
    const disposition = response.headers.get('content-disposition') ?? '';
    return {
      filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName,
      contentType: response.headers.get('content-type') ?? 'text/plain',
      content: await response.text(),
    };
  }
}
