import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_MANIFESTS,
  ANNOTATION_PEAK_REPLICAS,
  FactContribution,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  applyPeakReplicas,
  buildWorkloadSet,
  ManifestObject,
  parsePeakReplicas,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { RawProblem, SourcedEntity } from '../input/classify';
import { documentSuffix, ParsedFile } from '../input/yamlFile';
import type { YamlStore } from '../input/YamlStore';
import { componentSelection } from '../kubernetes/componentSelector';
import type { KubernetesIndex } from '../kubernetes/KubernetesIndex';
import fs from 'node:fs';
import path from 'node:path';
import { resolveManifestTarget } from './manifestTargets';

/**
 * A file as the backend's evidence shows it: relative to the longest root that
 * holds it (the backend's `displayPath` over its allowed local roots), so the
 * CLI and the portal agree and no absolute path leaks into facts.
 */
function shownPath(file: string, roots: readonly string[]): string {
  const real = (r: string) => {
    try {
      return fs.realpathSync(path.resolve(r));
    } catch {
      return path.resolve(r);
    }
  };
  const holding = roots
    .map(real)
    .filter(r => file === r || file.startsWith(r + path.sep))
    .sort((x, y) => y.length - x.length)[0];
  if (!holding) return path.basename(file);
  return (
    path.relative(holding, file).split(path.sep).join('/') ||
    path.basename(file)
  );
}

/** Id the workloads section is contributed under (as in the backend). */
export const MANIFESTS_PROVIDER_ID = 'manifests';

/** What building a workloads section needs. */
export interface WorkloadSectionContext {
  store: YamlStore;
  index: KubernetesIndex;
  /** Folders `scale-readiness.io/manifests` targets may point into. */
  roots: readonly string[];
  now: Date;
  problem(problem: RawProblem): void;
}

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

interface LocatedError {
  path: string;
  line: number;
  message: string;
  /** The YAML error without the document suffix (as the problem is worded). */
  raw?: string;
}

/**
 * Objects and YAML errors of a set of files, in the order `parseManifests`
 * visits them (path order, then document order), from the shared parse.
 */
function objectsOf(files: ParsedFile[]): {
  objects: ManifestObject[];
  yamlErrors: LocatedError[];
  order: Map<string, number>;
} {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path, 'en'));
  const objects: ManifestObject[] = [];
  const yamlErrors: LocatedError[] = [];
  const order = new Map<string, number>();
  sorted.forEach((file, i) => {
    if (!order.has(file.path)) order.set(file.path, i);
    for (const doc of file.documents) {
      if (doc.error !== undefined) {
        yamlErrors.push({
          path: file.path,
          line: doc.line,
          message: `${doc.error}${documentSuffix(file, doc)}`,
          raw: doc.error,
        });
      } else if (doc.value !== null && doc.value !== undefined) {
        const object: ManifestObject = {
          value: doc.value,
          path: file.path,
          line: doc.line,
        };
        if (file.documents.length > 1) object.document = doc.index + 1;
        objects.push(object);
      }
    }
  });
  return { objects, yamlErrors, order };
}

function finish(
  sourced: SourcedEntity,
  facts: WorkloadSetFacts,
  errors: string[],
  meta: { source: string; location: string; collectedAt: Date },
  ctx: WorkloadSectionContext,
): FactContribution {
  const { entity } = sourced;
  const peak = annotation(entity, ANNOTATION_PEAK_REPLICAS);
  let result = facts;
  if (peak) {
    try {
      result = applyPeakReplicas(
        result,
        parsePeakReplicas(peak, ANNOTATION_PEAK_REPLICAS),
      );
    } catch (e) {
      errors.push(describeError(e));
      ctx.problem({
        file: sourced.file,
        line: sourced.line,
        message: `${stringifyEntityRef(entity)}: ${describeError(e)}`,
      });
    }
  }
  return errors.length > 0
    ? { workloads: errorFact(errors.join('; '), meta) }
    : { workloads: okFact(result, meta) };
}

/**
 * The workloads section from `scale-readiness.io/manifests`, with the same
 * rules and messages as the backend's ManifestFactProvider for `file:`
 * locations: every read error, YAML error, invalid object or invalid
 * `peak-replicas` value makes the section `error`.
 */
