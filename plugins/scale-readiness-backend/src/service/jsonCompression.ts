import compression from 'compression';
import {
  Router,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** `application/json` and `application/<anything>+json`. */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

/** Brotli quality 4: the `compression` package's default, ~20× smaller JSON at gzip's speed. */
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
};

type Encoding = 'br' | 'gzip';

/** Whether the response being sent is JSON (by its `Content-Type`). */
export function isJsonResponse(res: Response): boolean {
  const type = res.getHeader('Content-Type');
  return typeof type === 'string' && JSON_TYPE.test(type);
}

/** Options of {@link jsonCompression}. */
export interface JsonCompressionOptions {
  /** Smallest body compressed, in bytes. Default 1024. */
  threshold?: number;
}

/**
 * Compression of the plugin's JSON responses, negotiated through
 * `Accept-Encoding` (brotli preferred, then gzip); other types (CSV exports,
 * event streams) are left alone, and `ETag`/`304 Not Modified` behave as
 * without compression (the validator names the JSON; `Vary: Accept-Encoding`
 * tells caches the bytes differ).
 *
 * Two layers, mounted before the routers:
 * - bodies sent with a strong `ETag` as a `Buffer` (the cached team
 *   scorecard) are compressed once per body instance and encoding, off the
 *   event loop (zlib's thread pool), and every later response reuses the
 *   compressed bytes: a large team's scorecard costs ~15 ms of brotli per
 *   version instead of per request;
 * - everything else that is JSON goes through the `compression` middleware.
 *
 * A response that is already encoded (by the first layer) is skipped by the
 * second and by the root HTTP router's own `compression()`.
 */
export function jsonCompression(
  options: JsonCompressionOptions = {},
): RequestHandler {
  const threshold = options.threshold ?? 1024;
  // Compressed bytes per body instance: freed with the body (e.g. when the
  // response cache drops an old scorecard version).
  const compressed = new WeakMap<Buffer, Map<Encoding, Promise<Buffer>>>();

  function compressedBody(body: Buffer, encoding: Encoding): Promise<Buffer> {
    let byEncoding = compressed.get(body);
    if (!byEncoding) {
      byEncoding = new Map();
      compressed.set(body, byEncoding);
    }
    let pending = byEncoding.get(encoding);
    if (!pending) {
      pending = encoding === 'br' ? brotli(body, BROTLI_OPTIONS) : gzip(body);
      byEncoding.set(encoding, pending);
      pending.catch(() => byEncoding!.delete(encoding));
    }
    return pending;
  }

  const reusable: RequestHandler = (req: Request, res: Response, next) => {
    const end = res.end as (...args: unknown[]) => Response;
    res.end = function endCompressed(this: Response, ...args: unknown[]) {
      const [body] = args;
      const etag = res.getHeader('ETag');
      if (
        res.headersSent ||
        res.statusCode !== 200 ||
        (req.method !== 'GET' && req.method !== 'POST') ||
        !Buffer.isBuffer(body) ||
        body.length < threshold ||
        typeof etag !== 'string' ||
        etag.startsWith('W/') ||
        res.getHeader('Content-Encoding') !== undefined ||
        !isJsonResponse(res)
      ) {
        return end.apply(this, args);
      }
      res.vary('Accept-Encoding');
      const encoding = req.acceptsEncodings('br', 'gzip');
      if (encoding !== 'br' && encoding !== 'gzip') {
        return end.apply(this, args);
      }
      compressedBody(body, encoding).then(
        bytes => {
          res.setHeader('Content-Encoding', encoding);
          res.setHeader('Content-Length', bytes.length);
          end.call(res, bytes);
        },
        () => end.apply(res, args), // uncompressed rather than nothing
      );
      return res;
    } as Response['end'];
    next();
  };

  // @types/compression brings its own copy of the express types: the
  // middleware is the same function either way.
  const streamed = compression({
    threshold,
    filter: (req, res) =>
      isJsonResponse(res as unknown as Response) &&
      compression.filter(req, res),
  }) as unknown as RequestHandler;
  const router = Router();
  router.use(streamed, reusable);
  return router;
}
