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
