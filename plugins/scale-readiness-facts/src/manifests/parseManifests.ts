import { parseAllDocuments } from 'yaml';
import type {
  PdbFacts,
  ScalerFacts,
  WorkloadFacts,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  asObject,
  hpa,
  ParsedPdb,
  pdb,
  resourceQuota,
  scaledObject,
  workload,
} from './kubernetesObjects';
import { selectorMatches } from './labelSelector';
import { flaggerCanary } from './workloadBehaviour';

/** One manifest file: a path (or URL) for messages and its YAML text. @public */
export interface ManifestFile {
  path: string;
  content: string;
}

/** A document that could not be used, with the file it came from. @public */
export interface ManifestParseError {
  path: string;
  message: string;
  /** 1-based line of the document, when the caller knows it. */
  line?: number;
}

/**
 * One Kubernetes object already read from YAML (a plain JS value), with where
 * it came from. Input of {@link buildWorkloadSet}.
 * @public
 */
export interface ManifestObject {
  /** The parsed document. */
  value: unknown;
  /** File (or URL) it was read from; becomes the workloads' `location`. */
  path: string;
  /** 1-based index of the document in a multi-document file, for messages. */
  document?: number;
  /** 1-based line where the document starts, copied to errors. */
  line?: number;
}

/** What `parseManifests` found; any error means the set is incomplete. @public */
export interface ParsedManifests {
  facts: WorkloadSetFacts;
  errors: ManifestParseError[];
}

/** Options of {@link parseManifests}. @public */
export interface ParseManifestsOptions {
  /** `origin` written on each workload (default `manifests`). */
  origin?: string;
}

interface Collected {
  workloads: WorkloadFacts[];
  scalers: ScalerFacts[];
  canaries: Array<ReturnType<typeof flaggerCanary>>;
  pdbs: ParsedPdb[];
  resourceQuotas: WorkloadSetFacts['resourceQuotas'];
}

/** Objects without a namespace are applied into whatever namespace is current. */
function sameNamespace(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}

