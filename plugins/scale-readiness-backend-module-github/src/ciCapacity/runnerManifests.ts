/**
 * Reads the files named by `scale-readiness.io/runner-manifests` on a Group
 * with the same reader as the backend's manifests provider (from `-node`):
 * URLs through the UrlReader (a YAML file, or a folder tree filtered to YAML),
 * paths relative to the group's catalog file, and local files only inside
 * `scaleReadiness.manifests.allowedLocalRoots` (checked before and after
 * resolving symlinks).
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  type ManifestFile,
  readManifestSource,
  resolveManifestTarget,
} from '@scale-readiness/plugin-scale-readiness-facts';

/** Reads every target (comma-separated); a target that fails throws with its name. */
export async function readRunnerManifests(
  targets: string[],
  options: {
    managedByLocation?: string;
    reader: UrlReaderService;
    allowedLocalRoots: readonly string[];
    /** Most bytes of YAML per target (default 5 MB). */
    maxBytes?: number;
  },
): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const target of targets) {
    try {
      const source = resolveManifestTarget(target, options.managedByLocation);
      files.push(...(await readManifestSource(source, options)));
    } catch (e) {
      throw new Error(
        `${target}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return files;
}
