import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read readiness results: entity results, history, team scorecards, the org
 * overview and simulations. DENY: every read route answers 403.
 * @public
 */
export const scaleReadinessReadPermission = createPermission({
  name: 'scale-readiness.results.read',
  attributes: { action: 'read' },
});

/**
 * Ask for an entity to be re-scored now (`POST .../refresh`). DENY: 403; the
 * entity is still re-scored by the next scheduled pass.
 * @public
 */
export const scaleReadinessRefreshPermission = createPermission({
  name: 'scale-readiness.results.refresh',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, for registration and policies. @public */
export const scaleReadinessPermissions = [
  scaleReadinessReadPermission,
  scaleReadinessRefreshPermission,
];

/**
 * Read readiness reviews (list, org view, team view) and their exports.
 * DENY: every review read route answers 403.
 * @public
 */
export const scaleReadinessReviewReadPermission = createPermission({
  name: 'scale-readiness.review.read',
  attributes: { action: 'read' },
});

/**
 * Start a readiness review by hand (`POST /reviews`). DENY: 403; scheduled
 * reviews are still taken at quarter end.
 * @public
 */
export const scaleReadinessReviewCreatePermission = createPermission({
  name: 'scale-readiness.review.create',
  attributes: { action: 'create' },
});

/**
 * Sign off a team's scorecard in a review. Even when ALLOWed, only the team's
 * champions and owners may sign. DENY: 403 for everyone.
 * @public
 */
export const scaleReadinessReviewSignOffPermission = createPermission({
  name: 'scale-readiness.review.sign-off',
  attributes: { action: 'update' },
});

/**
 * Read waivers and their audit log. DENY: 403 on the waiver read routes
 * (results still show `waived` findings).
 * @public
 */
export const scaleReadinessWaiverReadPermission = createPermission({
  name: 'scale-readiness.waiver.read',
  attributes: { action: 'read' },
});

/**
 * Create or change a waiver. Even when ALLOWed, only a champion of the
 * entity's owning team may approve one. DENY: 403.
 * @public
 */
export const scaleReadinessWaiverWritePermission = createPermission({
  name: 'scale-readiness.waiver.write',
  attributes: { action: 'update' },
});

/**
 * Revoke a waiver before it expires (the finding re-opens). Even when
 * ALLOWed, only a champion of the owning team may revoke. DENY: 403.
 * @public
 */
export const scaleReadinessWaiverRevokePermission = createPermission({
  name: 'scale-readiness.waiver.revoke',
  attributes: { action: 'delete' },
});

/** The review and waiver permissions, for registration and policies. @public */
export const scaleReadinessReviewPermissions = [
  scaleReadinessReviewReadPermission,
  scaleReadinessReviewCreatePermission,
  scaleReadinessReviewSignOffPermission,
  scaleReadinessWaiverReadPermission,
  scaleReadinessWaiverWritePermission,
  scaleReadinessWaiverRevokePermission,
];

/**
 * Resource type of the champion-action permissions: a team (Group entity
 * ref). Conditional decisions are evaluated against the team as read from the
 * catalog at request time (its champions and members).
 * @public
 */
export const RESOURCE_TYPE_SCALE_READINESS_TEAM = 'scale-readiness-team';

/**
 * Grant time-bound access in a team's scope (`POST /grants`), checked with the
 * team's ref. Even when ALLOWed, only a user who is a champion of the team may
 * grant; service principals and anonymous callers never can, also when the
 * permission framework is disabled. DENY: 403.
 * @public
 */
export const scaleReadinessGrantCreatePermission = createPermission({
  name: 'scale-readiness.grant.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/**
 * Revoke a team's grant before it expires (`POST /grants/:id/revoke`),
 * checked with the team's ref. Even when ALLOWed, only a user who is a
 * champion of the team may revoke; never service principals or anonymous
 * callers. DENY: 403 (the grant still expires on time).
 * @public
 */
export const scaleReadinessGrantRevokePermission = createPermission({
  name: 'scale-readiness.grant.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/**
 * Read a team's champions, grant scope, grants, audit log and time-to-access,
 * checked with the team's ref. DENY: 403 on those routes.
 * @public
 */
export const scaleReadinessGrantReadPermission = createPermission({
  name: 'scale-readiness.grant.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/**
 * Operate champion actions across teams: the org-wide champions overview
 * (`GET /champions`) and running the expiry sweep and reconciliation now
 * (`POST /champions/reconcile`). It never lets anyone create or revoke a
 * grant. Users only. DENY: 403 on those routes.
 * @public
 */
export const scaleReadinessChampionManagePermission = createPermission({
  name: 'scale-readiness.champion.manage',
  attributes: { action: 'update' },
});

/** The champion-action permissions, for registration and policies. @public */
export const scaleReadinessGrantPermissions = [
  scaleReadinessGrantCreatePermission,
  scaleReadinessGrantRevokePermission,
  scaleReadinessGrantReadPermission,
  scaleReadinessChampionManagePermission,
];

/**
 * Ask for access in a team's scope (`POST /access-requests`), and cancel one's
 * own pending request, checked with the team's ref. Even when ALLOWed, only a
 * user who is a member (or champion) of the team may ask, for themselves or
 * another member; service principals and anonymous callers never can.
 * DENY: 403, nothing is stored and no champion is notified.
 * @public
 */
export const scaleReadinessAccessRequestCreatePermission = createPermission({
  name: 'scale-readiness.access-request.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/**
 * Read a team's access requests and its request-based time to access
 * (`GET /access-requests?team=`), checked with the team's ref. DENY: 403 on
 * those routes (the inbox stays empty).
 * @public
 */
export const scaleReadinessAccessRequestReadPermission = createPermission({
  name: 'scale-readiness.access-request.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/**
 * Approve or deny a team's access request
 * (`POST /access-requests/:id/approve|deny`), checked with the team's ref.
 * Even when ALLOWed, only a user who is a champion of the team may decide;
 * a champion approves their own request only when self-approval is on and
 * never for `admin`. Approval also needs `scale-readiness.grant.create`.
 * DENY: 403; the request stays pending until it expires.
 * @public
 */
export const scaleReadinessAccessRequestDecidePermission = createPermission({
  name: 'scale-readiness.access-request.decide',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_SCALE_READINESS_TEAM,
});

/** The access-request permissions, for registration and policies. @public */
export const scaleReadinessAccessRequestPermissions = [
  scaleReadinessAccessRequestCreatePermission,
  scaleReadinessAccessRequestReadPermission,
  scaleReadinessAccessRequestDecidePermission,
];

/**
 * Create a launch plan (`POST /plans`). Even when ALLOWed, only champions of
 * some team and operators (`scale-readiness.champion.manage`) may create one.
 * DENY: 403, nothing is stored.
 * @public
 */
export const scaleReadinessPlanCreatePermission = createPermission({
  name: 'scale-readiness.plan.create',
  attributes: { action: 'create' },
});

/**
 * Read launch plans, their evaluation, items, history and exports. Meant for
 * every signed-in user. DENY: 403 on every plan read route.
 * @public
 */
export const scaleReadinessPlanReadPermission = createPermission({
  name: 'scale-readiness.plan.read',
  attributes: { action: 'read' },
});

/**
 * Change a launch plan (`PATCH`, archive, item assignment). DENY: 403.
 * @public
 */
export const scaleReadinessPlanUpdatePermission = createPermission({
  name: 'scale-readiness.plan.update',
  attributes: { action: 'update' },
});

/**
 * Sign off a team's part of a launch plan. Even when ALLOWed, only the team's
 * champions or owners, or an operator, may sign. DENY: 403.
 * @public
 */
export const scaleReadinessPlanSignOffPermission = createPermission({
  name: 'scale-readiness.plan.sign-off',
  attributes: { action: 'update' },
});

/** The launch plan permissions, for registration and policies. @public */
export const scaleReadinessPlanPermissions = [
  scaleReadinessPlanCreatePermission,
  scaleReadinessPlanReadPermission,
  scaleReadinessPlanUpdatePermission,
  scaleReadinessPlanSignOffPermission,
];
