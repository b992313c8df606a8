import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  type PermissionRule,
  type PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  scaleReadinessTeamRules,
  type ScaleReadinessTeamQuery,
  type ScaleReadinessTeamResource,
} from '@scale-readiness/plugin-scale-readiness-backend';
import {
  scaleReadinessAccessRequestCreatePermission,
  scaleReadinessAccessRequestDecidePermission,
  scaleReadinessAccessRequestReadPermission,
  scaleReadinessChampionManagePermission,
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantReadPermission,
  scaleReadinessGrantRevokePermission,
  scaleReadinessReadPermission,
  scaleReadinessRefreshPermission,
  scaleReadinessReviewCreatePermission,
  scaleReadinessReviewReadPermission,
  scaleReadinessReviewSignOffPermission,
  scaleReadinessWaiverReadPermission,
  scaleReadinessWaiverWritePermission,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  isOperatorPermission,
  normaliseGroupRef,
  ScaleReadinessPolicy,
} from './ScaleReadinessPolicy';

const DEVEX: ScaleReadinessTeamResource = {
  entityRef: 'group:default/developer-experience',
  champions: ['user:default/henry.adams', 'user:default/lily.novak'],
  members: [
    'user:default/henry.adams',
    'user:default/lily.novak',
    'user:default/mia.jones',
  ],
};

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    } as BackstageCredentials,
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

const HENRY = user('user:default/henry.adams', [
  'group:default/developer-experience',
]);
const MIA = user('user:default/mia.jones', [
  'group:default/developer-experience',
]);
const OUTSIDER = user('user:default/oscar.outside', ['group:default/ml-team']);
const OPERATOR = user('user:default/zoe.fischer', ['group:default/SRE-team']);

const applyConditions = createConditionAuthorizer(
  Object.values(scaleReadinessTeamRules) as PermissionRule<
    ScaleReadinessTeamResource,
    ScaleReadinessTeamQuery,
    string
  >[],
);

/** The decision applied to the demo team: allowed or not. */
function allowsOnTeam(decision: PolicyDecision): boolean {
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return applyConditions(decision, DEVEX);
  }
  return decision.result === AuthorizeResult.ALLOW;
}

async function decide(
  policy: ScaleReadinessPolicy,
  permission: Permission,
  who?: PolicyQueryUser,
): Promise<boolean> {
  return allowsOnTeam(await policy.handle({ permission }, who));
}

describe('ScaleReadinessPolicy', () => {
  const policy = new ScaleReadinessPolicy(['sre-team']);

  it('normalises operator group refs', () => {
    expect(normaliseGroupRef('sre-team')).toBe('group:default/sre-team');
    expect(normaliseGroupRef('default/SRE-team')).toBe(
      'group:default/sre-team',
    );
    expect(normaliseGroupRef('group:ops/admins')).toBe('group:ops/admins');
  });

  it('treats reconcile, starting reviews and admin permissions as operator permissions', () => {
    expect(isOperatorPermission('scale-readiness.champion.manage')).toBe(true);
    expect(isOperatorPermission('scale-readiness.review.create')).toBe(true);
    expect(isOperatorPermission('scale-readiness.settings.admin')).toBe(true);
    expect(isOperatorPermission('scale-readiness.review.read')).toBe(false);
    expect(isOperatorPermission('catalog.entity.manage')).toBe(false);
  });

  it.each([
    ['champion', false, HENRY],
    ['member', false, MIA],
    ['non-member', false, OUTSIDER],
    ['operator', true, OPERATOR],
  ])('operator routes: %s allowed=%s', async (_name, expected, who) => {
    for (const permission of [
      scaleReadinessChampionManagePermission,
      scaleReadinessReviewCreatePermission,
    ]) {
      expect(await decide(policy, permission, who)).toBe(expected);
    }
  });

  it.each([
    ['champion', true, HENRY],
    ['member', true, MIA],
    ['non-member', false, OUTSIDER],
    ['operator', true, OPERATOR],
  ])(
    'team reads (grants, audit, access requests): %s allowed=%s',
    async (_name, expected, who) => {
      for (const permission of [
        scaleReadinessGrantReadPermission,
        scaleReadinessAccessRequestReadPermission,
      ]) {
        expect(await decide(policy, permission, who)).toBe(expected);
      }
    },
  );

  it.each([
    ['champion', true, HENRY],
    ['member', true, MIA],
    ['non-member', false, OUTSIDER],
  ])('asking for access: %s allowed=%s', async (_name, expected, who) => {
    expect(
      await decide(policy, scaleReadinessAccessRequestCreatePermission, who),
    ).toBe(expected);
  });

  it.each([
    ['champion', true, HENRY],
    ['member', false, MIA],
    ['non-member', false, OUTSIDER],
    // being an operator never makes anyone a champion
    ['operator', false, OPERATOR],
  ])(
    'team changes (grant, revoke, decide): %s allowed=%s',
    async (_name, expected, who) => {
      for (const permission of [
        scaleReadinessGrantCreatePermission,
        scaleReadinessGrantRevokePermission,
        scaleReadinessAccessRequestDecidePermission,
      ]) {
        const decision = await policy.handle({ permission }, who);
        expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
        expect(allowsOnTeam(decision)).toBe(expected);
      }
    },
  );

  it('everything else of the plugin is open to any signed-in user, not to anonymous callers', async () => {
    const open = [
      scaleReadinessReadPermission,
      scaleReadinessRefreshPermission,
      scaleReadinessReviewReadPermission,
      scaleReadinessReviewSignOffPermission,
      scaleReadinessWaiverReadPermission,
      scaleReadinessWaiverWritePermission,
    ];
    for (const permission of open) {
      expect(await decide(policy, permission, OUTSIDER)).toBe(true);
      expect(await decide(policy, permission, undefined)).toBe(false);
    }
    const catalogRead = {
      type: 'basic',
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    } as Permission;
    // other plugins: unchanged from the allow-all policy
    expect(await decide(policy, catalogRead, OUTSIDER)).toBe(true);
  });

  it('without an operator group nobody is an operator', async () => {
    const none = new ScaleReadinessPolicy([]);
    expect(
      await decide(none, scaleReadinessReviewCreatePermission, OPERATOR),
    ).toBe(false);
  });
});
