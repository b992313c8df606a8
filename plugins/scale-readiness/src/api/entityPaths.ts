import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The `kind`, `namespace` and `name` of an entity ref, each URI-encoded, as
 * the backend's paths take them (namespace `default` when the ref has none).
 */
export function entityPathSegments(
  entityRef: string,
  defaultKind?: string,
): [kind: string, namespace: string, name: string] {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return [
    encodeURIComponent(kind),
    encodeURIComponent(namespace),
    encodeURIComponent(name),
  ];
}

/** `kind/namespace/name` of an entity ref, each segment URI-encoded. */
export function entityPath(entityRef: string, defaultKind?: string): string {
  return entityPathSegments(entityRef, defaultKind).join('/');
}

/** `group:namespace/name` of a group ref (default kind group, namespace default). */
export function groupTeamRef(groupRef: string): string {
  const { namespace, name } = parseEntityRef(groupRef, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return `group:${namespace}/${name}`;
}
