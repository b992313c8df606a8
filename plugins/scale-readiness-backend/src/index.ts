/**
 * Scale Readiness backend plugin.
 * @packageDocumentation
 */
export { scaleReadinessPlugin as default } from './plugin';
export {
  createScaleReadinessTeamConditionalDecision,
  isTeamChampion,
  isTeamMember,
  scaleReadinessTeamConditions,
  scaleReadinessTeamResourceRef,
  scaleReadinessTeamRules,
} from './teams/permissions';
export type {
  ScaleReadinessTeamQuery,
  ScaleReadinessTeamResource,
  ScaleReadinessTeamRuleParams,
} from './teams/permissions';
// The built-in fact providers that read files (manifests, load-test reports):
// public so that the CLI's parity tests build facts the backend's way.
export {
  LoadTestReportFactProvider,
  LOAD_TEST_FACT_PROVIDER_ID,
  ManifestFactProvider,
  MANIFEST_FACT_PROVIDER_ID,
} from './providers';
export type {
  LoadTestReportFactProviderOptions,
  ManifestFactProviderOptions,
} from './providers';
