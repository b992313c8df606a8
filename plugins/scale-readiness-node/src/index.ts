/**
 * Extension points and helpers for Scale Readiness backend modules: add fact
 * providers and readiness checks to the `scale-readiness` backend plugin.
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
export { FactProviderRegistry } from './FactProviderRegistry';
export { CheckRegistry } from './CheckRegistry';
export {
  describeError,
  errorFact,
  notConfiguredFact,
  okFact,
} from './factHelpers';
export type { FactMeta } from './factHelpers';
