import type {
  UnownedObject,
  UnownedObjectsResponse,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ReadinessStore } from '../database';

/** Entities whose facts are read at once. */
const CHUNK = 500;

function label(kind: string, name: string, namespace?: string): string {
  return `${kind}/${name}${namespace ? ` (namespace ${namespace})` : ''}`;
}

/**
 * The org-level list of Kubernetes objects that match no component, from the
 * stored facts of every entity (manifests and live sources): autoscalers
 * whose scale target exists nowhere among the objects read with them
 * (`danglingScalers`), PodDisruptionBudgets whose selector matches no pod
 * (`orphanPdbs`), and ResourceQuotas of namespaces in which no entity runs a
 * workload. Each object is listed once per entity and source that read it,
 * sorted by type, namespace and name. Reads facts in chunks of 500 entities.
 * With `entityRef`, only the objects read with that entity (`foundOn`): every
 * entity is still read, because whether a quota's namespace runs a workload
 * depends on all of them.
 * @internal
 */
export async function listUnownedObjects(
  store: Pick<ReadinessStore, 'listEntityGraph' | 'getFacts'>,
  options: { entityRef?: string } = {},
): Promise<UnownedObjectsResponse> {
  const refs = (await store.listEntityGraph()).map(n => n.entityRef).sort();
  const objects: UnownedObject[] = [];
  const quotas: Array<Omit<UnownedObject, 'type' | 'message'>> = [];
  const namespacesWithWorkloads = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const chunk = refs.slice(i, i + CHUNK);
    const stored = await store.getFacts(chunk);
    for (const ref of chunk) {
      for (const contribution of stored.get(ref) ?? []) {
        const fact = contribution.facts.workloads;
        if (fact?.status !== 'ok' || !fact.value) continue;
        const value: WorkloadSetFacts = fact.value;
        const where = {
          foundOn: ref,
          source: fact.source,
          ...(fact.location ? { location: fact.location } : {}),
        };
        for (const w of value.workloads ?? []) {
          namespacesWithWorkloads.add(w.namespace ?? '');
        }
        for (const s of value.danglingScalers ?? []) {
          objects.push({
            type: 'dangling-autoscaler',
            kind: s.kind,
            name: s.name,
            ...(s.namespace ? { namespace: s.namespace } : {}),
            ...where,
            message: `${label(s.kind, s.name, s.namespace)} targets ${
              s.target
            }, which exists nowhere among the objects read: it autoscales nothing. Fix scaleTargetRef or delete it.`,
          });
        }
        for (const p of value.orphanPdbs ?? []) {
          objects.push({
            type: 'orphan-pdb',
            kind: 'PodDisruptionBudget',
            name: p.name,
            ...(p.namespace ? { namespace: p.namespace } : {}),
            ...where,
            message: `${label(
              'PodDisruptionBudget',
              p.name,
              p.namespace,
            )} matches the pods of no workload read: it protects nothing. Fix its selector or delete it.`,
          });
        }
        for (const q of value.resourceQuotas ?? []) {
          quotas.push({
            kind: 'ResourceQuota',
            name: q.name,
            ...(q.namespace ? { namespace: q.namespace } : {}),
            ...where,
          });
        }
      }
    }
  }
  for (const q of quotas) {
    // A quota without a namespace applies wherever it is applied: unknown.
    if (q.namespace === undefined || namespacesWithWorkloads.has(q.namespace))
      continue;
    objects.push({
      type: 'unowned-quota',
      ...q,
      message: `${label(
        q.kind,
        q.name,
        q.namespace,
      )} limits a namespace in which no scored entity runs a workload: nobody watches this quota. Link the namespace's workloads to a component, or delete the quota.`,
    });
  }
  const key = (o: UnownedObject) =>
    [o.type, o.namespace ?? '', o.name, o.foundOn, o.source].join('\u0000');
  const seen = new Set<string>();
  const wanted = options.entityRef?.toLowerCase();
  const unique = objects.filter(o => {
    if (wanted !== undefined && o.foundOn.toLowerCase() !== wanted)
      return false;
    const k = key(o);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => key(a).localeCompare(key(b), 'en'));
  return { objects: unique, entitiesScanned: refs.length };
}
