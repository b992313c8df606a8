/**
 * The synthetic catalog of `scripts/bench`, served by another process over
 * HTTP as in production (issue 18, item 4), or in-process (`--catalog
 * in-process`, the indexed InProcessCatalog).
 *
 * The child (`node -r sucrase/register scripts/bench-catalog.ts '<json>'`)
 * builds the catalog and answers the Backstage catalog REST API routes the
 * plugin's CatalogClient calls, in their wire format:
 * `GET /api/catalog/entities/by-query` (filter, fields, limit, cursor,
 * totalItems/pageInfo), `GET /api/catalog/entities` (filter, fields, limit,
 * offset), `POST /api/catalog/entities/by-refs` and
 * `GET /api/catalog/entities/by-name/:kind/:namespace/:name`; plus
 * `/bench/toggle-runbooks` and `/bench/stats` for the benchmark itself.
 */
import { CatalogClient } from '@backstage/catalog-client';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSyntheticCatalog } from '../plugins/scale-readiness-backend/src/__fixtures__/syntheticCatalog';
import { InProcessCatalog } from '../plugins/scale-readiness-backend/src/__testUtils__/InProcessCatalog';
import { matchesFilter, project } from './bench-catalog-query';
import { reownTeam, type Team2k } from './bench-team';

/** How the synthetic catalog is built. */
export interface BenchCatalogOptions {
  components: number;
  groups?: number;
  manifestsRoot: string;
  /** Give every entity an etag that changes with it, like the catalog. */
  etags?: boolean;
  /** Re-own components so one team owns this many (see bench-team.ts). */
  teamComponents?: number;
  /**
   * Size of every API's OpenAPI definition in KB, like real API entities
   * (default: `BENCH_CATALOG_API_DEFINITION_KB`, else the synthetic one-line
   * stub).
   */
  apiDefinitionKb?: number;
}

/** Requests served and the serving process's memory. */
export interface BenchCatalogStats {
  pages: number;
  byRefsCalls: number;
  entitiesServed: number;
  /** Bytes of catalog API response bodies (http mode). */
  bytesServed?: number;
  /** Peak RSS of the process holding the catalog (MB). */
  peakRssMb?: number;
  /** CPU time of the catalog process so far (http mode). */
  cpuMs?: number;
}

/** The catalog a bench scores, wherever it lives. */
export interface BenchCatalog {
  mode: 'http' | 'in-process';
  /** Base URL of the catalog process (http mode). */
  url?: string;
  service: CatalogService;
  size: number;
  counts: Record<string, number>;
  componentRefs: string[];
  groupRefs: string[];
  team2k?: Team2k;
  /** Toggles the runbook annotation of `refs` (a change of their facts). */
  toggleRunbooks(refs: string[]): Promise<void>;
  stats(): Promise<BenchCatalogStats>;
  stop(): Promise<void>;
}

/** Sets `metadata.etag` to a hash of the entity, like the catalog's stitcher. */
export function withEtag(entity: Entity): Entity {
  const { etag: _old, ...metadata } = entity.metadata;
  entity.metadata.etag = createHash('sha1')
    .update(JSON.stringify({ ...entity, metadata }))
    .digest('hex');
  return entity;
}

function build(options: BenchCatalogOptions) {
  const synthetic = buildSyntheticCatalog({
    components: options.components,
    groups: options.groups,
    manifestsRoot: options.manifestsRoot,
  });
  const team2k = options.teamComponents
    ? reownTeam(
        synthetic.entities,
        synthetic.groupRefs.length,
        options.teamComponents,
      )
    : undefined;
  const kb =
    options.apiDefinitionKb ??
    Number(process.env.BENCH_CATALOG_API_DEFINITION_KB ?? 0);
  if (kb > 0) padApiDefinitions(synthetic.entities, kb);
  if (options.etags) synthetic.entities.forEach(withEtag);
  return { synthetic, team2k };
}

/** Gives every API an OpenAPI definition of about `kb` KB (one path per line pair). */
function padApiDefinitions(entities: Entity[], kb: number) {
  for (const entity of entities) {
    if (entity.kind !== 'API') continue;
    const name = entity.metadata.name;
    const lines = [
      'openapi: 3.0.0',
      `info: { title: ${name}, version: 1.0.0 }`,
      'paths:',
    ];
    let size = 0;
    for (let i = 0; size < kb * 1024; i++) {
      const path = `  /${name}/items/${i}:\n    get: { summary: Reads item ${i} of ${name} }`;
      lines.push(path);
      size += path.length + 1;
    }
    (entity.spec as { definition: string }).definition = lines.join('\n');
  }
}

