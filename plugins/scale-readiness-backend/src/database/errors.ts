/**
 * Database error helpers shared by every store (results, grants, reviews,
 * waivers, notifications), so each rule is written once.
 */

/** Whether a database error is a unique or primary-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    e?.code === '23505' ||
    /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(String(e?.code)) ||
    /unique constraint|duplicate key/i.test(String(e?.message))
  );
}
