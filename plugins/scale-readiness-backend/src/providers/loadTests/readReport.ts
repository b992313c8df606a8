import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';

function tooBig(where: string, limit: number): Error {
  return new Error(`the report at ${where} is larger than ${limit} bytes`);
}

/**
 * Reads a report through the UrlReader, stopping (and failing) as soon as more
 * than `limit` bytes arrived; falls back to `buffer()` for readers without streams.
 */
export async function readUrlReport(
  reader: UrlReaderService,
  url: string,
  limit: number,
): Promise<string> {
  let response;
  try {
    response = await reader.readUrl(url);
  } catch (e) {
    if ((e as { name?: string }).name === 'NotFoundError')
      throw new Error(`not found: ${url}`);
    throw e;
  }
  if (!response.stream) {
    const buffer = await response.buffer();
    if (buffer.length > limit) throw tooBig(url, limit);
    return buffer.toString('utf8');
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > limit) {
      stream.destroy();
      throw tooBig(url, limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function inside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return (
    rel === '' ||
    (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
  );
}

/**
 * Reads a local report, only inside one of `roots` (checked on the path as
 * written and after resolving symlinks) and only up to `limit` bytes.
 */
export async function readLocalReport(
  file: string,
  roots: readonly string[],
  limit: number,
): Promise<string> {
  const resolved = path.resolve(file);
  const real = await fs.realpath(resolved).catch(() => {
    throw new Error(`not found: ${file}`);
  });
  const realRoots = await Promise.all(
    roots.map(r => fs.realpath(path.resolve(r)).catch(() => path.resolve(r))),
  );
  const allowed = roots.some(r => inside(path.resolve(r), resolved));
  if (!allowed || !realRoots.some(r => inside(r, real)))
    throw new Error(
      `${file} is outside scaleReadiness.manifests.allowedLocalRoots`,
    );
  const stat = await fs.stat(real);
  if (stat.size > limit) throw tooBig(file, limit);
  return fs.readFile(real, 'utf8');
}
