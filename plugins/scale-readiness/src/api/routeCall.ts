import {
  routeMatches,
  routeMethod,
  type ScaleReadinessRoute,
  type ScaleReadinessRouteRequest,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Fetch options of a typed call: `json` is the route's request body. */
export type RouteRequestInit<K extends ScaleReadinessRoute> = RequestInit & {
  json?: ScaleReadinessRouteRequest<K>;
};

/**
 * The fetch options of a call of a route of the backend's OpenAPI spec
 * (`ScaleReadinessRoutes`): the path must be an instance of the route's
 * template and the method the route's, and a `json` body is serialised.
 * Throws on a mismatch (a programming error, caught by the client tests).
 */
export function routeInit<K extends ScaleReadinessRoute>(
  route: K,
  path: string,
  init: RouteRequestInit<K> = {},
): RequestInit {
  if (!routeMatches(route, path)) {
    throw new Error(`${path} is not a path of ${route}`);
  }
  const method = init.method ?? 'GET';
  if (method !== routeMethod(route)) {
    throw new Error(`${route} called with ${method}`);
  }
  const { json, ...rest } = init;
  return json === undefined ? rest : { ...rest, body: JSON.stringify(json) };
}
