import { RateLimitedError } from './errors';

/** Requests allowed per caller in a sliding window. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/**
 * A per-caller sliding-window limiter kept in memory (per replica). Used for
 * refresh, simulate and review creation; grants count in the database.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #what: string;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();

  constructor(what: string, limit: RateLimit, now: () => number = Date.now) {
    this.#what = what;
    this.#limit = limit;
    this.#now = now;
  }

  /**
   * Counts one request by `caller`.
   * @throws RateLimitedError (429 with Retry-After) when over the limit
   */
  take(caller: string): void {
    const now = this.#now();
    const since = now - this.#limit.windowMs;
    const hits = (this.#hits.get(caller) ?? []).filter(t => t > since);
    if (hits.length >= this.#limit.requests) {
      const retryAfter = Math.max(
        1,
        Math.ceil((hits[0] + this.#limit.windowMs - now) / 1000),
      );
      this.#hits.set(caller, hits);
      throw new RateLimitedError(
        `Too many ${this.#what} requests: at most ${
          this.#limit.requests
        } per ${Math.round(
          this.#limit.windowMs / 60_000,
        )} minutes; try again in ${retryAfter} s`,
        retryAfter,
      );
    }
    hits.push(now);
    this.#hits.set(caller, hits);
    if (this.#hits.size > 10_000) this.#prune(since);
  }

  #prune(since: number) {
    for (const [caller, hits] of this.#hits) {
      if (!hits.some(t => t > since)) this.#hits.delete(caller);
    }
  }
}
