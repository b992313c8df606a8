import type { Config } from '@backstage/config';
import { RateLimiter } from './RateLimiter';

/** Defaults of `scaleReadiness.rateLimits` (per user, per replica). */
const DEFAULTS = {
  refresh: { requests: 60, windowMinutes: 10 },
  simulate: { requests: 120, windowMinutes: 10 },
  reviewCreate: { requests: 10, windowMinutes: 60 },
  planCreate: { requests: 20, windowMinutes: 60 },
} as const;

/** The limiters of the routes that are costly to run (refresh, simulate, starting reviews, creating plans). */
export interface RouteRateLimits {
  refresh: RateLimiter;
  simulate: RateLimiter;
  reviewCreate: RateLimiter;
  /** Creating launch plans (each notifies the teams involved). */
  planCreate: RateLimiter;
}

/** Reads `scaleReadiness.rateLimits`; throws on values that are not positive. */
export function readRateLimits(root: Config): RouteRateLimits {
  const c = root.getOptionalConfig('scaleReadiness.rateLimits');
  const one = (key: keyof typeof DEFAULTS, what: string) => {
    const entry = c?.getOptionalConfig(key);
    const requests =
      entry?.getOptionalNumber('requests') ?? DEFAULTS[key].requests;
    const windowMinutes =
      entry?.getOptionalNumber('windowMinutes') ?? DEFAULTS[key].windowMinutes;
    if (!(requests > 0) || !(windowMinutes > 0)) {
      throw new Error(
        `scaleReadiness.rateLimits.${key}: requests and windowMinutes must be positive`,
      );
    }
    return new RateLimiter(what, {
      requests,
      windowMs: windowMinutes * 60_000,
    });
  };
  return {
    refresh: one('refresh', 'refresh'),
    simulate: one('simulate', 'simulation'),
    reviewCreate: one('reviewCreate', 'review'),
    planCreate: one('planCreate', 'launch plan'),
  };
}
