/**
 * Route support shared by every router of the plugin: credentials,
 * permissions (basic, resource, conditional), audit events with refusals,
 * zod parsing, the one JSON body parser and rate limits.
 */
export { RateLimitedError, retryAfterHeader } from './errors';
export { JSON_BODY_LIMIT, jsonBody } from './jsonBody';
export { toJsonObject } from './json';
export {
  entityRefFromParams,
  groupRef,
  normaliseRef,
  parseInput,
} from './parse';
export { RateLimiter, type RateLimit } from './RateLimiter';
export { readRateLimits, type RouteRateLimits } from './rateLimits';
export {
  RouteSupport,
  type AccessOptions,
  type AnyRequest,
  type AuditScope,
  type AuditSpec,
  type ConditionApplier,
  type PermissionResource,
  type ResourceDecision,
} from './RouteSupport';
