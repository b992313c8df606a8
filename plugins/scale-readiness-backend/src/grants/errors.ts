/** Errors of champion actions: both live in shared modules now. */
export { RateLimitedError } from '../http/errors';
export { isUniqueViolation } from '../database/errors';
