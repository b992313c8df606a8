/** Teams: the one membership and champion rule, trusted sources, permission rules. */
export { readConfigChampions } from './config';
export {
  createScaleReadinessTeamConditionalDecision,
  isTeamChampion,
  isTeamMember,
  scaleReadinessTeamConditions,
  scaleReadinessTeamResourceRef,
  scaleReadinessTeamRules,
  teamPermissionResource,
  teamResource,
  type ScaleReadinessTeamQuery,
  type ScaleReadinessTeamResource,
  type ScaleReadinessTeamRuleParams,
} from './permissions';
export { normaliseRef, TeamDirectory, type TeamInfo } from './TeamDirectory';
export { TrustedSources } from './trust';
