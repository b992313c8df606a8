import { CustomErrorBase } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

/**
 * Too many requests by one caller in a window. Answered with HTTP 429
 * (Backstage's error handler reads `statusCode`) and a `Retry-After` header
 * (set by {@link retryAfterHeader}).
 */
export class RateLimitedError extends CustomErrorBase {
  name = 'RateLimitedError' as const;
  readonly statusCode = 429;

  constructor(
    message: string,
    /** Seconds until the caller may try again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * Error middleware that sets `Retry-After` on rate-limit errors and passes
 * every error on to Backstage's error handler; mounted once per router.
 */
export const retryAfterHeader: ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (error instanceof RateLimitedError && !res.headersSent) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  next(error);
};
