import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CI_CAPACITY,
  ANNOTATION_NODE_CAPACITY,
  ANNOTATION_QUOTAS,
  ANNOTATION_SERVERLESS,
  BaseEntityFacts,
  CiCapacityFacts,
  Fact,
  NodeCapacityFacts,
  QuotaFact,
  ServerlessFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  parseCiCapacity,
  parseDeclaredQuotas,
  parseNodeCapacity,
  parseServerless,
} from './declaredValues';
import type { EntityLookup } from './EntityLookup';
import { annotation, refKind } from './entityHelpers';

/** Source of values teams declare in annotations. */
export const DECLARED_SOURCE = 'declared';

const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';

/** Resource refs among the entity's `dependsOn` (looked up for quotas and clusters). */
export function dependencyResourceRefs(base: BaseEntityFacts): string[] {
  return base.relations.dependsOn.filter(ref => refKind(ref) === 'resource');
}

function isResource(entity: Entity | undefined): entity is Entity {
  return entity?.kind.toLowerCase() === 'resource';
}

function isCluster(entity: Entity): boolean {
  return (
    isResource(entity) &&
    (entity.spec as Record<string, unknown> | undefined)?.type ===
      KUBERNETES_CLUSTER_TYPE
  );
}

/** The entity followed by the Resources it depends on that exist in the catalog. */
function withDependencyResources(
  entity: Entity,
  base: BaseEntityFacts,
  lookup: EntityLookup,
): Entity[] {
  return [
    entity,
    ...dependencyResourceRefs(base)
      .map(ref => lookup.get(ref))
      .filter(isResource),
  ];
}

/**
 * Quotas declared with `scale-readiness.io/quotas` on the entity itself. Quotas
 * declared on a Resource belong to that Resource, which is scored on its own;
 * chain readiness carries its headroom to every component that depends on it,
 * so the weakest link names the Resource. Any invalid declaration makes the
 * section `error`; nothing declared → undefined.
 */
export function buildDeclaredQuotas(
  entity: Entity,
  collectedAt: Date,
): Fact<QuotaFact[]> | undefined {
  const sources: Entity[] = [entity];
  const quotas: QuotaFact[] = [];
  const errors: string[] = [];
  const declaredOn: string[] = [];
  for (const source of sources) {
    const text = annotation(source, ANNOTATION_QUOTAS);
    if (!text) continue;
    const sourceRef = stringifyEntityRef(source);
    declaredOn.push(sourceRef);
    try {
      for (const q of parseDeclaredQuotas(text, ANNOTATION_QUOTAS)) {
        const quota: QuotaFact = {
          id: `declared/${sourceRef}/${q.name}`,
          name: q.name,
          limit: q.limit,
          peak: q.peak,
          origin: DECLARED_SOURCE,
        };
        if (q.unit !== undefined) quota.unit = q.unit;
        if (q.adjustable !== undefined) quota.adjustable = q.adjustable;
        if (q.increaseUrl !== undefined) quota.increaseUrl = q.increaseUrl;
        if (q.note !== undefined) quota.note = q.note;
        quotas.push(quota);
      }
    } catch (e) {
      errors.push(`${sourceRef}: ${describeError(e)}`);
    }
  }
  if (declaredOn.length === 0) return undefined;
  const meta = {
    source: DECLARED_SOURCE,
    location: `${ANNOTATION_QUOTAS} on ${declaredOn.join(', ')}`,
    collectedAt,
  };
  return errors.length > 0
    ? errorFact(errors.join('; '), meta)
    : okFact(quotas, meta);
}

/**
 * Node capacity declared with `scale-readiness.io/node-capacity` on the
 * `kubernetes-cluster` Resources the entity depends on (or on the entity itself
 * when it is such a cluster).
 */
export function buildDeclaredNodeCapacity(
  entity: Entity,
  base: BaseEntityFacts,
  lookup: EntityLookup,
  collectedAt: Date,
): Fact<NodeCapacityFacts> | undefined {
  let clusters: Entity[];
  try {
    clusters = withDependencyResources(entity, base, lookup).filter(
      e =>
        isCluster(e) && annotation(e, ANNOTATION_NODE_CAPACITY) !== undefined,
    );
  } catch (e) {
    return errorFact(e, {
      source: DECLARED_SOURCE,
      location: ANNOTATION_NODE_CAPACITY,
      collectedAt,
    });
  }
  if (clusters.length === 0) return undefined;
  const meta = {
    source: DECLARED_SOURCE,
    location: `${ANNOTATION_NODE_CAPACITY} on ${clusters
      .map(c => stringifyEntityRef(c))
      .join(', ')}`,
    collectedAt,
  };
  const value: NodeCapacityFacts = { clusters: [] };
  const errors: string[] = [];
  for (const cluster of clusters) {
    try {
      value.clusters.push(
        parseNodeCapacity(
          annotation(cluster, ANNOTATION_NODE_CAPACITY)!,
          ANNOTATION_NODE_CAPACITY,
          cluster.metadata.name,
        ),
      );
    } catch (e) {
      errors.push(`${stringifyEntityRef(cluster)}: ${describeError(e)}`);
    }
  }
  return errors.length > 0
    ? errorFact(errors.join('; '), meta)
    : okFact(value, meta);
}

/** Serverless concurrency declared with `scale-readiness.io/serverless` on the entity. */
export function buildDeclaredServerless(
  entity: Entity,
  collectedAt: Date,
): Fact<ServerlessFacts> | undefined {
  const text = annotation(entity, ANNOTATION_SERVERLESS);
  if (!text) return undefined;
  const meta = {
    source: DECLARED_SOURCE,
    location: ANNOTATION_SERVERLESS,
    collectedAt,
  };
  try {
    return okFact(parseServerless(text, ANNOTATION_SERVERLESS), meta);
  } catch (e) {
    return errorFact(e, meta);
  }
}

/** CI runner capacity declared with `scale-readiness.io/ci-capacity` on the owning group. */
export function buildDeclaredCiCapacity(
  group: Entity | undefined,
  collectedAt: Date,
): Fact<CiCapacityFacts> | undefined {
  const text = group ? annotation(group, ANNOTATION_CI_CAPACITY) : undefined;
  if (!group || !text) return undefined;
  const meta = {
    source: DECLARED_SOURCE,
    location: `${ANNOTATION_CI_CAPACITY} on ${stringifyEntityRef(group)}`,
    collectedAt,
  };
  try {
    return okFact(parseCiCapacity(text, ANNOTATION_CI_CAPACITY), meta);
  } catch (e) {
    return errorFact(e, meta);
  }
}
