/**
 * Built-in fact building for Scale Readiness: catalog facts, Kubernetes
 * manifest parsing and load-test reports, shared by the backend plugin and the
 * `scale-readiness` CLI. Free of Backstage service wiring; extension points and
 * provider contracts live in `@scale-readiness/plugin-scale-readiness-node`.
 * @packageDocumentation
 */
export { buildBaseFacts } from './buildBaseFacts';
export {
  CatalogFactProvider,
  CATALOG_FACT_PROVIDER_ID,
} from './catalog/CatalogFactProvider';
export { buildWorkloadSet, parseManifests } from './manifests/parseManifests';
export type {
  ManifestFile,
  ManifestObject,
  ManifestParseError,
  ParsedManifests,
  ParseManifestsOptions,
} from './manifests/parseManifests';
export { applyPeakReplicas, parsePeakReplicas } from './manifests/peakReplicas';
export { selectorMatches } from './manifests/labelSelector';
export type { LabelSelector } from './manifests/labelSelector';
export { parseRunnerScaleSets } from './manifests/runnerScaleSets';
export type {
  ParsedRunnerScaleSets,
  RunnerScaleSet,
} from './manifests/runnerScaleSets';
export {
  defaultUrlResolver,
  isYamlPath,
  listLocalSource,
  localSourceKey,
  MAX_FILES_PER_TARGET,
  DEFAULT_MAX_MANIFEST_BYTES,
  readLocalSource,
  readManifestSource,
  readUrlSource,
  resolveManifestTarget,
} from './manifests/readManifestSources';
export type {
  ManifestSource,
  UrlResolver,
} from './manifests/readManifestSources';
export {
  parseLoadTestReport,
  parsePeakRequestRate,
} from './loadTests/parseLoadTestReport';
