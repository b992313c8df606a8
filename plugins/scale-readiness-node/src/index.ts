/**
 * Extension points and helpers for Scale Readiness backend modules: add fact
 * providers and readiness checks to the `scale-readiness` backend plugin.
 * Also holds the I/O-free built-in fact building (catalog facts, Kubernetes
 * manifest parsing) shared by the backend plugin and the `scale-readiness` CLI.
 * @packageDocumentation
 */
export type {
  FactProvider,
  FactProviderCatalog,
  FactProviderContext,
} from './FactProvider';
export type { FactContribution } from '@scale-readiness/plugin-scale-readiness-common';
export {
  scaleReadinessChecksExtensionPoint,
  scaleReadinessFactProvidersExtensionPoint,
} from './extensions';
export type {
  ScaleReadinessChecksExtensionPoint,
  ScaleReadinessFactProvidersExtensionPoint,
} from './extensions';
export { mapWithConcurrency } from './concurrency';
export { FactProviderRegistry } from './FactProviderRegistry';
export { CheckRegistry } from './CheckRegistry';
export {
  describeError,
  errorFact,
  notConfiguredFact,
  okFact,
} from './factHelpers';
export type { FactMeta } from './factHelpers';
export {
  applyPeakReplicas,
  buildBaseFacts,
  buildWorkloadSet,
  CATALOG_FACT_PROVIDER_ID,
  CatalogFactProvider,
  parseManifests,
  parsePeakReplicas,
  parseRunnerScaleSets,
  selectorMatches,
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
  parseLoadTestReport,
  parsePeakRequestRate,
} from './providers';
export type {
  ManifestSource,
  UrlResolver,
  LabelSelector,
  ParsedRunnerScaleSets,
  RunnerScaleSet,
  ManifestFile,
  ManifestObject,
  ManifestParseError,
  ParsedManifests,
  ParseManifestsOptions,
} from './providers';
export * from './accessExecutors';
