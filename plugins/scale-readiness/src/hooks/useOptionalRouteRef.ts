import {
  useRouteRef,
  type AnyParams,
  type RouteFunc,
  type RouteRef,
  type SubRouteRef,
} from '@backstage/core-plugin-api';

/**
 * Like `useRouteRef`, but returns undefined instead of throwing when the route
 * is not mounted in the app (e.g. the plugin page is not installed).
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
