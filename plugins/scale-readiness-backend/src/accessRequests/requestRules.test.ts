import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  CreateAccessRequestRequest,
  GrantTarget,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { TeamInfo } from '../teams';
import {
  checkApprover,
  checkNewRequest,
  checkSameTeam,
  isHighPrivilege,
} from './requestRules';

const TEAM: TeamInfo = {
  entityRef: 'group:default/checkout',
  declaredChampions: [],
  champions: ['user:default/carol'],
  members: ['user:default/ann', 'user:default/ben', 'user:default/carol'],
  scope: {
    repositories: [
      { repository: 'acme/cart', entityRef: 'component:default/cart' },
    ],
    githubTeams: ['acme/checkout'],
    runnerGroups: [],
  },
};
const directory = {
  isMember: (team: TeamInfo, ref?: string) =>
    ref !== undefined && team.members.includes(ref),
};
const limits = {
  maxDurationHours: 24,
  permissions: ['pull', 'triage', 'push'] as const,
};
const push: GrantTarget = {
  kind: 'repository',
  via: 'collaborator',
  repository: 'acme/cart',
  permission: 'push',
};
const admin: GrantTarget = { ...push, permission: 'admin' };

function body(
  patch: Partial<CreateAccessRequestRequest> = {},
): CreateAccessRequestRequest {
  return {
    team: TEAM.entityRef,
    target: push,
    durationHours: 8,
    justification: 'on call this week',
    ...patch,
  };
}

function newRequest(
  userRef: string,
  patch?: Partial<CreateAccessRequestRequest>,
) {
  return checkNewRequest(
    directory,
    { ...limits, permissions: [...limits.permissions] },
    { userRef, team: TEAM },
    body(patch),
  );
}

/** The error a rule throws, as name and message (so the class is checked too). */
function refusal(rule: () => unknown): { name: string; message: string } {
  try {
    rule();
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  }
  throw new Error('The rule did not refuse');
}

function refused(
  errorClass: typeof NotAllowedError | typeof InputError,
  message: string,
): { name: string; message: string } {
  return { name: errorClass.name, message };
}

describe('access request rules', () => {
  it('a member asks for themselves or another member', () => {
    expect(newRequest('user:default/ann')).toBe('user:default/ann');
    expect(
      newRequest('user:default/ann', { grantee: 'user:default/ben' }),
    ).toBe('user:default/ben');
  });

  it('refuses, in this order: non-member caller, non-member grantee, target outside the scope (403)', () => {
    const outside: GrantTarget = { ...push, repository: 'acme/payments' };
    expect(
      refusal(() =>
        newRequest('user:default/zed', {
          grantee: 'user:default/yan',
          target: outside,
        }),
      ),
    ).toEqual(
      refused(
        NotAllowedError,
        'Only members of group:default/checkout may request access in its scope',
      ),
    );
    expect(
      refusal(() =>
        newRequest('user:default/ann', {
          grantee: 'user:default/yan',
          target: outside,
        }),
      ),
    ).toEqual(
      refused(
        NotAllowedError,
        'user:default/yan is not a member of group:default/checkout',
      ),
    );
    expect(
      refusal(() => newRequest('user:default/ann', { target: outside })),
    ).toEqual(
      refused(
        NotAllowedError,
        'The target is not in the catalog scope of group:default/checkout',
      ),
    );
  });

  it('refuses a permission the grants do not allow and a duration over the maximum (400)', () => {
    expect(
      refusal(() =>
        newRequest('user:default/ann', { target: admin, durationHours: 48 }),
      ),
    ).toEqual(
      refused(
        InputError,
        "Permission 'admin' cannot be granted (allowed: pull, triage, push)",
      ),
    );
    expect(
      refusal(() => newRequest('user:default/ann', { durationHours: 48 })),
    ).toEqual(
      refused(InputError, 'Duration 48 h is longer than the maximum of 24 h'),
    );
    // the permission rule is about collaborators only
    expect(
      newRequest('user:default/ann', {
        target: { kind: 'repository', via: 'team', team: 'acme/checkout' },
      }),
    ).toBe('user:default/ann');
  });

  it('admin collaborator access is high privilege, nothing else is', () => {
    expect(isHighPrivilege(admin)).toBe(true);
    expect(isHighPrivilege(push)).toBe(false);
    expect(
      isHighPrivilege({ kind: 'repository', via: 'team', team: 'acme/x' }),
    ).toBe(false);
  });

  describe('approvers', () => {
    const request = {
      teamRef: TEAM.entityRef,
      requestedBy: 'user:default/carol',
      granteeRef: 'user:default/ann',
      target: push,
    };
    const carol = { userRef: 'user:default/carol', team: TEAM };
    const bob = { userRef: 'user:default/bob', team: TEAM };
    const on = { allowSelfApproval: true };
    const off = { allowSelfApproval: false };

    it('another champion approves; an own approval is flagged', () => {
      expect(checkApprover(off, request, bob)).toBe(false);
      expect(checkApprover(on, request, carol)).toBe(true);
      const grantee = { userRef: 'user:default/ann', team: TEAM };
      expect(checkApprover(on, request, grantee)).toBe(true);
    });

    it('refuses another team, own admin access, and own approval when turned off', () => {
      const other = { ...TEAM, entityRef: 'group:default/payments' };
      expect(
        refusal(() => checkApprover(on, request, { ...bob, team: other })),
      ).toEqual(refused(NotAllowedError, 'The request is not for this team'));
      expect(refusal(() => checkSameTeam(request, { team: other }))).toEqual(
        refused(NotAllowedError, 'The request is not for this team'),
      );
      expect(
        refusal(() => checkApprover(on, { ...request, target: admin }, carol)),
      ).toEqual(
        refused(
          NotAllowedError,
          'Admin access always needs a second champion: another champion of the team must approve it',
        ),
      );
      expect(checkApprover(on, { ...request, target: admin }, bob)).toBe(false);
      expect(refusal(() => checkApprover(off, request, carol))).toEqual(
        refused(
          NotAllowedError,
          'Self-approval is turned off: another champion of the team must approve it',
        ),
      );
    });
  });
});
