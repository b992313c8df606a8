import { ResponseError } from '@backstage/errors';

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

/**
 * A `ResponseError` whose message is the server's own (e.g. "Only champions of
 * … may waive findings") instead of "Request failed with 403 Forbidden"; the
 * status line stays in `statusCode`/`statusText`, the body in `body`.
 */
export async function serverError(response: Response): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(response);
  const message = error.body?.error?.message;
  if (typeof message === 'string' && message.trim() !== '') {
    error.message = message;
  }
  return error;
}
