/**
 * Champion actions: delegated, time-bound access grants. Shapes of the
 * `/grants` and `/champions` routes, shared by the backend, its executors and
 * the frontend. Pure (no I/O).
 */

/**
 * States of a grant. `requested → active → revoking → revoked | expired |
 * revoke-failed`, and `failed` when access could not be given (or was rolled
 * back). `revoke-failed` is retried by the sweep and may still end revoked.
 * @public
 */
export type GrantState =
  | 'requested'
  | 'active'
  | 'revoking'
  | 'revoked'
  | 'expired'
  | 'revoke-failed'
  | 'failed';

/** Every grant state, in lifecycle order. @public */
export const GRANT_STATES: readonly GrantState[] = [
  'requested',
  'active',
  'revoking',
  'revoked',
  'expired',
  'revoke-failed',
  'failed',
];

/** States in which the grant may still give access (not final). @public */
export const OPEN_GRANT_STATES: readonly GrantState[] = [
  'requested',
  'active',
  'revoking',
  'revoke-failed',
];

/**
 * GitHub repository permission levels, lowest first (the values GitHub's
 * `PUT /repos/{owner}/{repo}/collaborators/{username}` accepts).
 * @public
 */
export type RepositoryPermission =
  | 'pull'
  | 'triage'
  | 'push'
  | 'maintain'
  | 'admin';

/** Repository permissions ordered from lowest to highest. @public */
export const REPOSITORY_PERMISSIONS: readonly RepositoryPermission[] = [
  'pull',
  'triage',
  'push',
  'maintain',
  'admin',
];

/**
 * Rank of a permission (0 = pull … 4 = admin); -1 for none or unknown
 * (custom roles).
 * @public
 */
export function repositoryPermissionRank(permission: string | null): number {
  return permission === null
    ? -1
    : REPOSITORY_PERMISSIONS.indexOf(permission as RepositoryPermission);
}

/** Collaborator access to one repository. @public */
export interface RepositoryCollaboratorTarget {
  kind: 'repository';
  via: 'collaborator';
  /** `owner/repo`, from a team component's `github.com/project-slug`. */
  repository: string;
  permission: RepositoryPermission;
}

/** Membership of the team's GitHub team (`github.com/team-slug` of the Group). @public */
export interface TeamMembershipTarget {
  kind: 'repository';
  via: 'team';
  /** `org/team-slug`. */
  team: string;
}

/** A repository's access to a GitHub Actions runner group. @public */
export interface RunnerGroupTarget {
  kind: 'runner-group';
  /** `org/runner-group-name`, from the Group's `scale-readiness.io/runner-groups`. */
  runnerGroup: string;
  /** `owner/repo` of a team component; must be in the runner group's org. */
  repository: string;
}

/** What a grant gives access to. @public */
export type GrantTarget =
  | RepositoryCollaboratorTarget
  | TeamMembershipTarget
  | RunnerGroupTarget;

/**
 * Canonical key of a target (case-insensitive names lower-cased). Two grants
 * with the same key act on the same access; the permission level is not part
 * of the key.
 * @public
 */
export function grantTargetKey(target: GrantTarget): string {
  switch (target.kind) {
    case 'repository':
      return target.via === 'collaborator'
        ? `repository:collaborator:${target.repository.toLowerCase()}`
        : `repository:team:${target.team.toLowerCase()}`;
    case 'runner-group':
      return `runner-group:${target.runnerGroup.toLowerCase()}:${target.repository.toLowerCase()}`;
    default:
      throw new Error(`Unknown grant target ${JSON.stringify(target)}`);
  }
}

/** A short human description of a target, e.g. `push on northwind/cart`. @public */
export function describeGrantTarget(target: GrantTarget): string {
  switch (target.kind) {
    case 'repository':
      return target.via === 'collaborator'
        ? `${target.permission} on ${target.repository}`
        : `member of team ${target.team}`;
    case 'runner-group':
      return `runner group ${target.runnerGroup} for ${target.repository}`;
    default:
      return JSON.stringify(target);
  }
}

