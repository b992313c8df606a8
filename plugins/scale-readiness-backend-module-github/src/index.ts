/**
 * Scale Readiness backend module: applies champion grants on GitHub
 * (repository collaborator permissions, GitHub team membership, Actions
 * runner group access) with the portal's GitHub integration credentials.
 * @packageDocumentation
 */
export { scaleReadinessModuleGithub as default } from './module';
export { GithubAccessExecutor } from './GithubAccessExecutor';
export type { GithubRequestPolicy } from './octokit';
