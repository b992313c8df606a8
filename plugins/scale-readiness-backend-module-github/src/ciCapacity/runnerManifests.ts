/**
 * Reads the files named by `scale-readiness.io/runner-manifests` on a Group:
 * URLs through the UrlReader (a YAML file, or a folder tree filtered to
 * YAML), paths relative to the group's catalog file, and local files only
 * inside `scaleReadiness.manifests.allowedLocalRoots` (as the manifests
 * provider of the backend does).
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { ManifestFile } from '@scale-readiness/plugin-scale-readiness-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Most YAML files one target may yield. */
export const MAX_RUNNER_MANIFEST_FILES = 200;

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const isYaml = (p: string) => /\.ya?ml$/i.test(p);

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return e?.name === 'NotFoundError' || e?.code === 'ENOENT';
}

function inside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return (
    rel === '' ||
    (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
  );
}

/** Where a target is read from, resolved against the group's `managed-by-location`. */
export function resolveRunnerManifestTarget(
  target: string,
  managedByLocation: string | undefined,
): { type: 'url' | 'file'; target: string } {
  if (ABSOLUTE_URL.test(target)) return { type: 'url', target };
  const match = managedByLocation?.match(/^([a-z]+):(.+)$/i);
  if (!match) {
    throw new Error(
      'cannot resolve a relative runner-manifests path: the group has no backstage.io/managed-by-location',
    );
  }
  const [, type, base] = match;
  if (type === 'url') {
    return { type: 'url', target: new URL(target, base).toString() };
  }
  if (type === 'file') {
    return { type: 'file', target: path.resolve(path.dirname(base), target) };
  }
  throw new Error(
    `cannot resolve a relative runner-manifests path against a '${type}' location`,
  );
}

async function readUrl(
  url: string,
  reader: UrlReaderService,
): Promise<ManifestFile[]> {
  try {
    if (isYaml(new URL(url).pathname)) {
      const response = await reader.readUrl(url);
      return [
        { path: url, content: (await response.buffer()).toString('utf8') },
      ];
    }
    const tree = await reader.readTree(url, { filter: p => isYaml(p) });
    const files = await tree.files();
    if (files.length > MAX_RUNNER_MANIFEST_FILES) {
      throw new Error(
        `more than ${MAX_RUNNER_MANIFEST_FILES} YAML files under ${url}`,
      );
    }
    const base = url.endsWith('/') ? url : `${url}/`;
    return Promise.all(
      files.map(async f => ({
        path: `${base}${f.path}`,
        content: (await f.content()).toString('utf8'),
      })),
    );
  } catch (error) {
    if (isNotFound(error)) throw new Error(`not found: ${url}`);
    throw error;
  }
}

async function walk(dir: string, into: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      await walk(full, into);
    } else if (entry.isFile() && isYaml(entry.name)) {
      into.push(full);
      if (into.length > MAX_RUNNER_MANIFEST_FILES) {
        throw new Error(
          `more than ${MAX_RUNNER_MANIFEST_FILES} YAML files under ${dir}`,
        );
      }
    }
  }
}

async function readLocal(
  target: string,
  allowedRoots: readonly string[],
): Promise<ManifestFile[]> {
  const resolved = path.resolve(target);
  let real: string;
  try {
    real = await fs.realpath(resolved);
  } catch (error) {
    if (isNotFound(error)) throw new Error(`not found: ${resolved}`);
    throw error;
  }
  const roots = await Promise.all(
    allowedRoots.map(r =>
      fs.realpath(path.resolve(r)).catch(() => path.resolve(r)),
    ),
  );
  if (!roots.some(root => inside(root, real))) {
    throw new Error(
      `${resolved} is outside the allowed local manifest roots (scaleReadiness.manifests.allowedLocalRoots)`,
    );
  }
  const paths: string[] = [];
  if ((await fs.stat(real)).isDirectory()) await walk(real, paths);
  else paths.push(real);
  return Promise.all(
    paths.map(async p => ({ path: p, content: await fs.readFile(p, 'utf8') })),
  );
}

/** Reads every target (comma-separated); a target that fails throws with its name. */
export async function readRunnerManifests(
  targets: string[],
  options: {
    managedByLocation?: string;
    reader: UrlReaderService;
    allowedLocalRoots: readonly string[];
  },
): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const target of targets) {
    try {
      const source = resolveRunnerManifestTarget(
        target,
        options.managedByLocation,
      );
      files.push(
        ...(source.type === 'url'
          ? await readUrl(source.target, options.reader)
          : await readLocal(source.target, options.allowedLocalRoots)),
      );
    } catch (e) {
      throw new Error(
        `${target}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return files;
}
