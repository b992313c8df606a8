/**
 * Lists the routes a running test backend serves under a plugin's base path,
 * read from the Express router stack itself, so a test over "every route"
 * covers a route added tomorrow without anyone remembering to list it.
 */
import type { Server } from 'node:http';

/** One route: method (lower case) and Express path with `:params`. */
export interface ListedRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): boolean;
}

function walk(
  stack: Layer[],
  probe: string,
  inside: boolean,
  out: ListedRoute[],
) {
  for (const layer of stack) {
    if (layer.route) {
      if (!inside) continue;
      const paths = [layer.route.path].flat();
      for (const method of Object.keys(layer.route.methods)) {
        for (const path of paths) out.push({ method, path });
      }
    } else if (layer.handle?.stack && layer.match(probe)) {
      // a router mounted at the plugin's base path (not at '/')
      const mountsPlugin = !inside && !layer.match('/');
      walk(layer.handle.stack, probe, inside || mountsPlugin, out);
    }
  }
}

/** Routes served under `basePath` (e.g. `/api/scale-readiness`), de-duplicated. */
export function listRoutes(server: Server, basePath: string): ListedRoute[] {
  const app = server.listeners('request')[0] as unknown as {
    _router?: { stack: Layer[] };
  };
  if (!app?._router) throw new Error('The server is not an Express app');
  const out: ListedRoute[] = [];
  walk(app._router.stack, `${basePath}/__probe__`, false, out);
  const seen = new Set<string>();
  return out.filter(r => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
