import {
  Entity,
  EntityRelation,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { compareStrings } from '../compare';

/** `[spec field, default kind, outgoing relation, incoming relation]` */
type Rule = [string, string | undefined, string, string];

const OWNER: Rule = ['owner', 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF];
const SYSTEM: Rule = ['system', 'System', RELATION_PART_OF, RELATION_HAS_PART];
const DEPENDS_ON: Rule = [
  'dependsOn',
  undefined,
  RELATION_DEPENDS_ON,
  RELATION_DEPENDENCY_OF,
];
const DEPENDENCY_OF: Rule = [
  'dependencyOf',
  undefined,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
];

/**
 * The relations Backstage's `BuiltinKindsEntityProcessor` emits for each kind,
 * from the spec fields; every relation is also added in reverse to its target.
 */
const RULES: Record<string, Rule[]> = {
  component: [
    OWNER,
    ['subcomponentOf', 'Component', RELATION_PART_OF, RELATION_HAS_PART],
    ['providesApis', 'API', RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
    ['consumesApis', 'API', RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
    DEPENDS_ON,
    DEPENDENCY_OF,
    SYSTEM,
  ],
  api: [OWNER, SYSTEM],
  resource: [OWNER, DEPENDS_ON, DEPENDENCY_OF, SYSTEM],
  user: [['memberOf', 'Group', RELATION_MEMBER_OF, RELATION_HAS_MEMBER]],
  group: [
    ['parent', 'Group', RELATION_CHILD_OF, RELATION_PARENT_OF],
    ['children', 'Group', RELATION_PARENT_OF, RELATION_CHILD_OF],
    ['members', 'User', RELATION_HAS_MEMBER, RELATION_MEMBER_OF],
  ],
  system: [OWNER, ['domain', 'Domain', RELATION_PART_OF, RELATION_HAS_PART]],
  domain: [
    OWNER,
    ['subdomainOf', 'Domain', RELATION_PART_OF, RELATION_HAS_PART],
  ],
};

/** An entity ref written in a spec that could not be parsed. */
export interface RelationProblem {
  entityRef: string;
  message: string;
}

/**
 * Adds to every entity the relations the catalog would store for it, as the
 * portal sees them after processing and stitching: the relations its own spec
 * declares and those other entities declare towards it (a User's `memberOf`
 * gives its Group a `hasMember`). Relations already present are kept; the
 * result is deduplicated and sorted. Input entities are not modified.
 */
export function withCatalogRelations(entities: ReadonlyArray<Entity>): {
  entities: Entity[];
  problems: RelationProblem[];
} {
  const bySource = new Map<string, Map<string, EntityRelation>>();
  const problems: RelationProblem[] = [];
  const add = (source: string, type: string, targetRef: string) => {
    let relations = bySource.get(source);
    if (!relations) bySource.set(source, (relations = new Map()));
    relations.set(`${type} ${targetRef}`, { type, targetRef });
  };

  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    for (const [field, defaultKind, outgoing, incoming] of RULES[
      entity.kind.toLowerCase()
    ] ?? []) {
      const value = spec[field];
      if (value === undefined || value === null) continue;
      for (const target of [value].flat()) {
        try {
          if (typeof target !== 'string') throw new Error('not a string');
          const ref = stringifyEntityRef(
            parseEntityRef(target, {
              defaultKind,
              defaultNamespace: namespace,
            }),
          );
          add(self, outgoing, ref);
          add(ref, incoming, self);
        } catch (e) {
          problems.push({
            entityRef: self,
            message: `spec.${field}: '${String(
              target,
            )}' is not a valid entity ref (${
              e instanceof Error ? e.message : String(e)
            })`,
          });
        }
      }
    }
  }

  const result = entities.map(entity => {
    const self = stringifyEntityRef(entity);
    const relations = new Map<string, EntityRelation>();
    for (const r of entity.relations ?? []) {
      relations.set(`${r.type} ${r.targetRef}`, r);
    }
    for (const [key, r] of bySource.get(self) ?? []) relations.set(key, r);
    return {
      ...entity,
      relations: [...relations.entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([, r]) => r),
    };
  });
  return { entities: result, problems };
}
