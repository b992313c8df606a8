/**
 * Scale Readiness backend module for GitHub: applies champion grants
 * (repository collaborator permissions, GitHub team membership, Actions
 * runner group access) and reads CI runner capacity (runner groups,
 * actions-runner-controller scale sets, workflow-run history) with the
 * portal's GitHub integration credentials.
 * @packageDocumentation
 */
export { scaleReadinessModuleGithub as default } from './module';
export { GithubAccessExecutor } from './GithubAccessExecutor';
export type { GithubRequestPolicy } from './octokit';
export {
  GITHUB_FACT_PROVIDER_ID,
  GithubCiCapacityProvider,
} from './ciCapacity/GithubCiCapacityProvider';
export type { GithubCiCapacityProviderOptions } from './ciCapacity/GithubCiCapacityProvider';
export type { CiCapacitySettings } from './ciCapacity/config';
export { peakConcurrency } from './ciCapacity/sweepLine';
export type { Interval, PeakConcurrency } from './ciCapacity/sweepLine';