function collectObject(
  value: unknown,
  path: string,
  origin: string,
  into: Collected,
): void {
  const obj = asObject(value);
  if (!obj) return;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

  if (kind.endsWith('List') && Array.isArray(obj.items)) {
    obj.items.forEach(item => collectObject(item, path, origin, into));
  } else if (
    (kind === 'Deployment' || kind === 'StatefulSet') &&
    group === 'apps'
  ) {
    into.workloads.push(workload(obj, kind, origin, path));
  } else if (kind === 'Rollout' && group === 'argoproj.io') {
    into.workloads.push(workload(obj, kind, origin, path));
  } else if (kind === 'Canary' && group === 'flagger.app') {
    into.canaries.push(flaggerCanary(obj));
  } else if (kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') {
    into.scalers.push(hpa(obj, apiVersion));
  } else if (kind === 'ScaledObject' && group === 'keda.sh') {
    into.scalers.push(scaledObject(obj));
  } else if (kind === 'PodDisruptionBudget' && group === 'policy') {
    into.pdbs.push(pdb(obj, apiVersion));
  } else if (kind === 'ResourceQuota' && apiVersion === 'v1') {
    into.resourceQuotas.push(resourceQuota(obj));
  }
  // Anything else (Services, ConfigMaps, Kustomizations, …) is not needed.
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

function emptyCollected(): Collected {
  return {
    workloads: [],
    scalers: [],
    canaries: [],
    pdbs: [],
    resourceQuotas: [],
  };
}

function documentSuffix(document: number | undefined): string {
  return document === undefined ? '' : ` (document ${document})`;
}

/** Collects one object; a wrong field type becomes an error for its file. */
function collectManifestObject(
  object: ManifestObject,
  origin: string,
  into: Collected,
  errors: ManifestParseError[],
): void {
  try {
    collectObject(object.value, object.path, origin, into);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const error: ManifestParseError = {
      path: object.path,
      message: `${firstLine(message)}${documentSuffix(object.document)}`,
    };
    if (object.line !== undefined) error.line = object.line;
    errors.push(error);
  }
}

function workloadKey(w: { kind: string; name: string; namespace?: string }) {
  return `${w.kind}/${w.namespace ?? ''}/${w.name}`;
}

function toPdbFacts(p: ParsedPdb): PdbFacts {
  const facts: PdbFacts = { name: p.name };
  if (p.minAvailable !== undefined) facts.minAvailable = p.minAvailable;
  if (p.maxUnavailable !== undefined) facts.maxUnavailable = p.maxUnavailable;
  return facts;
}

function link(collected: Collected): WorkloadSetFacts {
  // The first definition of a workload wins (files are read in path order).
  const seen = new Set<string>();
  const workloads = collected.workloads.filter(w => {
    const key = workloadKey(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const danglingScalers: ScalerFacts[] = [];
  for (const scaler of collected.scalers) {
    const targets = workloads.filter(
      w =>
        `${w.kind}/${w.name}` === scaler.target &&
        sameNamespace(w.namespace, scaler.namespace),
    );
    if (targets.length === 0) danglingScalers.push(scaler);
    targets.forEach(w => w.scalers.push(scaler));
  }

  // A Flagger Canary takes over the rollout of the workload it targets.
  for (const canary of collected.canaries) {
    for (const w of workloads) {
      if (
        `${w.kind}/${w.name}` === canary.target &&
        sameNamespace(w.namespace, canary.namespace)
      ) {
        w.strategy = canary.strategy;
      }
    }
  }

  const orphanPdbs: NonNullable<WorkloadSetFacts['orphanPdbs']> = [];
  for (const budget of collected.pdbs) {
    let matched = false;
    for (const w of workloads) {
      if (
        sameNamespace(w.namespace, budget.namespace) &&
        selectorMatches(
          budget.selector,
          w.podLabels,
          budget.emptySelectorMatchesAll,
        )
      ) {
        w.pdbs.push(toPdbFacts(budget));
        matched = true;
      }
    }
    if (!matched) {
      orphanPdbs.push(
        budget.namespace === undefined
          ? toPdbFacts(budget)
          : { ...toPdbFacts(budget), namespace: budget.namespace },
      );
    }
  }

  const facts: WorkloadSetFacts = {
    workloads,
    danglingScalers,
    resourceQuotas: collected.resourceQuotas,
  };
  // Only when there is one, so facts (and their hashes) of sets without an orphan do not change.
  if (orphanPdbs.length > 0) facts.orphanPdbs = orphanPdbs;
  return facts;
}

/**
 * Parses Kubernetes manifests (multi-document YAML) into workload facts: pure,
 * no I/O, usable by the backend and the CLI.
 *
 * Recognised: `apps/*` Deployments and StatefulSets, Argo Rollouts
 * (`argoproj.io`, scale targets like Deployments), Flagger Canaries
 * (`flagger.app`, the rollout strategy of their target); `autoscaling/v1` and
 * `v2*` HorizontalPodAutoscalers; KEDA `keda.sh` ScaledObjects;
 * `policy/v1` and `v1beta1` PodDisruptionBudgets; `v1` ResourceQuotas; and
 * `*List` objects with `items`. Scalers are linked to the workload named by
 * their `scaleTargetRef` (kind + name, same namespace; an object without a
 * namespace matches any), PDBs to every workload whose pod labels match their
 * selector. Scalers without a target are returned as `danglingScalers`, PDBs
 * whose selector matches no workload's pods as `orphanPdbs`.
 *
 * A document that is not valid YAML, or a recognised object with a wrong field
 * type, is reported in `errors` with its file; the rest is still parsed.
 * Files are processed in path order, so the result does not depend on the
 * order they were read in.
 * @public
 */
export function parseManifests(
  files: ReadonlyArray<ManifestFile>,
  options: ParseManifestsOptions = {},
): ParsedManifests {
  const origin = options.origin ?? 'manifests';
  const collected = emptyCollected();
  const errors: ManifestParseError[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path, 'en'));

  for (const file of sorted) {
    const documents = parseAllDocuments(file.content, { prettyErrors: true });
    const list = Array.isArray(documents) ? documents : [];
    list.forEach((doc, index) => {
      const document = list.length > 1 ? index + 1 : undefined;
      if (doc.errors.length > 0) {
        errors.push({
          path: file.path,
          message: `${firstLine(doc.errors[0].message)}${documentSuffix(
            document,
          )}`,
        });
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        errors.push({
          path: file.path,
          message: `${firstLine(message)}${documentSuffix(document)}`,
        });
        return;
      }
      collectManifestObject(
        { value, path: file.path, document },
        origin,
        collected,
        errors,
      );
    });
  }

  return { facts: link(collected), errors };
}

/**
 * Builds workload facts from Kubernetes objects that were already read from
 * YAML, with the same rules as {@link parseManifests} (which is this function
 * plus YAML parsing): objects are taken in path order (stable, so documents of
 * one file keep their order), scalers and PDBs are linked to the workloads
 * among `objects`, and a recognised object with a wrong field type is reported
 * in `errors` (with its `line` when given) while the rest is still used.
 * Lets a caller that has parsed many files once (the CLI) build the facts of
 * one component from the subset of objects that belong to it.
 * @public
 */
export function buildWorkloadSet(
  objects: ReadonlyArray<ManifestObject>,
  options: ParseManifestsOptions = {},
): ParsedManifests {
  const origin = options.origin ?? 'manifests';
  const collected = emptyCollected();
  const errors: ManifestParseError[] = [];
  const sorted = [...objects].sort((a, b) =>
    a.path === b.path ? 0 : a.path.localeCompare(b.path, 'en'),
  );
  for (const object of sorted) {
    collectManifestObject(object, origin, collected, errors);
  }
  return { facts: link(collected), errors };
}
