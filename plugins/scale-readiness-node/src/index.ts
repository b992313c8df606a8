/**
 * Contracts for Scale Readiness backend modules: the extension points that add
 * fact providers and readiness checks to the `scale-readiness` backend plugin,
 * the fact provider, check and access executor interfaces, and the small
 * helpers modules need (fact constructors, bounded concurrency). Built-in fact
 * building (catalog facts, Kubernetes manifests, load-test reports) lives in
 * `@scale-readiness/plugin-scale-readiness-facts`.
 * @packageDocumentation
 */
export type {
  FactProvider,
  FactProviderCatalog,
  FactProviderCatalogOptions,
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
export * from './accessExecutors';
