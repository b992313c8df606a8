import type { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessExecutor,
  AccessGrantHooks,
  AccessGrantResult,
  AccessInspection,
  AccessRequest,
  AccessRevokeRequest,
  AccessRevokeResult,
  AccessState,
} from '@scale-readiness/plugin-scale-readiness-node';
import { inspectCollaborator, revokeCollaborator } from './collaboratorRevoke';
import { type CollaboratorState, grantCollaborator } from './collaborators';
import { type GithubRequestPolicy, OctokitFactory } from './octokit';
import {
  grantRunnerGroup,
  inspectRunnerGroup,
  revokeRunnerGroup,
} from './runnerGroups';
import {
  grantMembership,
  inspectMembership,
  revokeMembership,
  type TeamPrior,
} from './teams';

function ownerOf(target: GrantTarget): string {
  let slug: string;
  if (target.kind === 'runner-group') slug = target.runnerGroup;
  else if (target.via === 'team') slug = target.team;
  else slug = target.repository;
  return slug.split('/')[0];
}

function loginOf(request: AccessRequest): string {
  const login = request.subject.githubLogin;
  if (!login) {
    throw new Error(
      `${request.subject.userEntityRef} has no github.com/user-login annotation in the catalog`,
    );
  }
  return login;
}

/**
 * Applies champion grants on GitHub with the portal's GitHub integration
 * credentials: repository collaborator permissions, membership of a GitHub
 * team, and a repository's access to an Actions runner group. Records the
 * prior access, never lowers it, verifies each write, and on revoke restores
 * only what it changed.
 */
export class GithubAccessExecutor implements AccessExecutor {
  readonly id = 'github';
  readonly dryRun = false;
  readonly label: string;
  readonly #octokits: OctokitFactory;

  /**
   * The executor for `host` from app-config `integrations.github`, or
   * undefined when that integration has no token and no GitHub App.
   */
  static fromConfig(
    config: Config,
    options: {
      host?: string;
      policy?: Partial<GithubRequestPolicy>;
      sleep?: (ms: number) => Promise<void>;
    } = {},
  ): GithubAccessExecutor | undefined {
    const integrations = ScmIntegrations.fromConfig(config);
    const host = options.host ?? 'github.com';
    const integration = integrations.github.byHost(host);
    if (!integration?.config.apiBaseUrl) return undefined;
    if (!integration.config.token && !integration.config.apps?.length)
      return undefined;
    return new GithubAccessExecutor({
      host,
      octokits: new OctokitFactory({
        host,
        apiBaseUrl: integration.config.apiBaseUrl,
        credentials:
          DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        policy: options.policy,
        sleep: options.sleep,
      }),
    });
  }

  constructor(options: { host: string; octokits: OctokitFactory }) {
    this.label = `GitHub (${options.host})`;
    this.#octokits = options.octokits;
  }

  supports(target: GrantTarget): boolean {
    return target.kind === 'repository' || target.kind === 'runner-group';
  }

  async grant(
    request: AccessRequest,
    hooks: AccessGrantHooks,
  ): Promise<AccessGrantResult> {
    const { target } = request;
    const { signal } = hooks;
    const recordPrior = (prior: AccessState, intended: AccessState) =>
      hooks.recordPrior(prior, intended);
    const octokit = await this.#octokits.forOwner(ownerOf(target), signal);
    if (target.kind === 'runner-group') {
      return grantRunnerGroup(octokit, target, recordPrior, signal);
    }
    const login = loginOf(request);
    return target.via === 'collaborator'
      ? grantCollaborator(octokit, target, login, recordPrior, signal)
      : grantMembership(
          octokit,
          target,
          login,
          request.ceiling ?? 'maintain',
          recordPrior,
          signal,
        );
  }

  /** Restores the prior state where the live access is what the grant writes (see the contract). */
  async revoke(request: AccessRevokeRequest): Promise<AccessRevokeResult> {
    const { target, prior, signal } = request;
    const octokit = await this.#octokits.forOwner(ownerOf(target), signal);
    if (target.kind === 'runner-group') {
      return revokeRunnerGroup(octokit, target, prior, signal);
    }
    const login = loginOf(request);
    return target.via === 'collaborator'
      ? revokeCollaborator(
          octokit,
          target,
          login,
          prior as unknown as CollaboratorState,
          signal,
        )
      : revokeMembership(
          octokit,
          target,
          login,
          prior as unknown as TeamPrior,
          signal,
        );
  }

  async inspect(request: AccessRevokeRequest): Promise<AccessInspection> {
    const { target, prior } = request;
    const octokit = await this.#octokits.forOwner(ownerOf(target));
    if (target.kind === 'runner-group') {
      return inspectRunnerGroup(octokit, target, prior);
    }
    const login = loginOf(request);
    return target.via === 'collaborator'
      ? inspectCollaborator(
          octokit,
          target,
          login,
          prior as unknown as CollaboratorState,
        )
      : inspectMembership(
          octokit,
          target,
          login,
          prior as unknown as TeamPrior,
        );
  }
}