function fromManifestsAnnotation(
  sourced: SourcedEntity,
  value: string,
  ctx: WorkloadSectionContext,
): FactContribution {
  const { entity } = sourced;
  const targets = value
    .split(',')
    .map(t => t.trim())
    .filter(Boolean);
  const meta = {
    source: MANIFESTS_PROVIDER_ID,
    location: targets.join(', '),
    collectedAt: ctx.now,
  };
  const errors: string[] = [];
  const files: ParsedFile[] = [];
  for (const target of targets) {
    try {
      for (const file of resolveManifestTarget(
        target,
        sourced.file,
        ctx.roots,
      )) {
        files.push(ctx.store.get(file));
      }
    } catch (e) {
      errors.push(`${target}: ${describeError(e)}`);
      ctx.problem({
        file: sourced.file,
        line: sourced.line,
        message: `${stringifyEntityRef(
          entity,
        )}: ${ANNOTATION_MANIFESTS} ${target}: ${describeError(e)}`,
      });
    }
  }
  const { objects, yamlErrors, order } = objectsOf(files);
  // facts name files as the backend does; problems keep the real path
  const real = new Map<string, string>();
  const shown = (file: string) => {
    const s = shownPath(file, ctx.roots);
    real.set(s, file);
    return s;
  };
  const built = buildWorkloadSet(
    objects.map(o => ({ ...o, path: shown(o.path) })),
    { origin: MANIFESTS_PROVIDER_ID },
  );
  const realPath = (p: string) => real.get(p) ?? p;
  const located = [
    ...yamlErrors,
    ...built.errors.map(e => ({
      ...e,
      path: realPath(e.path),
      line: e.line ?? 1,
    })),
  ].sort(
    (a, b) =>
      (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0) || a.line - b.line,
  );
  for (const e of yamlErrors) {
    ctx.problem({
      file: e.path,
      line: e.line,
      message: `not valid YAML: ${e.raw}`,
    });
  }
  for (const e of built.errors) {
    ctx.problem({
      file: realPath(e.path),
      line: e.line ?? 1,
      message: e.message,
    });
  }
  errors.push(...located.map(e => `${shown(e.path)}: ${e.message}`));
  return finish(sourced, built.facts, errors, meta, ctx);
}

/**
 * The workloads section from the Kubernetes objects of the input that the
 * component selects (see `componentSelection` and `KubernetesIndex.select`).
 */
function fromLabelSelector(
  sourced: SourcedEntity,
  ctx: WorkloadSectionContext,
): FactContribution | undefined {
  const { entity } = sourced;
  let selection;
  try {
    selection = componentSelection(entity);
  } catch (e) {
    ctx.problem({
      file: sourced.file,
      line: sourced.line,
      message: `${stringifyEntityRef(entity)}: ${describeError(e)}`,
    });
    return {
      workloads: errorFact(e, {
        source: MANIFESTS_PROVIDER_ID,
        collectedAt: ctx.now,
      }),
    };
  }
  if (!selection) return undefined;
  const meta = {
    source: MANIFESTS_PROVIDER_ID,
    location: selection.description,
    collectedAt: ctx.now,
  };
  const built = buildWorkloadSet(ctx.index.select(selection), {
    origin: MANIFESTS_PROVIDER_ID,
  });
  for (const e of built.errors) {
    ctx.problem({ file: e.path, line: e.line ?? 1, message: e.message });
  }
  return finish(
    sourced,
    built.facts,
    built.errors.map(e => `${e.path}: ${e.message}`),
    meta,
    ctx,
  );
}

/**
 * The `workloads` contribution of one entity: from the files named by
 * `scale-readiness.io/manifests` when the entity has that annotation (what
 * the portal reads), otherwise from the input's Kubernetes objects linked
 * through `backstage.io/kubernetes-id` / `-label-selector`. Undefined when
 * the entity has none of these annotations.
 */
export function workloadContribution(
  sourced: SourcedEntity,
  ctx: WorkloadSectionContext,
): FactContribution | undefined {
  const manifests = annotation(sourced.entity, ANNOTATION_MANIFESTS);
  return manifests
    ? fromManifestsAnnotation(sourced, manifests, ctx)
    : fromLabelSelector(sourced, ctx);
}
