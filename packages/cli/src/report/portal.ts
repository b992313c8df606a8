import {
  routeMatches,
  routeMethod,
  type ScaleReadinessRoute,
  type ScaleReadinessRouteResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { InputError } from '../errors';

/** Where and how the `report` command talks to a running portal. @public */
export interface PortalOptions {
  /** Base URL of the portal backend (`http://localhost:7007`) or of the plugin API. */
  backend: string;
  /** Backstage token sent as `Authorization: Bearer`. */
  token?: string;
  /** Name of the variable the token came from, for messages. */
  tokenEnv: string;
  fetch?: typeof fetch;
}

/** The plugin API base URL for a backend URL. */
export function apiBaseUrl(backend: string): string {
  let url: URL;
  try {
    url = new URL(backend);
  } catch {
    throw new InputError(`--backend: '${backend}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`--backend: '${backend}' must be an http(s) URL`);
  }
  const base = url.toString().replace(/\/+$/, '');
  return base.endsWith('/api/scale-readiness')
    ? base
    : `${base}/api/scale-readiness`;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body?.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return response.statusText || `HTTP ${response.status}`;
}

/**
 * GETs `<plugin API><path>` and returns the successful response. Every failure
 * (unreachable backend, 401/403/404, other statuses) throws an InputError
 * saying what to do; `notFound` names what was missing on 404.
 */
export async function portalGet(
  options: PortalOptions,
  path: string,
  accept: string,
  notFound: string,
): Promise<Response> {
  const url = `${apiBaseUrl(options.backend)}${path}`;
  const headers: Record<string, string> = { Accept: accept };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } })?.cause?.message;
    throw new InputError(
      `cannot reach ${url}: ${
        cause ?? (e instanceof Error ? e.message : String(e))
      }`,
    );
  }
  if (response.status === 401) {
    throw new InputError(
      options.token
        ? `the portal rejected the token in ${options.tokenEnv} (401 Unauthorized)`
        : `the portal requires a token (401 Unauthorized): set ${options.tokenEnv} to a Backstage token`,
    );
  }
  if (response.status === 403) {
    throw new InputError(
      `not allowed to read scale readiness (403 Forbidden): ${await errorMessage(
        response,
      )}`,
    );
  }
  if (response.status === 404) {
    throw new InputError(
      `${notFound} not found (404): ${await errorMessage(response)}`,
    );
  }
  if (!response.ok) {
    throw new InputError(
      `${url} answered ${response.status}: ${await errorMessage(response)}`,
    );
  }
  return response;
}

/**
 * GETs JSON from the plugin API (see {@link portalGet}). The body is typed by
 * the route of the backend's OpenAPI spec (`ScaleReadinessRoutes`), and the
 * path must be an instance of that route.
 */
export async function portalGetJson<K extends ScaleReadinessRoute>(
  options: PortalOptions,
  route: K,
  path: string,
  notFound: string,
): Promise<ScaleReadinessRouteResponse<K>> {
  if (!routeMatches(route, path) || routeMethod(route) !== 'GET') {
    throw new Error(`${path} is not a path of ${route}`);
  }
  const response = await portalGet(options, path, 'application/json', notFound);
  try {
    return (await response.json()) as ScaleReadinessRouteResponse<K>;
  } catch {
    throw new InputError(`${response.url || path} did not answer JSON`);
  }
}
