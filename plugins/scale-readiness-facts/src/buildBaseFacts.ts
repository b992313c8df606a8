import {
  Entity,
  parseEntityRef,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { BaseEntityFacts } from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Normalises a ref written in an entity's spec: missing kind → `defaultKind`,
 * missing namespace → the entity's own namespace (Backstage's rule for spec
 * refs). Returns undefined for a value that is not a valid ref.
 */
export function normalizeRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The entity's namespace, `default` when unset. */
export function entityNamespace(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

function collectRefs(
  entity: Entity,
  relationType: string,
  specValues: unknown,
  defaultKind: string,
): string[] {
  const namespace = entityNamespace(entity);
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type !== relationType) continue;
    const ref = normalizeRef(relation.targetRef, defaultKind, namespace);
    if (ref) refs.add(ref);
  }
  // The spec is the fallback for unprocessed entities (CLI, tests); for
  // processed entities it yields the same refs as the relations.
  for (const value of stringList(specValues)) {
    const ref = normalizeRef(value, defaultKind, namespace);
    if (ref) refs.add(ref);
  }
  return [...refs].sort();
}

/**
 * Identity and relation facts of an entity, read from the entity alone.
 * `entityRef` and every relation ref are normalised with `stringifyEntityRef`
 * (lower case); `kind` is lower case too. Relations are the union of
 * `entity.relations` and the spec fields (`spec.dependsOn` default kind
 * component, `spec.consumesApis` / `spec.providesApis` default kind api),
 * deduplicated and sorted.
 * @public
 */
export function buildBaseFacts(entity: Entity): BaseEntityFacts {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const facts: BaseEntityFacts = {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind.toLowerCase(),
    relations: {
      dependsOn: collectRefs(
        entity,
        RELATION_DEPENDS_ON,
        spec.dependsOn,
        'component',
      ),
      consumesApis: collectRefs(
        entity,
        RELATION_CONSUMES_API,
        spec.consumesApis,
        'api',
      ),
      providesApis: collectRefs(
        entity,
        RELATION_PROVIDES_API,
        spec.providesApis,
        'api',
      ),
    },
  };
  const type = optionalString(spec.type);
  if (type) facts.type = type;
  const lifecycle = optionalString(spec.lifecycle);
  if (lifecycle) facts.lifecycle = lifecycle;
  const system = normalizeRef(spec.system, 'system', entityNamespace(entity));
  if (system) facts.system = system;
  const title = optionalString(entity.metadata.title);
  if (title) facts.title = title;
  const tags = stringList(entity.metadata.tags);
  if (tags.length > 0) facts.tags = tags;
  return facts;
}
