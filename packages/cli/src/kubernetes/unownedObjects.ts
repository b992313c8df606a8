import {
  type LabelSelector,
  selectorMatches,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { EntityFacts } from '@scale-readiness/plugin-scale-readiness-common';
import { compareStrings } from '../compare';
import type { KubernetesDocument } from '../input/classify';

type Obj = Record<string, unknown>;

/**
 * A Kubernetes object of the input that matches no component: an autoscaler
 * whose scale target exists nowhere in the input, a PodDisruptionBudget whose
 * selector matches no pod, or a ResourceQuota in a namespace where no scored
 * component runs a workload.
 * @public
 */
export interface UnownedObject {
  /** The file, relative to the working directory when below it. */
  file: string;
  /** 1-based line where the object's document starts. */
  line: number;
  kind: string;
  name: string;
  namespace?: string;
  /** `dangling-autoscaler`, `orphan-pdb` or `unowned-quota`. */
  type: 'dangling-autoscaler' | 'orphan-pdb' | 'unowned-quota';
  message: string;
}

interface Located {
  value: Obj;
  path: string;
  line: number;
  kind: string;
  group: string;
  apiVersion: string;
  name: string;
  namespace?: string;
}

function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value) ?? {})) {
    if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

/** Kinds that run pods and can be a scale target. */
function isWorkload(o: Pick<Located, 'kind' | 'group'>): boolean {
  return (
    ((o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
      o.group === 'apps') ||
    (o.kind === 'Rollout' && o.group === 'argoproj.io')
  );
}

function flatten(doc: KubernetesDocument): Located[] {
  const out: Located[] = [];
  const visit = (value: unknown) => {
    const obj = asObject(value);
    if (!obj) return;
    const apiVersion = str(obj.apiVersion) ?? '';
    const kind = str(obj.kind) ?? '';
    if (kind.endsWith('List') && Array.isArray(obj.items)) {
      obj.items.forEach(visit);
      return;
    }
    const metadata = asObject(obj.metadata) ?? {};
    const name = str(metadata.name);
    if (!name) return;
    out.push({
      value: obj,
      path: doc.file.path,
      line: doc.document.line,
      kind,
      apiVersion,
      group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
      name,
      namespace: str(metadata.namespace),
    });
  };
  visit(doc.value);
  return out;
}

/** Objects without a namespace are applied into whatever namespace is current. */
function sameNamespace(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}

function pdbSelector(o: Located): LabelSelector | undefined {
  const selector = asObject(asObject(o.value.spec)?.selector);
  if (!selector) return undefined;
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  return {
    matchLabels: stringMap(selector.matchLabels),
    matchExpressions: expressions.map(e => {
      const expr = asObject(e) ?? {};
      return {
        key: String(expr.key ?? ''),
        operator: String(expr.operator ?? ''),
        values: Array.isArray(expr.values) ? expr.values.map(String) : [],
      };
    }),
  };
}

function selectorText(selector: LabelSelector | undefined): string {
  if (!selector) return 'no selector';
  const parts = [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(
      e => `${e.key} ${e.operator}${e.values?.length ? ` (${e.values})` : ''}`,
    ),
  ];
  return parts.length > 0 ? parts.join(',') : 'an empty selector';
}

function label(o: Located): string {
  return `${o.kind}/${o.name}${
    o.namespace ? ` (namespace ${o.namespace})` : ''
  }`;
}

/**
 * Finds the objects of the whole input that match no component (see
 * {@link UnownedObject}). `scored` are the facts of every scored entity:
 * a ResourceQuota is owned when one of their workloads runs in its namespace.
 * Sorted by file, then line.
 * @public
 */
export function findUnownedObjects(
  documents: ReadonlyArray<KubernetesDocument>,
  scored: ReadonlyArray<Pick<EntityFacts, 'workloads'>>,
  display: (file: string) => string,
): UnownedObject[] {
  const objects = documents.flatMap(flatten);
  const workloads = objects.filter(isWorkload);
  const found: UnownedObject[] = [];
  const add = (
    o: Located,
    type: UnownedObject['type'],
    message: string,
  ): void => {
    const entry: UnownedObject = {
      file: display(o.path),
      line: o.line,
      kind: o.kind,
      name: o.name,
      type,
      message,
    };
    if (o.namespace !== undefined) entry.namespace = o.namespace;
    found.push(entry);
  };

  for (const o of objects) {
    const spec = asObject(o.value.spec) ?? {};
    if (
      (o.kind === 'HorizontalPodAutoscaler' && o.group === 'autoscaling') ||
      (o.kind === 'ScaledObject' && o.group === 'keda.sh')
    ) {
      const ref = asObject(spec.scaleTargetRef) ?? {};
      const kind =
        str(ref.kind) ?? (o.kind === 'ScaledObject' ? 'Deployment' : '');
      const name = str(ref.name) ?? '';
      const exists = workloads.some(
        w =>
          w.kind === kind &&
          w.name === name &&
          sameNamespace(w.namespace, o.namespace),
      );
      if (!exists) {
        add(
          o,
          'dangling-autoscaler',
          `${label(
            o,
          )} targets ${kind}/${name}, which is in none of the files read: it autoscales nothing. Fix scaleTargetRef or delete it.`,
        );
      }
    } else if (o.kind === 'PodDisruptionBudget' && o.group === 'policy') {
      const selector = pdbSelector(o);
      const emptyMatchesAll = o.apiVersion !== 'policy/v1beta1';
      const matches = workloads.some(w => {
        const template = asObject(asObject(w.value.spec)?.template);
        const podLabels = stringMap(asObject(template?.metadata)?.labels);
        return (
          sameNamespace(w.namespace, o.namespace) &&
          selectorMatches(selector, podLabels, emptyMatchesAll)
        );
      });
      if (!matches) {
        add(
          o,
          'orphan-pdb',
          `${label(o)} selects ${selectorText(
            selector,
          )}, which matches the pods of no Deployment, StatefulSet or Rollout read: it protects nothing. Fix its selector or delete it.`,
        );
      }
    } else if (o.kind === 'ResourceQuota' && o.apiVersion === 'v1') {
      const owned = scored.some(f =>
        (f.workloads?.value?.workloads ?? []).some(w =>
          sameNamespace(w.namespace, o.namespace),
        ),
      );
      if (!owned) {
        add(
          o,
          'unowned-quota',
          `${label(
            o,
          )} limits a namespace in which no scored component runs a workload: nobody watches this quota. Link the namespace's workloads to a component (backstage.io/kubernetes-id or scale-readiness.io/manifests), or delete the quota.`,
        );
      }
    }
  }
  return found.sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      compareStrings(a.name, b.name),
  );
}
