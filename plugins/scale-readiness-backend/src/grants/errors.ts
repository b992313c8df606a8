import { CustomErrorBase } from '@backstage/errors';

/**
 * Too many grants asked for by one user in the rate-limit window. Answered
 * with HTTP 429 (Backstage's error handler reads `statusCode`) and a
 * `Retry-After` header set by the router.
 */
export class RateLimitedError extends CustomErrorBase {
  name = 'RateLimitedError' as const;
  readonly statusCode = 429;

  constructor(
    message: string,
    /** Seconds until the oldest counted request leaves the window. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Whether a database error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /unique constraint|duplicate key/i.test(String(e?.message))
  );
}
