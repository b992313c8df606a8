/**
 * Reading manifest files named by annotations (`scale-readiness.io/manifests`,
 * `scale-readiness.io/runner-manifests`): URLs through Backstage's UrlReader,
 * paths relative to the entity's catalog file, and local files only inside
 * the configured roots (checked before and after resolving symlinks). Shared
 * by the backend's manifests provider and the modules reading manifests.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ManifestFile } from './parseManifests';

/** Where one manifests target is read from. */
export type ManifestSource =
  | { type: 'url'; url: string }
  | { type: 'file'; path: string };

/** Resolves a relative URL against the URL of the entity's catalog file. */
export type UrlResolver = (target: string, base: string) => string;

/** Default resolver: WHATWG URL resolution (fine for GitHub/GitLab blob URLs). */
export const defaultUrlResolver: UrlResolver = (target, base) =>
  new URL(target, base).toString();

/** How many YAML files one target may yield before it is refused. */
export const MAX_FILES_PER_TARGET = 500;

/**
 * Default of the most bytes one target's YAML files may hold together
 * (`scaleReadiness.manifests.maxBytes`): 5 MB. Larger targets are refused
 * before (local files) or while (URLs) they are read.
 */
export const DEFAULT_MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

/** The refusal of a target over the byte limit. */
function tooLarge(where: string, maxBytes: number): Error {
  return new Error(
    `too large: ${where} holds more than ${maxBytes} bytes of YAML (scaleReadiness.manifests.maxBytes); split it or raise the limit`,
  );
}

/** Reads a stream into a buffer, refusing it once it passes `maxBytes`. */
async function readCapped(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  where: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw tooLarge(where, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Whether a path names a YAML file. */
export function isYamlPath(p: string): boolean {
  return /\.ya?ml$/i.test(p);
}

/**
 * Resolves one target of the `scale-readiness.io/manifests` annotation.
 * Absolute URLs are used as they are; relative paths are resolved against the
 * entity's `backstage.io/managed-by-location` (`url:` → URL, `file:` → local
 * path). Throws when a relative path has nothing to resolve against.
 */
export function resolveManifestTarget(
  target: string,
  managedByLocation: string | undefined,
  resolveUrl: UrlResolver = defaultUrlResolver,
): ManifestSource {
  if (ABSOLUTE_URL.test(target)) return { type: 'url', url: target };
  if (!managedByLocation) {
    throw new Error(
      'cannot resolve a relative manifests path: the entity has no backstage.io/managed-by-location',
    );
  }
  const location = parseLocationRef(managedByLocation);
  if (location.type === 'url') {
    return { type: 'url', url: resolveUrl(target, location.target) };
  }
  if (location.type === 'file') {
    return {
      type: 'file',
      path: path.resolve(path.dirname(location.target), target),
    };
  }
  throw new Error(
    `cannot resolve a relative manifests path against a '${location.type}' location`,
  );
}

function isNotFound(error: unknown): boolean {
  return (
    (error as { name?: string })?.name === 'NotFoundError' ||
    (error as { code?: string })?.code === 'ENOENT'
  );
}

function tooMany(where: string): Error {
  return new Error(
    `more than ${MAX_FILES_PER_TARGET} YAML files under ${where}`,
  );
}

/**
 * Reads a YAML file (`readUrl`) or a folder tree filtered to YAML
 * (`readTree`), refusing more than `maxBytes` in all (a single file is
 * streamed and dropped as soon as it passes the limit).
 */
export async function readUrlSource(
  url: string,
  reader: UrlReaderService,
  maxBytes: number = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<ManifestFile[]> {
  try {
    if (isYamlPath(new URL(url).pathname)) {
      const response = await reader.readUrl(url);
      const buffer = response.stream
        ? await readCapped(response.stream(), maxBytes, url)
        : await response.buffer();
      if (buffer.length > maxBytes) throw tooLarge(url, maxBytes);
      return [{ path: url, content: buffer.toString('utf8') }];
    }
    const tree = await reader.readTree(url, { filter: p => isYamlPath(p) });
    const files = await tree.files();
    if (files.length > MAX_FILES_PER_TARGET) throw tooMany(url);
    const base = url.endsWith('/') ? url : `${url}/`;
    const read: ManifestFile[] = [];
    let total = 0;
    for (const file of files) {
      const content = await file.content();
      total += content.length;
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      read.push({
        path: `${base}${file.path}`,
        content: content.toString('utf8'),
      });
    }
    return read;
  } catch (error) {
    if (isNotFound(error)) throw new Error(`not found: ${url}`);
    throw error;
  }
}

/** Whether `child` is `root` or below it. */
export function isInside(root: string, child: string): boolean {
  const relative = path.relative(root, child);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(
    roots.map(root =>
      fs.realpath(path.resolve(root)).catch(() => path.resolve(root)),
    ),
  );
}

async function walk(
  dir: string,
  roots: string[],
  into: string[],
): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') {
        await walk(full, roots, into);
      }
    } else if (
      (entry.isFile() || entry.isSymbolicLink()) &&
      isYamlPath(entry.name)
    ) {
      // A symlinked file is only followed when it stays inside an allowed root;
      // symlinked folders are not followed at all.
      const real = await fs.realpath(full).catch(() => undefined);
      const stat = real ? await fs.stat(real) : undefined;
      if (real && stat?.isFile() && roots.some(root => isInside(root, real))) {
        into.push(full);
        if (into.length > MAX_FILES_PER_TARGET) throw tooMany(dir);
      }
    }
  }
}

