import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Largest number of values bound in one IN list. SQLite builds older than
 * 3.32 allow at most 999 variables per statement; 500 leaves room for the rest.
 */
export const IN_CHUNK_SIZE = 500;

/** Bound variables per multi-row INSERT (under SQLite's historic 999 limit). */
const MAX_INSERT_VARIABLES = 900;

/**
 * Bound variables per multi-row INSERT on PostgreSQL (the protocol allows
 * 65535); fewer, larger statements are much faster than many small ones.
 */
const MAX_INSERT_VARIABLES_PG = 20_000;

/** Whether `db` talks to PostgreSQL. */
export function isPostgres(db: Knex): boolean {
  const client = (db.client as { config?: { client?: unknown } }).config
    ?.client;
  const name = typeof client === 'string' ? client : '';
  return /^(pg|postgres|postgresql)$/.test(name);
}

/** The bound-variable budget of one multi-row INSERT on `db`. */
export function insertVariables(db: Knex): number {
  return isPostgres(db) ? MAX_INSERT_VARIABLES_PG : MAX_INSERT_VARIABLES;
}

/** Splits `items` into chunks of at most `size` (never yields an empty chunk). */
export function chunk<T>(items: readonly T[], size = IN_CHUNK_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`Invalid chunk size ${size}`);
  }
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * Chunks rows for a multi-row INSERT so that rows × columns stays within
 * `maxVariables` (default: SQLite's historic limit; see `insertVariables`).
 */
export function insertChunks<T extends object>(
  rows: readonly T[],
  maxVariables = MAX_INSERT_VARIABLES,
): T[][] {
  if (rows.length === 0) {
    return [];
  }
  const columns = Math.max(1, Object.keys(rows[0]).length);
  return chunk(rows, Math.max(1, Math.floor(maxVariables / columns)));
}

/** Distinct values, keeping first occurrence order. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/**
 * Reads a timestamp column: PostgreSQL returns Date, SQLite returns the epoch
 * milliseconds knex wrote (or a string for values written by SQL defaults).
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return new Date(Number(value));
  }
  if (typeof value === 'string') {
    return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  }
  throw new Error(`Invalid timestamp value ${String(value)}`);
}

/** Like `toDate`, but null stays null. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** Reads a boolean column (SQLite returns 0/1). */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Reads a numeric column (aggregates may come back as strings on PostgreSQL). */
export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A finite number or null (NaN and ±Infinity are stored as null). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** JSON with object keys sorted, so equal values serialise identically. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) {
        out[key] = sortKeys(v);
      }
    }
    return out;
  }
  return value;
}

/** SHA-256 (hex) of the stable serialisation of `value`. */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/**
 * SHA-1 (base64url) of a string that is already a deterministic serialisation
 * (e.g. `JSON.stringify` of a value built by the same code from the same
 * input): native hashing, no second serialisation. Not for security.
 */
export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, m => `\\${m}`);
}

/** Keeps the last row per key, in first-seen key order. */
export function lastByKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const map = new Map<string, T>();
  for (const row of rows) {
    map.set(key(row), row);
  }
  return [...map.values()];
}