function toggleRunbook(entity: Entity, etags: boolean): Entity {
  const copy = structuredClone(entity);
  const annotations = { ...copy.metadata.annotations };
  const key = 'scale-readiness.io/runbook';
  if (annotations[key]) delete annotations[key];
  else
    annotations[
      key
    ] = `https://runbooks.example.com/new/${entity.metadata.name}`;
  copy.metadata.annotations = annotations;
  return etags ? withEtag(copy) : copy;
}

/** The catalog in this process (the benchmark's old setup). */
export function inProcessCatalog(options: BenchCatalogOptions): BenchCatalog {
  const { synthetic, team2k } = build(options);
  const catalog = new InProcessCatalog(synthetic.entities);
  return {
    mode: 'in-process',
    service: catalog.service,
    size: catalog.size,
    counts: synthetic.counts,
    componentRefs: synthetic.componentRefs,
    groupRefs: synthetic.groupRefs,
    team2k,
    async toggleRunbooks(refs) {
      for (const ref of refs)
        catalog.put(toggleRunbook(catalog.get(ref)!, !!options.etags));
    },
    async stats() {
      return { ...catalog.stats };
    },
    async stop() {},
  };
}

/**
 * A CatalogService over Backstage's CatalogClient (what the default
 * `catalogServiceRef` factory wraps), without minting tokens: the bench
 * catalog does not authenticate.
 */
