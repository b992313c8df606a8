/**
 * One entity's facts: every section as a `Fact<T>` with provenance, and the
 * catalog relations chain readiness follows.
 */
import type {
  CiCapacityFacts,
  LoadTestFacts,
  QuotaFact,
  ServerlessFacts,
} from './capacity';
import type {
  DocsFacts,
  OwnershipFacts,
  TechDocsBuildFacts,
  TimeToAccessFacts,
} from './team';
import type { NodeCapacityFacts, WorkloadSetFacts } from './workloads';

/** Status of one fact section as collected by a provider. @public */
export type FactStatus =
  /** The provider read the source and the value is present. */
  | 'ok'
  /** The provider tried but failed (unreachable, forbidden, bad YAML): `error` says why. */
  | 'error'
  /** No source is configured for this entity (no annotation, no cluster). */
  | 'not-configured';

/** One fact section with provenance. @public */
export interface Fact<T> {
  status: FactStatus;
  /** Present when `status` is `ok`. */
  value?: T;
  /** Provider id that produced it: `catalog`, `manifests`, `kubernetes`, `aws`, `github`, `declared`. */
  source: string;
  /** Where it was read from (URL, cluster name, annotation). */
  location?: string;
  /** ISO timestamp of collection. */
  collectedAt: string;
  /** Human readable reason when `status` is `error`. */
  error?: string;
}

/**
 * A growth factor declared with the `scale-readiness.io/growth-factor`
 * annotation, on the entity itself or on its System. @public
 */
export interface GrowthFacts {
  /** The declared factor (> 0). */
  factor: number;
  /** Where it was declared. */
  scope: 'entity' | 'system';
  /** Ref of the entity that carries the annotation. */
  declaredOn: string;
}

/** Catalog relations that matter for chain readiness. @public */
export interface RelationFacts {
  dependsOn: string[];
  consumesApis: string[];
  providesApis: string[];
}

/**
 * Everything known about one entity, merged from every provider. A missing
 * section means no provider produced it (treated like `not-configured`).
 * @public
 */
export interface EntityFacts {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  system?: string;
  title?: string;
  /** `metadata.tags` of the entity (read by custom checks' `appliesTo.tag`). */
  tags?: string[];
  relations: RelationFacts;
  ownership?: Fact<OwnershipFacts>;
  docs?: Fact<DocsFacts>;
  workloads?: Fact<WorkloadSetFacts>;
  nodeCapacity?: Fact<NodeCapacityFacts>;
  serverless?: Fact<ServerlessFacts>;
  quotas?: Fact<QuotaFact[]>;
  ciCapacity?: Fact<CiCapacityFacts>;
  timeToAccess?: Fact<TimeToAccessFacts>;
  /** A growth factor declared for this entity or its System (scoped growth). */
  growth?: Fact<GrowthFacts>;
  /** The load-test report the `load-test-report` annotation points to, as read. */
  loadTest?: Fact<LoadTestFacts>;
  /** Last TechDocs build (TechDocs metadata), for `docs.techdocs-fresh`. */
  techdocsBuild?: Fact<TechDocsBuildFacts>;
}

/** Names of the fact sections a provider can contribute. @public */
export type FactSectionName = Exclude<
  keyof EntityFacts,
  | 'entityRef'
  | 'kind'
  | 'type'
  | 'lifecycle'
  | 'system'
  | 'title'
  | 'tags'
  | 'relations'
>;
