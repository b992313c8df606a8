import {
  createConditionAuthorizer,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
  type PermissionRule,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_SCALE_READINESS_TEAM } from '@scale-readiness/plugin-scale-readiness-common';
import type { TeamInfo } from './TeamDirectory';

/**
 * A team as the champion-action permission rules see it: read from the
 * catalog when the decision is made.
 * @public
 */
export interface ScaleReadinessTeamResource {
  /** Group entity ref. */
  entityRef: string;
  /** Champions who may act (user entity refs). */
  champions: string[];
  /** Direct members (user entity refs). */
  members: string[];
}

/** Query form of the team rules (the plugin applies them in memory). @public */
export type ScaleReadinessTeamQuery = {
  property: 'champions' | 'members';
  values: string[];
};

/**
 * Resource ref of the `scale-readiness-team` resource type.
 * @public
 */
export const scaleReadinessTeamResourceRef = createPermissionResourceRef<
  ScaleReadinessTeamResource,
  ScaleReadinessTeamQuery
>().with({
  pluginId: 'scale-readiness',
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/** Parameters of the team rules. @public */
export type ScaleReadinessTeamRuleParams = { claims: string[] };

const CLAIMS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Entity refs of the caller (usually user.identity.ownershipEntityRefs)',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

/** A Standard Schema (with JSON Schema) for `{ claims: string[] }`. */
const claimsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'scale-readiness',
    validate: (value: unknown) => {
      const claims = (value as { claims?: unknown } | null)?.claims;
      return Array.isArray(claims) && claims.every(c => typeof c === 'string')
        ? { value: { claims } as ScaleReadinessTeamRuleParams }
        : { issues: [{ message: 'claims must be an array of strings' }] };
    },
    jsonSchema: {
      input: () => CLAIMS_JSON_SCHEMA,
      output: () => CLAIMS_JSON_SCHEMA,
    },
  },
};

function intersects(values: string[], claims: string[]): boolean {
  const lower = new Set(claims.map(c => c.toLowerCase()));
  return values.some(v => lower.has(v.toLowerCase()));
}

/**
 * "Is champion of the owning group": allows when one of `claims` is a
 * champion of the team.
 * @public
 */
export const isTeamChampion = createPermissionRule<
  typeof scaleReadinessTeamResourceRef,
  ScaleReadinessTeamRuleParams
>({
  name: 'IS_TEAM_CHAMPION',
  description: 'Allow when the caller is a champion of the team',
  resourceRef: scaleReadinessTeamResourceRef,
  paramsSchema: claimsSchema,
  apply: (team: ScaleReadinessTeamResource, { claims }) =>
    intersects(team.champions, claims),
  toQuery: ({ claims }) => ({ property: 'champions', values: claims }),
});

/**
 * Allows when one of `claims` is a member of the team (for read permissions).
 * @public
 */
export const isTeamMember = createPermissionRule<
  typeof scaleReadinessTeamResourceRef,
  ScaleReadinessTeamRuleParams
>({
  name: 'IS_TEAM_MEMBER',
  description: 'Allow when the caller is a member of the team',
  resourceRef: scaleReadinessTeamResourceRef,
  paramsSchema: claimsSchema,
  apply: (team: ScaleReadinessTeamResource, { claims }) =>
    intersects(team.members, claims) || intersects(team.champions, claims),
  toQuery: ({ claims }) => ({ property: 'members', values: claims }),
});

/** Every rule of the team resource type. @public */
export const scaleReadinessTeamRules = { isTeamChampion, isTeamMember };

const exported = createConditionExports({
  resourceRef: scaleReadinessTeamResourceRef,
  rules: scaleReadinessTeamRules,
});

/**
 * Conditions for permission policies, e.g.
 * `scaleReadinessTeamConditions.isTeamChampion({ claims: user.identity.ownershipEntityRefs })`.
 * @public
 */
export const scaleReadinessTeamConditions = exported.conditions;

/** Wraps team conditions into a conditional policy decision. @public */
export const createScaleReadinessTeamConditionalDecision =
  exported.createConditionalDecision;

/** The team as the permission rules see it. */
export function teamResource(team: TeamInfo): ScaleReadinessTeamResource {
  return {
    entityRef: team.entityRef,
    champions: team.champions,
    members: team.members,
  };
}

const applyTeamConditions = createConditionAuthorizer(
  Object.values(scaleReadinessTeamRules) as PermissionRule<
    ScaleReadinessTeamResource,
    ScaleReadinessTeamQuery,
    string
  >[],
);

/**
 * A team as the resource of a permission check ({@link RouteSupport.authorizeResource}):
 * conditional decisions are applied to the team as read from the catalog now.
 */
export function teamPermissionResource(team: TeamInfo) {
  return {
    ref: team.entityRef,
    value: teamResource(team),
    apply: applyTeamConditions,
  };
}
