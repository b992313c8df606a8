export { buildBaseFacts } from './buildBaseFacts';
export {
  CatalogFactProvider,
  CATALOG_FACT_PROVIDER_ID,
} from './catalog/CatalogFactProvider';
export {
  ManifestFactProvider,
  MANIFEST_FACT_PROVIDER_ID,
} from './manifests/ManifestFactProvider';
export type { ManifestFactProviderOptions } from './manifests/ManifestFactProvider';
export { parseManifests } from './manifests/parseManifests';
export type {
  ManifestFile,
  ManifestParseError,
  ParsedManifests,
  ParseManifestsOptions,
} from './manifests/parseManifests';
export { applyPeakReplicas, parsePeakReplicas } from './manifests/peakReplicas';
