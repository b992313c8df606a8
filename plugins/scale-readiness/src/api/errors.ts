/**
 * Whether an error thrown by the client is an HTTP 404 (e.g. an entity that
 * has no stored result yet). Works on `ResponseError` from `@backstage/errors`.
 */
export function isNotFoundError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const response = (error as { response?: { status?: unknown } }).response;
  if (response && response.status === 404) {
    return true;
  }
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return statusCode === 404;
}
