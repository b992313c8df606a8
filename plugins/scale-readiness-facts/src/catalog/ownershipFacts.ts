import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CHAMPIONS,
  ANNOTATION_ONBOARDING,
  OwnershipFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { EntityLookup } from './EntityLookup';
import {
  annotation,
  groupMembers,
  linkOfType,
  ownerRefOf,
  parseChampions,
  refKind,
  userGroups,
} from './entityHelpers';

/** Refs whose entities `buildOwnership` needs in the first lookup round. */
export function ownershipRefs(entity: Entity): string[] {
  const owner = ownerRefOf(entity);
  return owner ? [owner] : [];
}

/** Refs (champions of the owning group) needed in the second round. */
export function championRefs(entity: Entity, lookup: EntityLookup): string[] {
  const ownerRef = ownerRefOf(entity);
  if (!ownerRef) return [];
  try {
    const owner = lookup.get(ownerRef);
    return owner?.kind.toLowerCase() === 'group'
      ? parseChampions(owner, ANNOTATION_CHAMPIONS).filter(
          ref => refKind(ref) === 'user',
        )
      : [];
  } catch {
    return [];
  }
}

/** The owning group entity, if the owner resolves to a Group. Throws on lookup failure. */
export function owningGroup(
  entity: Entity,
  lookup: EntityLookup,
): Entity | undefined {
  const ownerRef = ownerRefOf(entity);
  if (!ownerRef) return undefined;
  const owner = lookup.get(ownerRef);
  return owner?.kind.toLowerCase() === 'group' ? owner : undefined;
}

/**
 * Ownership facts: owner ref, whether it resolves and is a Group, the group's
 * members, champions and valid champions (users who exist and are members, by
 * the group's `hasMember` or the user's `memberOf`), and the onboarding guide.
 * Throws when a needed catalog lookup failed.
 */
export function buildOwnership(
  entity: Entity,
  lookup: EntityLookup,
): OwnershipFacts {
  const ownerRef = ownerRefOf(entity);
  const facts: OwnershipFacts = {
    ownerIsGroup: false,
    ownerResolves: false,
    memberCount: 0,
    champions: [],
    validChampions: [],
  };
  if (!ownerRef) return facts;
  facts.ownerRef = ownerRef;
  const owner = lookup.get(ownerRef);
  if (!owner) return facts;
  facts.ownerResolves = true;
  if (owner.kind.toLowerCase() !== 'group') return facts;
  facts.ownerIsGroup = true;

  const members = groupMembers(owner);
  const champions = parseChampions(owner, ANNOTATION_CHAMPIONS);
  facts.champions = champions;
  facts.validChampions = champions.filter(ref => {
    // Values that are not user refs are reported but never looked up.
    if (refKind(ref) !== 'user') return false;
    const user = lookup.get(ref);
    if (!user || user.kind.toLowerCase() !== 'user') return false;
    if (members.has(ref)) return true;
    if (userGroups(user).has(ownerRef)) {
      members.add(ref);
      return true;
    }
    return false;
  });
  facts.memberCount = members.size;
  const onboarding =
    annotation(owner, ANNOTATION_ONBOARDING) ?? linkOfType(owner, 'onboarding');
  if (onboarding) facts.onboardingUrl = onboarding;
  return facts;
}
