/**
 * The demo organisation of `examples/` as raw catalog entities, each with the
 * `backstage.io/managed-by-location` of its file (what relative
 * `scale-readiness.io/manifests` paths resolve against), for tests that run
 * the plugin over the demo.
 */
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Absolute path of the repository's `examples/` folder. */
export const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

/** Every entity the Location in `examples/all.yaml` lists. */
export function loadExampleEntities(): Entity[] {
  const root = parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES_DIR, 'all.yaml'), 'utf8'),
  )[0].toJS();
  const entities: Entity[] = [];
  for (const target of root.spec.targets as string[]) {
    const file = path.resolve(EXAMPLES_DIR, target);
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const raw = doc.toJS() as Entity | null;
      if (!raw) continue;
      raw.metadata.namespace ??= 'default';
      raw.metadata.annotations = {
        ...raw.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          EXAMPLES_DIR,
          'all.yaml',
        )}`,
      };
      entities.push(raw);
    }
  }
  return entities;
}

/** The `scaleReadiness` block of the repository's dev `app-config.yaml`. */
export function devScaleReadinessConfig(): Record<string, unknown> {
  const doc = parseAllDocuments(
    fs.readFileSync(path.join(EXAMPLES_DIR, '..', 'app-config.yaml'), 'utf8'),
  )[0].toJS();
  return { ...(doc.scaleReadiness ?? {}) };
}
