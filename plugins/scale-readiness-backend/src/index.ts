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
} from './grants/teamPermissions';
export type {
  ScaleReadinessTeamQuery,
  ScaleReadinessTeamResource,
  ScaleReadinessTeamRuleParams,
} from './grants/teamPermissions';
