/**
 * Container-level autoscaling checks (HPA / KEDA on Deployments and
 * StatefulSets), in display order. Each family lives in its own file.
 */
import type { CheckDefinition } from '../types';
import { hpaPresentCheck, hpaTargetExistsCheck } from './autoscalerTargets';
import { hpaMaxHeadroomCheck } from './replicaHeadroom';
import {
  maxAboveMinCheck,
  minReplicasCheck,
  replicasNotPinnedCheck,
} from './replicaCounts';
import { resourceRequestsCheck } from './resourceRequests';

export { hpaPresentCheck, hpaTargetExistsCheck } from './autoscalerTargets';
export { fixedReplicas, hpaMaxHeadroomCheck } from './replicaHeadroom';
export type { FixedReplicas } from './replicaHeadroom';
export {
  maxAboveMinCheck,
  minReplicasCheck,
  replicasNotPinnedCheck,
} from './replicaCounts';
export { resourceRequestsCheck } from './resourceRequests';

/** Container-level autoscaling checks. @public */
export const CONTAINER_AUTOSCALING_CHECKS: readonly CheckDefinition[] = [
  hpaPresentCheck,
  minReplicasCheck,
  maxAboveMinCheck,
  hpaMaxHeadroomCheck,
  hpaTargetExistsCheck,
  resourceRequestsCheck,
  replicasNotPinnedCheck,
];
