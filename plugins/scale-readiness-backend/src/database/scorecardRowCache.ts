/**
 * Parsed scorecard rows kept between team scorecard builds.
 *
 * A cold build of a large team's scorecard used to read and parse the `row`
 * JSON of every one of its results (2,000 rows: about half of the build).
 * After a pass only a few of them changed, so a build now reads the stamps
 * of the team's results (ref, result hash, write time: small columns) and
 * the `row` JSON only of those whose stamp is not the one cached. Every
 * write of a result sets a new `evaluated_at` (and a changed result a new
 * hash), so a row whose stamp matches is the stored row; the database is
 * read on every build, so another replica's writes are seen.
 */
import type { Knex } from 'knex';
import type { ScorecardRow } from '@scale-readiness/plugin-scale-readiness-common';
import { type DbResultsRow, TABLES } from './tables';
import { chunk, isPostgres, toDate, unique } from './util';

interface Cached {
  stamp: string;
  row: ScorecardRow;
  /** Length of the row's JSON: what the bound counts. */
  bytes: number;
}

/** Default bound: 16 MiB of row JSON (≈ 40 000 rows of a 2,000-team's size). */
export const DEFAULT_ROW_CACHE_BYTES = 16 * 1024 * 1024;

/** Code-point order, independent of database collation. */
function compareRefs(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function stampOf(hash: string, at: unknown): string {
  return `${hash}@${toDate(at).getTime()}`;
}

/** Rows by entity ref, least recently used first out past `maxBytes`. */
export class ScorecardRowCache {
  readonly #db: Knex;
  readonly #maxBytes: number;
  readonly #rows = new Map<string, Cached>();
  #bytes = 0;

  constructor(db: Knex, options: { maxBytes?: number } = {}) {
    this.#db = db;
    this.#maxBytes = options.maxBytes ?? DEFAULT_ROW_CACHE_BYTES;
  }

  /** Bytes of row JSON held. */
  get size(): number {
    return this.#bytes;
  }

  /**
   * The rows of every result owned by one of `ownerRefs`, sorted by ref, as
   * `getRowsByOwners` returns them; the objects may be shared with other
   * callers and must not be changed.
   */
  async rowsByOwners(ownerRefs: string[]): Promise<ScorecardRow[]> {
    const db = this.#db;
    const stamps: Array<{ ref: string; stamp: string }> = [];
    for (const owners of chunk(unique(ownerRefs))) {
      const found = await db<DbResultsRow>(TABLES.results)
        .whereIn('owner_ref', owners)
        .select('entity_ref', 'result_hash', 'evaluated_at');
      for (const r of found) {
        stamps.push({
          ref: r.entity_ref,
          stamp: stampOf(r.result_hash, r.evaluated_at),
        });
      }
    }
    stamps.sort((a, b) => compareRefs(a.ref, b.ref));
    const hits = new Map<string, Cached>();
    const missing: string[] = [];
    for (const { ref, stamp } of stamps) {
      const cached = this.#rows.get(ref);
      if (cached?.stamp === stamp) hits.set(ref, cached);
      else missing.push(ref);
    }
    // Rows read now, with the stamp they were read at: a result rewritten
    // between the two reads is served as read (the newer row).
    const read = new Map<string, Cached>();
    for (const refs of chunk(missing, isPostgres(db) ? 5000 : 500)) {
      const found = await db<DbResultsRow>(TABLES.results)
        .whereIn('entity_ref', refs)
        .select('entity_ref', 'row', 'result_hash', 'evaluated_at');
      for (const r of found) {
        read.set(r.entity_ref, {
          stamp: stampOf(r.result_hash, r.evaluated_at),
          row: JSON.parse(r.row),
          bytes: r.row.length,
        });
      }
    }
    const rows: ScorecardRow[] = [];
    for (const { ref } of stamps) {
      // Neither: deleted between the two reads, left out as a later read would.
      const entry = hits.get(ref) ?? read.get(ref);
      if (entry) rows.push(entry.row);
    }
    for (const [ref, entry] of hits) {
      this.#rows.delete(ref); // most recently used last
      this.#rows.set(ref, entry);
    }
    for (const [ref, entry] of read) this.#set(ref, entry);
    return rows;
  }

  #set(ref: string, entry: Cached) {
    const old = this.#rows.get(ref);
    if (old) {
      this.#rows.delete(ref);
      this.#bytes -= old.bytes;
    }
    if (entry.bytes > this.#maxBytes) return;
    this.#rows.set(ref, entry);
    this.#bytes += entry.bytes;
    for (const [k, e] of this.#rows) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#rows.delete(k);
      this.#bytes -= e.bytes;
    }
  }
}
