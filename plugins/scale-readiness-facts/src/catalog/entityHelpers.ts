import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
} from '@backstage/catalog-model';
import { entityNamespace, normalizeRef } from '../buildBaseFacts';

/** A trimmed annotation value, undefined when absent or blank. */
export function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** URL of the first `metadata.links` entry of this type. */
export function linkOfType(entity: Entity, type: string): string | undefined {
  return entity.metadata.links?.find(
    link => link.type?.toLowerCase() === type && typeof link.url === 'string',
  )?.url;
}

/** Lower-case kind of a normalised ref, undefined for invalid refs. */
export function refKind(ref: string): string | undefined {
  try {
    return parseEntityRef(ref).kind.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The normalised owner ref of an entity (default kind group). */
export function ownerRefOf(entity: Entity): string | undefined {
  return normalizeRef(
    (entity.spec as Record<string, unknown> | undefined)?.owner,
    'group',
    entityNamespace(entity),
  );
}

function refsOf(
  entity: Entity,
  relationType: string,
  specValues: unknown,
  defaultKind: string,
): Set<string> {
  const namespace = entityNamespace(entity);
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type !== relationType) continue;
    const ref = normalizeRef(relation.targetRef, defaultKind, namespace);
    if (ref) refs.add(ref);
  }
  if (Array.isArray(specValues)) {
    for (const value of specValues) {
      const ref = normalizeRef(value, defaultKind, namespace);
      if (ref) refs.add(ref);
    }
  }
  return refs;
}

/** Direct members of a group: `hasMember` relations plus `spec.members`. */
export function groupMembers(group: Entity): Set<string> {
  const spec = group.spec as Record<string, unknown> | undefined;
  return refsOf(group, RELATION_HAS_MEMBER, spec?.members, 'user');
}

/** Groups a user belongs to: `memberOf` relations plus `spec.memberOf`. */
export function userGroups(user: Entity): Set<string> {
  const spec = user.spec as Record<string, unknown> | undefined;
  return refsOf(user, RELATION_MEMBER_OF, spec?.memberOf, 'group');
}

/**
 * Champions declared on a group: comma-separated user refs or plain names,
 * resolved in the group's namespace. A value that is not a valid ref is kept as
 * written so a check can report it.
 */
export function parseChampions(
  group: Entity,
  annotationName: string,
): string[] {
  const raw = annotation(group, annotationName);
  if (!raw) return [];
  const champions = raw
    .split(',')
    .map(v => v.trim())
    .filter(Boolean)
    .map(v => normalizeRef(v, 'user', entityNamespace(group)) ?? v);
  return [...new Set(champions)];
}
