import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import {
  ANNOTATION_MANIFESTS,
  ANNOTATION_PEAK_REPLICAS,
  FactContribution,
  FactSectionName,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  applyPeakReplicas,
  describeError,
  errorFact,
  FactProvider,
  FactProviderContext,
  mapWithConcurrency,
  okFact,
  parseManifests,
  parsePeakReplicas,
  type ManifestFile,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  defaultUrlResolver,
  readManifestSource,
  resolveManifestTarget,
  UrlResolver,
} from './readManifestSources';

/** Id of the built-in manifests fact provider. @public */
export const MANIFEST_FACT_PROVIDER_ID = 'manifests';

/** Options of {@link ManifestFactProvider}. @public */
export interface ManifestFactProviderOptions {
  /** Reads `url:` targets (the backend's `coreServices.urlReader`). */
  reader: UrlReaderService;
  /**
   * Local folders `file:` locations may read manifests from. Empty (the
   * default) refuses every local path.
   */
  allowedLocalRoots?: string[];
  /**
   * Resolves a relative target against the catalog file URL; defaults to WHATWG
   * URL resolution. Pass `ScmIntegrations.fromConfig(config).resolveUrl` style
   * logic for providers with query-string paths (Azure DevOps).
   */
  resolveUrl?: UrlResolver;
  /** Entities read in parallel within a batch (default 4). */
  concurrency?: number;
}

function annotationValue(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/**
 * Reads the Kubernetes manifests named by `scale-readiness.io/manifests` (a
 * comma-separated list of URLs or paths relative to the entity's catalog file)
 * and turns them into the `workloads` section with {@link parseManifests}.
 *
 * Never throws for one entity: an unreadable target, a missing folder
 * (`not found: …`), invalid YAML or an invalid `peak-replicas` annotation makes
 * the section `error`, listing every problem. Entities without the annotation
 * get no section.
 * @public
 */
export class ManifestFactProvider implements FactProvider {
  readonly id = MANIFEST_FACT_PROVIDER_ID;
  readonly sections: FactSectionName[] = ['workloads'];
  readonly #reader: UrlReaderService;
  readonly #allowedLocalRoots: string[];
  readonly #resolveUrl: UrlResolver;
  readonly #concurrency: number;

  /**
   * Creates the provider with `allowedLocalRoots` from
   * `scaleReadiness.manifests.allowedLocalRoots` (paths relative to the
   * backend's working directory).
   */
  static fromConfig(
    config: Config,
    options: Omit<ManifestFactProviderOptions, 'allowedLocalRoots'>,
  ): ManifestFactProvider {
    return new ManifestFactProvider({
      ...options,
      allowedLocalRoots:
        config.getOptionalStringArray(
          'scaleReadiness.manifests.allowedLocalRoots',
        ) ?? [],
    });
  }

  constructor(options: ManifestFactProviderOptions) {
    this.#reader = options.reader;
    this.#allowedLocalRoots = options.allowedLocalRoots ?? [];
    this.#resolveUrl = options.resolveUrl ?? defaultUrlResolver;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const configured = entities.filter(e =>
      annotationValue(e, ANNOTATION_MANIFESTS),
    );
    const contributions = await mapWithConcurrency(
      configured,
      this.#concurrency,
      e => this.#collectOne(e, ctx),
    );
    const result = new Map<string, FactContribution>();
    configured.forEach((entity, i) =>
      result.set(stringifyEntityRef(entity), contributions[i]),
    );
    return result;
  }

  async #collectOne(
    entity: Entity,
    ctx: FactProviderContext,
  ): Promise<FactContribution> {
    const targets = annotationValue(entity, ANNOTATION_MANIFESTS)!
      .split(',')
      .map(t => t.trim())
      .filter(Boolean);
    const meta = {
      source: this.id,
      location: targets.join(', '),
      collectedAt: ctx.now,
    };
    const errors: string[] = [];
    const files: ManifestFile[] = [];

    for (const target of targets) {
      try {
        const source = resolveManifestTarget(
          target,
          annotationValue(entity, ANNOTATION_LOCATION),
          this.#resolveUrl,
        );
        files.push(
          ...(await readManifestSource(source, {
            reader: this.#reader,
            allowedLocalRoots: this.#allowedLocalRoots,
          })),
        );
      } catch (e) {
        errors.push(`${target}: ${describeError(e)}`);
      }
    }

    const parsed = parseManifests(files, { origin: this.id });
    errors.push(...parsed.errors.map(e => `${e.path}: ${e.message}`));
    let facts = parsed.facts;
    const peak = annotationValue(entity, ANNOTATION_PEAK_REPLICAS);
    if (peak) {
      try {
        facts = applyPeakReplicas(
          facts,
          parsePeakReplicas(peak, ANNOTATION_PEAK_REPLICAS),
        );
      } catch (e) {
        errors.push(describeError(e));
      }
    }

    if (errors.length > 0) {
      ctx.logger.debug(
        `Scale Readiness manifests for ${stringifyEntityRef(
          entity,
        )}: ${errors.join('; ')}`,
      );
      return { workloads: errorFact(errors.join('; '), meta) };
    }
    return { workloads: okFact(facts, meta) };
  }
}