/**
 * Reads a local YAML file or folder (recursively), but only inside one of
 * `allowedRoots` — checked on the path as written and after resolving
 * symlinks — and only up to `maxBytes` in all (checked on the files' sizes
 * before anything is read). Anything else is refused with an error.
 */
export async function readLocalSource(
  target: string,
  allowedRoots: readonly string[],
  maxBytes: number = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<ManifestFile[]> {
  const paths = await listLocalSource(target, allowedRoots);
  const sizes = await Promise.all(
    paths.map(async p => (await fs.stat(p)).size),
  );
  if (sizes.reduce((a, b) => a + b, 0) > maxBytes) {
    throw tooLarge(path.resolve(target), maxBytes);
  }
  const roots = await realRoots(allowedRoots);
  return Promise.all(
    paths.map(async p => ({
      path: displayPath(p, roots),
      content: await fs.readFile(p, 'utf8'),
    })),
  );
}

/**
 * A local file as evidence shows it: relative to the allowed root that holds
 * it (`deploy/api.yaml`), never the server's absolute path.
 */
export function displayPath(file: string, roots: readonly string[]): string {
  const root = roots
    .filter(r => isInside(r, file))
    .sort((x, y) => y.length - x.length)[0];
  if (!root) return path.basename(file);
  return (
    path.relative(root, file).split(path.sep).join('/') || path.basename(file)
  );
}

/**
 * The YAML files `readLocalSource` would read (same checks), without reading
 * them.
 */
export async function listLocalSource(
  target: string,
  allowedRoots: readonly string[],
): Promise<string[]> {
  const resolved = path.resolve(target);
  const lexicalRoots = allowedRoots.map(root => path.resolve(root));
  if (!lexicalRoots.some(root => isInside(root, resolved))) {
    throw new Error(
      `${resolved} is outside the allowed local manifest roots (scaleReadiness.manifests.allowedLocalRoots)`,
    );
  }
  let real: string;
  try {
    real = await fs.realpath(resolved);
  } catch (error) {
    if (isNotFound(error)) throw new Error(`not found: ${resolved}`);
    throw error;
  }
  const roots = await realRoots(allowedRoots);
  if (!roots.some(root => isInside(root, real))) {
    throw new Error(
      `${resolved} resolves outside the allowed local manifest roots`,
    );
  }
  const stat = await fs.stat(real);
  const paths: string[] = [];
  if (stat.isDirectory()) {
    await walk(real, roots, paths);
  } else {
    paths.push(real);
  }
  return paths;
}

/**
 * A key of the local YAML files of a target: their paths, sizes and
 * modification and change times (nanoseconds). Throws like `readLocalSource`.
 */
export async function localSourceKey(
  target: string,
  allowedRoots: readonly string[],
): Promise<string> {
  const paths = await listLocalSource(target, allowedRoots);
  const stats = await Promise.all(paths.map(p => fs.stat(p, { bigint: true })));
  return paths
    .map(
      (p, i) => `${p}|${stats[i].size}|${stats[i].mtimeNs}|${stats[i].ctimeNs}`,
    )
    .join('\n');
}

/**
 * Reads one resolved source; `maxBytes` (default
 * {@link DEFAULT_MAX_MANIFEST_BYTES}) caps the bytes of its YAML files.
 */
export async function readManifestSource(
  source: ManifestSource,
  options: {
    reader: UrlReaderService;
    allowedLocalRoots: readonly string[];
    maxBytes?: number;
  },
): Promise<ManifestFile[]> {
  return source.type === 'url'
    ? readUrlSource(source.url, options.reader, options.maxBytes)
    : readLocalSource(source.path, options.allowedLocalRoots, options.maxBytes);
}
