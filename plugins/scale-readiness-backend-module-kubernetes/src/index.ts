/**
 * Scale Readiness backend module: live autoscaling and scale-in facts from
 * the clusters of the Backstage Kubernetes backend.
 * @packageDocumentation
 */
export { scaleReadinessModuleKubernetes as default } from './module';
export { KubernetesFactProvider } from './KubernetesFactProvider';
export type { KubernetesFactProviderOptions } from './KubernetesFactProvider';
export {
  DEFAULT_KUBERNETES_SOURCE_CONFIG,
  readKubernetesSourceConfig,
} from './config';
export type { KubernetesSourceConfig } from './config';
export { KubernetesBackendClient } from './client/KubernetesBackendClient';
export type {
  KubernetesBackendClientOptions,
  KubernetesList,
} from './client/KubernetesBackendClient';
export { PeakReplicaStore } from './database/PeakReplicaStore';
export type { ReplicaSample } from './database/PeakReplicaStore';
export { computeDrift } from './drift/computeDrift';
export type {
  DriftDifference,
  LiveWorkloadSetFacts,
  ManifestDrift,
  WorkloadDrift,
} from './drift/computeDrift';
export {
  manifestDriftCheck,
  MANIFEST_DRIFT_CHECK_ID,
} from './drift/manifestDriftCheck';
export { parseClusterAutoscalerStatus } from './capacity/clusterAutoscalerStatus';
export type {
  AutoscalerNodeGroup,
  AutoscalerStatus,
} from './capacity/clusterAutoscalerStatus';
export { readNodePool } from './capacity/nodePools';
export type { NodePoolCapacity } from './capacity/nodePools';
export { ClusterCapacityReader } from './capacity/ClusterCapacityReader';
export type {
  ClusterCapacity,
  ClusterCapacityReaderOptions,
} from './capacity/ClusterCapacityReader';
