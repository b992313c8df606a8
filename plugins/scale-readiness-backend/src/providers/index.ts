// The I/O-free fact building lives in `@scale-readiness/plugin-scale-readiness-facts`
// (shared with the CLI); re-exported here so backend code keeps one import path.
export {
  applyPeakReplicas,
  buildBaseFacts,
  buildWorkloadSet,
  CatalogFactProvider,
  CATALOG_FACT_PROVIDER_ID,
  parseManifests,
  parsePeakReplicas,
} from '@scale-readiness/plugin-scale-readiness-facts';
export type {
  ManifestFile,
  ManifestObject,
  ManifestParseError,
  ParsedManifests,
  ParseManifestsOptions,
} from '@scale-readiness/plugin-scale-readiness-facts';
export {
  ManifestFactProvider,
  MANIFEST_FACT_PROVIDER_ID,
} from './manifests/ManifestFactProvider';
export type { ManifestFactProviderOptions } from './manifests/ManifestFactProvider';
export {
  LoadTestReportFactProvider,
  LOAD_TEST_FACT_PROVIDER_ID,
} from './loadTests/LoadTestReportFactProvider';
export type { LoadTestReportFactProviderOptions } from './loadTests/LoadTestReportFactProvider';
export {
  TechDocsFactProvider,
  TECHDOCS_FACT_PROVIDER_ID,
} from './techdocs/TechDocsFactProvider';
export type { TechDocsFactProviderOptions } from './techdocs/TechDocsFactProvider';
