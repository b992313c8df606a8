/**
 * Which team (owning Group) a Component belongs to and what the team declares
 * about its CI: runner groups, runner scale-set manifests, repositories.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_GITHUB_TEAM_SLUG,
  ANNOTATION_RUNNER_GROUPS,
  ANNOTATION_RUNNER_MANIFESTS,
} from '@scale-readiness/plugin-scale-readiness-common';

/** What the provider reads for one team. */
export interface TeamCiSpec {
  groupRef: string;
  /** Runner groups (`org`, `name`) from `scale-readiness.io/runner-groups`. */
  runnerGroups: Array<{ org: string; name: string }>;
  /** Targets of `scale-readiness.io/runner-manifests`. */
  manifestTargets: string[];
  managedByLocation?: string;
  /** `owner/repo` of the team's Components, sorted. */
  repositories: string[];
}

const MANAGED_BY = 'backstage.io/managed-by-location';

/** `kind:namespace/name`, lower case (as `stringifyEntityRef`). */
export function entityRefOf(entity: Entity): string {
  const ns = entity.metadata.namespace ?? 'default';
  return `${entity.kind}:${ns}/${entity.metadata.name}`.toLowerCase();
}

/** Normalises `name`, `ns/name`, `kind:name` or `kind:ns/name`; undefined when invalid. */
export function normalizeRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = value.trim().match(/^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/);
  if (!m) return undefined;
  return `${m[1] ?? defaultKind}:${m[2] ?? defaultNamespace}/${
    m[3]
  }`.toLowerCase();
}

function kindOf(ref: string): string {
  return ref.split(':')[0];
}

function annotation(entity: Entity, name: string): string | undefined {
  const v = entity.metadata.annotations?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

/** The owner ref of a Component (`spec.owner`, default kind group). */
export function ownerRefOf(entity: Entity): string | undefined {
  const owner = (entity.spec as Record<string, unknown> | undefined)?.owner;
  return normalizeRef(owner, 'group', entity.metadata.namespace ?? 'default');
}

/** Component refs a group owns (`ownerOf` relations). */
export function ownedComponentRefs(group: Entity): string[] {
  const ns = group.metadata.namespace ?? 'default';
  return (group.relations ?? [])
    .filter(r => r.type === 'ownerOf')
    .map(r => normalizeRef(r.targetRef, 'component', ns))
    .filter((r): r is string => r !== undefined && kindOf(r) === 'component');
}

/** `owner/repo` of a Component, lower case; undefined without the annotation. */
export function projectSlugOf(entity: Entity): string | undefined {
  const slug = annotation(entity, ANNOTATION_GITHUB_PROJECT_SLUG);
  return slug && /^[^/\s]+\/[^/\s]+$/.test(slug)
    ? slug.toLowerCase()
    : undefined;
}

/** Whether a group declares any CI runner source the provider can read. */
export function declaresCiRunners(group: Entity): boolean {
  return (
    list(annotation(group, ANNOTATION_RUNNER_GROUPS)).length > 0 ||
    list(annotation(group, ANNOTATION_RUNNER_MANIFESTS)).length > 0
  );
}

/**
 * The team's CI spec. A runner group written without `org/` is looked up in
 * the organisation of the group's `github.com/team-slug`; without one it is
 * reported as an error by throwing.
 */
export function teamCiSpec(group: Entity, components: Entity[]): TeamCiSpec {
  const teamOrg = annotation(group, ANNOTATION_GITHUB_TEAM_SLUG)?.split('/')[0];
  const runnerGroups = list(annotation(group, ANNOTATION_RUNNER_GROUPS)).map(
    value => {
      const parts = value.split('/');
      if (parts.length === 2 && parts[0] && parts[1]) {
        return { org: parts[0], name: parts[1] };
      }
      if (parts.length === 1 && teamOrg) return { org: teamOrg, name: value };
      throw new Error(
        `${ANNOTATION_RUNNER_GROUPS}: '${value}' is not org/runner-group (and the group has no ${ANNOTATION_GITHUB_TEAM_SLUG})`,
      );
    },
  );
  const repositories = [
    ...new Set(
      components.map(projectSlugOf).filter((s): s is string => s !== undefined),
    ),
  ].sort();
  const spec: TeamCiSpec = {
    groupRef: entityRefOf(group),
    runnerGroups,
    manifestTargets: list(annotation(group, ANNOTATION_RUNNER_MANIFESTS)),
    repositories,
  };
  const location = annotation(group, MANAGED_BY);
  if (location) spec.managedByLocation = location;
  return spec;
}
