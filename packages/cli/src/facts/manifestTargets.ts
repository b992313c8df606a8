import fs from 'node:fs';
import path from 'node:path';
import { isInside, walkYamlFiles } from '../input/files';

/** How many YAML files one target may yield (the backend's limit). */
export const MAX_FILES_PER_TARGET = 500;

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function notFound(error: unknown): boolean {
  return (error as { code?: string })?.code === 'ENOENT';
}

/**
 * The real paths of the YAML files one `scale-readiness.io/manifests` target
 * names, resolved against the entity's catalog file like the backend does
 * for `file:` locations: a file, or a folder read recursively. Only paths
 * inside `roots` (the folders being checked and the working directory) are
 * read. URLs cannot be read offline. Throws with a readable message.
 */
export function resolveManifestTarget(
  target: string,
  catalogFile: string,
  roots: readonly string[],
): string[] {
  if (ABSOLUTE_URL.test(target)) {
    throw new Error(
      'URL targets are read by the portal only; the CLI reads local paths',
    );
  }
  const resolved = path.resolve(path.dirname(catalogFile), target);
  const allowed = (p: string) => roots.some(root => isInside(root, p));
  if (!allowed(resolved)) {
    throw new Error(`${resolved} is outside the folders being checked`);
  }
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch (error) {
    if (notFound(error)) throw new Error(`not found: ${resolved}`);
    throw error;
  }
  if (!allowed(real)) {
    throw new Error(`${resolved} resolves outside the folders being checked`);
  }
  if (!fs.statSync(real).isDirectory()) return [real];
  return walkYamlFiles(real, {
    allow: allowed,
    limit: MAX_FILES_PER_TARGET,
    tooMany: dir =>
      new Error(`more than ${MAX_FILES_PER_TARGET} YAML files under ${dir}`),
  });
}
