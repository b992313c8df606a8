/**
 * The built-in check catalogue.
 */
import type { CheckDefinition } from '../types';
import { CAPACITY_AUTOSCALING_CHECKS } from './autoscalingCapacity';
import { CONTAINER_AUTOSCALING_CHECKS } from './autoscalingContainer';
import { DOCS_CHECKS } from './docs';
import { loadTestProvesFactorCheck } from './loadTestReport';
import { OWNERSHIP_CHECKS } from './ownership';
import { QUOTA_CHECKS } from './quotas';
import { rolloutSafetyCheck, zoneSpreadCheck } from './rolloutSpread';
import { SCALE_IN_CHECKS } from './scaleIn';
import { SCALE_IN_BEHAVIOUR_CHECKS } from './scaleInBehaviour';
import { timeToAccessCheck } from './timeToAccess';

export * from './autoscalingCapacity';
export * from './autoscalingContainer';
export * from './docs';
export * from './loadTestReport';
export * from './ownership';
export * from './quotas';
export * from './rolloutSpread';
export * from './scaleIn';
export * from './scaleInBehaviour';
export * from './timeToAccess';

/**
 * Every built-in check, in display order (autoscaling, graceful scale-in,
 * quotas, docs, ownership). Ids are stable: the backend, docs and UI use them.
 * @public
 */
export const BUILTIN_CHECKS: readonly CheckDefinition[] = Object.freeze([
  ...CONTAINER_AUTOSCALING_CHECKS,
  ...CAPACITY_AUTOSCALING_CHECKS,
  rolloutSafetyCheck,
  zoneSpreadCheck,
  ...SCALE_IN_CHECKS,
  ...SCALE_IN_BEHAVIOUR_CHECKS,
  ...QUOTA_CHECKS,
  ...DOCS_CHECKS,
  loadTestProvesFactorCheck,
  ...OWNERSHIP_CHECKS,
  timeToAccessCheck,
]);
