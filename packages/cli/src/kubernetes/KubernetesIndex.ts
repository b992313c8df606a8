import {
  type LabelSelector,
  type ManifestObject,
  selectorMatches,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { KubernetesDocument } from '../input/classify';

type Obj = Record<string, unknown>;

interface Indexed {
  seq: number;
  object: ManifestObject;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Pod template labels (workloads only). */
  podLabels: Record<string, string>;
  /** `Kind/name` a scaler targets. */
  target?: string;
}

function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value) ?? {})) {
    if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Objects of one sort with an index on their `key=value` labels. */
class LabelledSet {
  readonly all: Indexed[] = [];
  readonly #byLabel = new Map<string, Indexed[]>();

  add(entry: Indexed, ...labelSets: Array<Record<string, string>>): void {
    this.all.push(entry);
    const keys = new Set(
      labelSets.flatMap(l => Object.entries(l).map(([k, v]) => `${k}=${v}`)),
    );
    keys.forEach(k => push(this.#byLabel, k, entry));
  }

  /** Entries that may match: those carrying the selector's first matchLabels pair. */
  candidates(selector: LabelSelector): Indexed[] {
    const first = Object.entries(selector.matchLabels ?? {})[0];
    return first
      ? this.#byLabel.get(`${first[0]}=${first[1]}`) ?? []
      : this.all;
  }
}

/**
 * Which objects a component's label selector reaches: workloads by their
 * labels or pod template labels, autoscalers by their target (or their own
 * labels), PDBs and ResourceQuotas by namespace.
 */
export interface Selection {
  selector: LabelSelector;
  /** `backstage.io/kubernetes-namespace`: only objects in it (or without one). */
  namespace?: string;
}

/**
 * Kubernetes objects of the input, indexed to find the ones that belong to a
 * component the way the Backstage Kubernetes plugin does (by label selector),
 * plus the autoscalers, PodDisruptionBudgets and ResourceQuotas that apply to
 * those workloads. `*List` objects are split into their items.
 */
export class KubernetesIndex {
  readonly #workloads = new LabelledSet();
  readonly #scalers = new LabelledSet();
  readonly #scalersByTarget = new Map<string, Indexed[]>();
  /** PDBs by their first `matchLabels` pair; a pod must carry it to be selected. */
  readonly #pdbsByFirstLabel = new Map<string, Indexed[]>();
  /** PDBs without `matchLabels` (expressions only, or empty). */
  readonly #pdbsWithoutLabels: Indexed[] = [];
  readonly #quotas = new LabelledSet();
  readonly #quotasByNamespace = new Map<string, Indexed[]>();
  #seq = 0;

  constructor(documents: ReadonlyArray<KubernetesDocument>) {
    for (const doc of documents) {
      this.#add(doc.value, doc.file.path, doc.document.line);
    }
  }

  /** Number of Deployments, StatefulSets and Argo Rollouts indexed. */
  get workloadCount(): number {
    return this.#workloads.all.length;
  }

  #add(value: unknown, path: string, line: number): void {
    const obj = asObject(value);
    if (!obj) return;
    const apiVersion = str(obj.apiVersion) ?? '';
    const kind = str(obj.kind) ?? '';
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    if (kind.endsWith('List') && Array.isArray(obj.items)) {
      obj.items.forEach(item => this.#add(item, path, line));
      return;
    }
    const metadata = asObject(obj.metadata) ?? {};
    const entry: Indexed = {
      seq: this.#seq++,
      object: { value: obj, path, line },
      name: str(metadata.name),
      namespace: str(metadata.namespace),
      labels: labelsOf(metadata.labels),
      podLabels: {},
    };
    const spec = asObject(obj.spec) ?? {};
    if (
      ((kind === 'Deployment' || kind === 'StatefulSet') && group === 'apps') ||
      (kind === 'Rollout' && group === 'argoproj.io')
    ) {
      entry.podLabels = labelsOf(
        asObject(asObject(spec.template)?.metadata)?.labels,
      );
      this.#workloads.add(entry, entry.labels, entry.podLabels);
    } else if (
      (kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') ||
      (kind === 'ScaledObject' && group === 'keda.sh')
    ) {
      const ref = asObject(spec.scaleTargetRef) ?? {};
      const targetKind =
        str(ref.kind) ?? (kind === 'ScaledObject' ? 'Deployment' : '');
      entry.target = `${targetKind}/${str(ref.name) ?? ''}`;
      this.#scalers.add(entry, entry.labels);
      push(this.#scalersByTarget, entry.target, entry);
    } else if (kind === 'Canary' && group === 'flagger.app') {
      // Picked with the workload it rolls out, like an autoscaler.
      const ref = asObject(spec.targetRef) ?? {};
      entry.target = `${str(ref.kind) ?? 'Deployment'}/${str(ref.name) ?? ''}`;
      push(this.#scalersByTarget, entry.target, entry);
    } else if (kind === 'PodDisruptionBudget' && group === 'policy') {
      const first = Object.entries(
        labelsOf(asObject(spec.selector)?.matchLabels),
      )[0];
      if (first) push(this.#pdbsByFirstLabel, `${first[0]}=${first[1]}`, entry);
      else this.#pdbsWithoutLabels.push(entry);
    } else if (kind === 'ResourceQuota' && apiVersion === 'v1') {
      this.#quotas.add(entry, entry.labels);
      push(this.#quotasByNamespace, entry.namespace ?? '', entry);
    }
  }

  /**
   * The objects that belong to a component: workloads whose labels or pod
   * template labels match the selector (in the namespace, when given), the
   * autoscalers targeting them or carrying matching labels, the PDBs that may
   * select their pods (same namespace, first `matchLabels` pair present; the
   * exact match is left to `buildWorkloadSet`), and the ResourceQuotas of their namespaces or with matching
   * labels. Empty when no workload matches and nothing else carries the labels.
   */
  select({ selector, namespace }: Selection): ManifestObject[] {
    const inNamespace = (e: Indexed) =>
      namespace === undefined ||
      e.namespace === undefined ||
      e.namespace === namespace;
    const labelled = (e: Indexed) =>
      inNamespace(e) && selectorMatches(selector, e.labels, false);

    const workloads = this.#workloads
      .candidates(selector)
      .filter(
        w =>
          inNamespace(w) &&
          (selectorMatches(selector, w.labels, false) ||
            selectorMatches(selector, w.podLabels, false)),
      );

    const picked = new Set<Indexed>(workloads);
    const namespaces = new Set<string>();
    const sameNamespace = (a?: string, b?: string) =>
      a === undefined || b === undefined || a === b;
    for (const w of workloads) {
      if (w.namespace !== undefined) namespaces.add(w.namespace);
      const pdbs = [
        ...Object.entries(w.podLabels).flatMap(
          ([k, v]) => this.#pdbsByFirstLabel.get(`${k}=${v}`) ?? [],
        ),
        ...this.#pdbsWithoutLabels,
      ];
      for (const p of pdbs) {
        if (sameNamespace(w.namespace, p.namespace)) picked.add(p);
      }
      for (const s of this.#scalersByTarget.get(
        `${(w.object.value as Obj).kind}/${w.name ?? ''}`,
      ) ?? []) {
        picked.add(s);
      }
    }
    this.#scalers
      .candidates(selector)
      .filter(labelled)
      .forEach(s => picked.add(s));
    [...namespaces]
      .flatMap(ns => this.#quotasByNamespace.get(ns) ?? [])
      .forEach(q => picked.add(q));
    this.#quotas
      .candidates(selector)
      .filter(labelled)
      .forEach(q => picked.add(q));

    return [...picked].sort((a, b) => a.seq - b.seq).map(e => e.object);
  }
}
