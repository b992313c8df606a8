import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProviderCatalog } from '@scale-readiness/plugin-scale-readiness-node';
import { buildBaseFacts } from '@scale-readiness/plugin-scale-readiness-facts';

/** `spec.type` of catalog Resources that stand for a Kubernetes cluster. */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/**
 * How the Kubernetes backend selects the entity's objects, for messages; or
 * undefined when the entity is not linked to Kubernetes (the Kubernetes
 * plugin's annotations are missing).
 */
export function kubernetesSelector(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() !== 'component') return undefined;
  const selector = annotation(entity, ANNOTATION_KUBERNETES_LABEL_SELECTOR);
  if (selector) return `label selector '${selector}'`;
  const id = annotation(entity, ANNOTATION_KUBERNETES_ID);
  return id ? `label 'backstage.io/kubernetes-id=${id}'` : undefined;
}

/** Whether an entity is a `kubernetes-cluster` Resource. */
export function isClusterResource(
  entity: Entity | undefined,
): entity is Entity {
  return (
    entity?.kind.toLowerCase() === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      KUBERNETES_CLUSTER_TYPE
  );
}

/**
 * Clusters named by catalog entities: a `kubernetes-cluster` Resource named
 * like a cluster of the Kubernetes backend stands for it (the entity itself,
 * or one it `dependsOn`). Returns entity ref → cluster names. A failed catalog
 * lookup leaves the dependencies out (the live workloads still name clusters).
 */
export async function clustersNamedInCatalog(
  entities: Entity[],
  entityRefs: string[],
  clusterNames: ReadonlySet<string>,
  catalog: FactProviderCatalog,
): Promise<{ byEntity: Map<string, string[]>; lookupError?: string }> {
  const byEntity = new Map<string, string[]>();
  const deps = new Map<string, string[]>();
  entities.forEach((entity, i) => {
    const ref = entityRefs[i];
    if (isClusterResource(entity) && clusterNames.has(entity.metadata.name)) {
      byEntity.set(ref, [entity.metadata.name]);
    }
    const dependsOn = buildBaseFacts(entity).relations.dependsOn.filter(r =>
      r.startsWith('resource:'),
    );
    if (dependsOn.length > 0) deps.set(ref, dependsOn);
  });
  const refs = [...new Set([...deps.values()].flat())];
  if (refs.length === 0) return { byEntity };
  let found: Array<Entity | undefined>;
  try {
    found = await catalog.getEntitiesByRefs(refs);
  } catch (e) {
    return {
      byEntity,
      lookupError: `catalog lookup of dependsOn clusters failed: ${
        e instanceof Error ? e.message : String(e)
      }`,
    };
  }
  const clusterOf = new Map<string, string>();
  refs.forEach((ref, i) => {
    const entity = found[i];
    if (isClusterResource(entity) && clusterNames.has(entity.metadata.name)) {
      clusterOf.set(ref, entity.metadata.name);
    }
  });
  for (const [ref, dependsOn] of deps) {
    const names = dependsOn
      .map(d => clusterOf.get(d))
      .filter((n): n is string => Boolean(n));
    if (names.length > 0) {
      byEntity.set(ref, [...new Set([...(byEntity.get(ref) ?? []), ...names])]);
    }
  }
  return { byEntity };
}