/** Why a grant is being (or was) revoked. @public */
export type RevokeReason =
  | 'early'
  | 'expiry'
  | 'rollback'
  | 'interrupted'
  | 'left-team';

/** A grant as served by the API. @public */
export interface Grant {
  id: string;
  /** Group entity ref. */
  team: string;
  target: GrantTarget;
  /** User entity ref the access is for. */
  grantee: string;
  /** Champion who asked for it. */
  requestedBy: string;
  justification: string;
  state: GrantState;
  /** Executor id (`github`, `dry-run`, …). */
  executor: string;
  /** True when nothing was changed outside the portal (dry-run executor). */
  dryRun: boolean;
  durationSeconds: number;
  /** ISO timestamps. */
  requestedAt: string;
  activatedAt?: string;
  expiresAt?: string;
  closedAt?: string;
  revokeReason?: RevokeReason;
  revokedBy?: string;
  /** Failed revoke attempts. */
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  /** What the executor did or would do, in words. */
  summary?: string;
  /** Access is waiting for the grantee to accept a GitHub invitation. */
  pendingInvitation?: boolean;
  /** Last drift seen by reconciliation (access changed outside the portal). */
  drift?: { detectedAt: string; message: string };
}

/** One row of the append-only audit log. @public */
export interface GrantAuditEntry {
  id: number;
  grantId: string;
  team: string;
  at: string;
  /** User entity ref, or `system:<task>`. */
  actor: string;
  /** Kebab-case action (`created`, `activated`, `revoke-requested`, `drift-detected` …). */
  action: string;
  fromState: GrantState | null;
  toState: GrantState;
  details?: Record<string, unknown>;
}

/** Body of `POST /grants` (header `Idempotency-Key` optional). @public */
export interface CreateGrantRequest {
  /** Group entity ref of the team whose scope the target is in. */
  team: string;
  target: GrantTarget;
  /** User entity ref; defaults to the caller. Must be the caller or a member of the team. */
  grantee?: string;
  /** Duration in hours, at most the configured maximum (default 14 days). */
  durationHours: number;
  /** Why access is needed (required, 10–1000 characters). */
  justification: string;
}

/** Answer of `POST /grants`: `created` false when an identical request already made it. @public */
export interface CreateGrantResponse {
  grant: Grant;
  created: boolean;
}

/** Time from request to active access over a window (the onboarding metric). @public */
export interface TimeToAccess {
  team: string;
  windowDays: number;
  /** Grants that became active in the window. */
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** True when only dry-run grants were measured. */
  dryRun: boolean;
}

/** A champion as shown to the team. @public */
export interface ChampionInfo {
  entityRef: string;
  displayName?: string;
  email?: string;
  /** Declared in the catalog annotation or in app-config. */
  source: 'catalog' | 'config';
}

/** What a team's champions may grant. @public */
export interface GrantScope {
  repositories: Array<{ repository: string; entityRef: string }>;
  githubTeams: string[];
  runnerGroups: string[];
}

/** `GET /champions/:namespace/:name` @public */
export interface TeamChampionsResponse {
  team: { entityRef: string; title?: string; email?: string; chatUrl?: string };
  champions: ChampionInfo[];
  caller: { entityRef?: string; isChampion: boolean; isMember: boolean };
  executor: { id: string; dryRun: boolean; label: string };
  scope: GrantScope;
  /** Members a champion may grant to (user entity refs). */
  members: string[];
  limits: {
    maxDurationHours: number;
    defaultDurationHours: number;
    permissions: RepositoryPermission[];
  };
  timeToAccess: TimeToAccess;
}

/** `GET /grants?team=…` and `GET /champions/:namespace/:name/audit` pages. @public */
export interface GrantListResponse {
  items: Grant[];
}

/** @public */
export interface GrantAuditResponse {
  items: GrantAuditEntry[];
}
