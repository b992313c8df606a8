import type {
  Rollup,
  TeamOverviewRow,
  TeamTimeToAccess,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ListTeamRollupsOptions } from '../database';
import {
  type CachedResponse,
  ResponseCache,
  serialiseResponse,
} from './ResponseCache';

/** A page of team rollups with the org rollup, before time to access. */
export interface RollupPage {
  total: number;
  org: Rollup;
  rows: TeamOverviewRow[];
}

/** What the overview cache reads through. */
export interface OverviewSource {
  /** The stored rollups' version; undefined before the first recompute. */
  rollupsVersion(): Promise<
    { token: string; growthFactor: number | null } | undefined
  >;
  /** A page of team rollups and the org rollup (read after the version). */
  readPage(
    query: Required<Pick<ListTeamRollupsOptions, 'offset' | 'limit'>> &
      ListTeamRollupsOptions,
  ): Promise<RollupPage>;
  /** Request → access time of the page's teams (none when not measured). */
  timeToAccess?(
    teamRefs: readonly string[],
  ): Promise<Map<string, TeamTimeToAccess>>;
}

/** Options of {@link OverviewCache}. */
export interface OverviewCacheOptions {
  /** Pages of rollups kept (one per sort, order, page and search). Default 64. */
  maxPages?: number;
  /** Bytes of serialised responses kept. Default 8 MiB. */
  maxBytes?: number;
}

interface PageEntry {
  version: string;
  page: Promise<RollupPage>;
}

/**
 * `GET /overview` served from memory while the stored rollups are unchanged.
 *
 * Every request reads the rollups' version from the database (one primary
 * key read: the token the last rollup write stored with the rows, by any
 * replica), then:
 * - the page of rollups (team rows and org rollup) is read once per sort,
 *   order, page, search and version, and kept (at most `maxPages`, least
 *   recently used first out);
 * - each team's request → access time is still read per request (it changes
 *   with access requests and with time, not with the rollups); the response
 *   is serialised once per page version and set of those figures, and
 *   served as cached bytes with a strong ETag (304 and reused compression).
 *
 * Nothing is cached before the first recompute, nor when the stored org
 * rollup was computed for another growth factor (the store then streams it
 * from the results).
 */
export class OverviewCache {
  readonly #source: OverviewSource;
  readonly #pages = new Map<string, PageEntry>();
  readonly #maxPages: number;
  readonly #responses: ResponseCache;

  constructor(source: OverviewSource, options: OverviewCacheOptions = {}) {
    this.#source = source;
    this.#maxPages = options.maxPages ?? 64;
    this.#responses = new ResponseCache({
      maxBytes: options.maxBytes ?? 8 * 1024 * 1024,
      maxAgeMs: Number.MAX_SAFE_INTEGER,
    });
  }

  /** The overview page for `query` as serialised JSON with its ETag. */
  async get(
    query: ListTeamRollupsOptions,
    growthFactor: number,
  ): Promise<CachedResponse> {
    const q = {
      ...query,
      offset: query.offset ?? 0,
      limit: query.limit ?? 50,
    };
    const stored = await this.#source.rollupsVersion();
    const cacheable =
      stored !== undefined && stored.growthFactor === growthFactor;
    const key = JSON.stringify([q.sort, q.order, q.offset, q.limit, q.q]);
    const version = cacheable ? `${stored.token}|${growthFactor}` : '';
    const page = cacheable
      ? await this.#page(key, version, q)
      : await this.#source.readPage(q);
    const times =
      this.#source.timeToAccess && page.rows.length > 0
        ? await this.#source.timeToAccess(page.rows.map(r => r.teamRef))
        : undefined;
    const body = () => ({
      growthFactor,
      total: page.total,
      offset: q.offset,
      limit: q.limit,
      org: page.org,
      teams: withTimeToAccess(page.rows, times),
    });
    if (!cacheable) return serialiseResponse(body());
    const figures = times
      ? JSON.stringify(page.rows.map(r => figuresOf(times.get(r.teamRef))))
      : '';
    return this.#responses.getOrBuild(key, `${version}|${figures}`, async () =>
      body(),
    );
  }

  /** The page of rollups at `version`, read once (concurrent readers share it). */
  #page(
    key: string,
    version: string,
    query: Parameters<OverviewSource['readPage']>[0],
  ): Promise<RollupPage> {
    const hit = this.#pages.get(key);
    this.#pages.delete(key);
    if (hit && hit.version === version) {
      this.#pages.set(key, hit); // most recently used last
      return hit.page;
    }
    const entry: PageEntry = { version, page: this.#source.readPage(query) };
    this.#pages.set(key, entry);
    entry.page.catch(() => {
      if (this.#pages.get(key) === entry) this.#pages.delete(key);
    });
    for (const k of this.#pages.keys()) {
      if (this.#pages.size <= this.#maxPages) break;
      this.#pages.delete(k);
    }
    return entry.page;
  }
}

/** The figures of a team's time to access the overview shows. */
function figuresOf(t: TeamTimeToAccess | undefined) {
  if (!t) return undefined;
  const { windowDays, targetHours, samples, p50Hours, p90Hours, pending } = t;
  return { windowDays, targetHours, samples, p50Hours, p90Hours, pending };
}

/** Adds each team's request → access figures to a page of the overview. */
export function withTimeToAccess(
  rows: TeamOverviewRow[],
  times: Map<string, TeamTimeToAccess> | undefined,
): TeamOverviewRow[] {
  if (!times) return rows;
  return rows.map(row => {
    const figures = figuresOf(times.get(row.teamRef));
    return figures ? { ...row, timeToAccess: figures } : row;
  });
}