export function catalogServiceAt(baseUrl: string): CatalogService {
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${baseUrl}/api/catalog` },
  });
  return new Proxy({} as CatalogService, {
    get: (_t, prop) => {
      if (prop === 'then') return undefined;
      const method = (client as any)[prop];
      if (typeof method !== 'function') return method;
      return (request: unknown) => method.call(client, request, {});
    },
  });
}

/** Starts the catalog in a child process and connects a CatalogClient to it. */
export async function startCatalogProcess(
  options: BenchCatalogOptions,
): Promise<BenchCatalog> {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${process.env.BENCH_CATALOG_HEAP_MB ?? 4096}`,
      '-r',
      'sucrase/register',
      __filename,
      JSON.stringify(options),
    ],
    // the child exits when its stdin closes, i.e. when this process ends
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<any>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', chunk => {
      out += String(chunk);
      const line = out.split('\n').find(l => l.startsWith('BENCH_CATALOG '));
      if (line && out.slice(out.indexOf(line)).includes('\n'))
        resolve(JSON.parse(line.slice('BENCH_CATALOG '.length)));
    });
    child.on('error', reject);
    child.on('exit', code => reject(new Error(`catalog exited with ${code}`)));
  });
  const baseUrl = `http://127.0.0.1:${ready.port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    mode: 'http',
    url: baseUrl,
    service: catalogServiceAt(baseUrl),
    size: ready.size,
    counts: ready.counts,
    componentRefs: ready.componentRefs,
    groupRefs: ready.groupRefs,
    team2k: ready.team2k,
    async toggleRunbooks(refs) {
      await post('/bench/toggle-runbooks', { refs });
    },
    async stats() {
      return (await fetch(`${baseUrl}/bench/stats`)).json();
    },
    async stop() {
      child.removeAllListeners('exit');
      child.stdin!.end();
    },
  };
}

function serve(options: BenchCatalogOptions) {
  const { synthetic, team2k } = build(options);
  const byRef = new Map<string, Entity>();
  for (const e of synthetic.entities) byRef.set(stringifyEntityRef(e), e);
  synthetic.entities.length = 0;
  const stats: BenchCatalogStats = {
    pages: 0,
    byRefsCalls: 0,
    entitiesServed: 0,
    bytesServed: 0,
  };
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  setInterval(sample, 50).unref();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    if (res.req.url?.startsWith('/api/catalog/')) {
      stats.bytesServed! += Buffer.byteLength(text);
    }
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  // matching refs per stream, so that a cursor is an index into a list
  const lists = new Map<string, string[]>();
  let listIds = 0;
  const startList = (filters: string[]) => {
    const refs: string[] = [];
    for (const [ref, e] of byRef) if (matchesFilter(e, filters)) refs.push(ref);
    const id = String(++listIds);
    lists.set(id, refs);
    if (lists.size > 50) lists.delete(lists.keys().next().value!);
    return id;
  };
  const page = (
    id: string,
    fields: string[],
    offset: number,
    limit: number,
  ) => {
    const refs = lists.get(id);
    if (!refs) throw new Error(`unknown cursor list ${id}`);
    const items = refs.slice(offset, offset + limit).flatMap(ref => {
      const e = byRef.get(ref);
      return e ? [project(e, fields)] : [];
    });
    stats.pages++;
    stats.entitiesServed += items.length;
    return { items, more: offset + limit < refs.length, total: refs.length };
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<any>((resolve, reject) => {
      let text = '';
      req.on('data', c => {
        text += c;
      });
      req.on('end', () => resolve(text ? JSON.parse(text) : {}));
      req.on('error', reject);
    });

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url!, 'http://catalog');
      const q = url.searchParams;
      const fields = q
        .getAll('fields')
        .flatMap(f => f.split(','))
        .filter(Boolean);
      const path = url.pathname;
      if (path === '/api/catalog/entities/by-query') {
        const cursor = q.get('cursor');
        const state: { l: string; o: number } = cursor
          ? JSON.parse(Buffer.from(cursor, 'base64').toString())
          : {
              l: startList(q.getAll('filter')),
              o: Number(q.get('offset') ?? 0),
            };
        const limit = Number(q.get('limit') ?? 500);
        const { items, more, total } = page(state.l, fields, state.o, limit);
        const next = Buffer.from(
          JSON.stringify({ l: state.l, o: state.o + limit }),
        ).toString('base64');
        send(res, 200, {
          items,
          ...(q.get('totalItems') !== 'exclude' && { totalItems: total }),
          pageInfo: more ? { nextCursor: next } : {},
        });
      } else if (path === '/api/catalog/entities') {
        const limit = Number(q.get('limit') ?? Infinity);
        const offset = Number(q.get('offset') ?? 0);
        const list = startList(q.getAll('filter'));
        send(res, 200, page(list, fields, offset, limit).items);
        lists.delete(list);
      } else if (
        path === '/api/catalog/entities/by-refs' &&
        req.method === 'POST'
      ) {
        const body = await readBody(req);
        const f: string[] = body.fields ?? fields;
        stats.byRefsCalls++;
        const filters = q.getAll('filter');
        const items = (body.entityRefs as string[]).map(ref => {
          const e = byRef.get(ref.toLowerCase()) ?? byRef.get(ref);
          return e && matchesFilter(e, filters) ? project(e, f) : null;
        });
        stats.entitiesServed += items.length;
        send(res, 200, { items });
      } else if (path.startsWith('/api/catalog/entities/by-name/')) {
        const [kind, ns, name] = path
          .split('/')
          .slice(5)
          .map(decodeURIComponent);
        const e = byRef.get(`${kind}:${ns}/${name}`.toLowerCase());
        if (e) send(res, 200, e);
        else
          send(res, 404, {
            error: { name: 'NotFoundError', message: 'not found' },
          });
      } else if (path === '/bench/toggle-runbooks') {
        const { refs } = await readBody(req);
        for (const ref of refs as string[])
          byRef.set(ref, toggleRunbook(byRef.get(ref)!, !!options.etags));
        send(res, 200, { changed: refs.length });
      } else if (path === '/bench/stats') {
        sample();
        const cpu = process.cpuUsage();
        send(res, 200, {
          ...stats,
          peakRssMb: Math.round(peakRss / 1048576),
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        });
      } else {
        send(res, 404, { error: { name: 'NotFoundError', message: path } });
      }
    } catch (error) {
      send(res, 500, { error: { name: 'Error', message: String(error) } });
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(
      `BENCH_CATALOG ${JSON.stringify({
        port,
        size: byRef.size,
        counts: synthetic.counts,
        componentRefs: synthetic.componentRefs,
        groupRefs: synthetic.groupRefs,
        team2k,
      })}\n`,
    );
  });
}

if (require.main === module) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  serve(JSON.parse(process.argv[2]));
}
