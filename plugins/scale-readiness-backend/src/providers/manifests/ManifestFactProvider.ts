import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
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
  describeError,
  errorFact,
  FactProvider,
  FactProviderContext,
  mapWithConcurrency,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  applyPeakReplicas,
  parseManifests,
  parsePeakReplicas,
  type ManifestFile,
  type ParsedManifests,
  DEFAULT_MAX_MANIFEST_BYTES,
  defaultUrlResolver,
  localSourceKey,
  type ManifestSource,
  readManifestSource,
  resolveManifestTarget,
  type UrlResolver,
} from '@scale-readiness/plugin-scale-readiness-facts';

/** Bumped when the provider builds different facts from the same files. */
const MANIFEST_INPUT_VERSION = 1;

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
  /**
   * Most bytes of YAML one target may hold (default 5 MB,
   * `scaleReadiness.manifests.maxBytes`); a larger one makes the section
   * `error`, so its checks say `unknown` with the reason.
   */
  maxBytes?: number;
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
  readonly #maxBytes: number;

  /**
   * Creates the provider with `allowedLocalRoots` from
   * `scaleReadiness.manifests.allowedLocalRoots` (paths relative to the
   * backend's working directory).
   */
  static fromConfig(
    config: Config,
    options: Omit<
      ManifestFactProviderOptions,
      'allowedLocalRoots' | 'maxBytes'
    >,
  ): ManifestFactProvider {
    const maxBytes = config.getOptionalNumber(
      'scaleReadiness.manifests.maxBytes',
    );
    if (
      maxBytes !== undefined &&
      !(Number.isInteger(maxBytes) && maxBytes > 0)
    ) {
      throw new Error(
        'scaleReadiness.manifests.maxBytes must be a positive integer',
      );
    }
    return new ManifestFactProvider({
      ...options,
      allowedLocalRoots:
        config.getOptionalStringArray(
          'scaleReadiness.manifests.allowedLocalRoots',
        ) ?? [],
      maxBytes,
    });
  }

  constructor(options: ManifestFactProviderOptions) {
    this.#reader = options.reader;
    this.#allowedLocalRoots = options.allowedLocalRoots ?? [];
    this.#resolveUrl = options.resolveUrl ?? defaultUrlResolver;
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const configured = entities.filter(e =>
      annotationValue(e, ANNOTATION_MANIFESTS),
    );
    // Components often share manifest folders: read each one once per batch.
    const reads = new Map<string, Promise<ManifestFile[]>>();
    const read = (source: ManifestSource) => {
      const key = `${source.type}:${
        source.type === 'url' ? source.url : source.path
      }`;
      let files = reads.get(key);
      if (!files) {
        files = readManifestSource(source, {
          reader: this.#reader,
          allowedLocalRoots: this.#allowedLocalRoots,
          maxBytes: this.#maxBytes,
        });
        files.catch(() => {}); // awaited (and reported) by each caller
        reads.set(key, files);
      }
      return files;
    };
    // …and parse each file set once (parsing is pure; results are not mutated).
    const parsedBy = new WeakMap<ManifestFile[], ParsedManifests>();
    const parse = (files: ManifestFile[]) => {
      let parsed = parsedBy.get(files);
      if (!parsed) {
        parsed = parseManifests(files, { origin: this.id });
        parsedBy.set(files, parsed);
      }
      return parsed;
    };
    const contributions = await mapWithConcurrency(
      configured,
      this.#concurrency,
      e => this.#collectOne(e, ctx, read, parse),
    );
    const result = new Map<string, FactContribution>();
    configured.forEach((entity, i) =>
      result.set(stringifyEntityRef(entity), contributions[i]),
    );
    return result;
  }

  /**
   * Local manifests are keyed by the annotations that name them and the
   * files' sizes and modification times, so unchanged files are neither read
   * nor parsed again. Entities with `url:` targets get no key (they are read
   * on every pass); entities without the annotation share one key.
   */
  async inputKeys(
    entities: Entity[],
    _ctx: FactProviderContext,
  ): Promise<Map<string, string>> {
    // Components often share manifest folders: list each one once per batch.
    const listed = new Map<string, Promise<string>>();
    const keyOf = (target: string) => {
      let key = listed.get(target);
      if (!key) {
        key = localSourceKey(target, this.#allowedLocalRoots);
        key.catch(() => {}); // awaited (and reported) by each caller
        listed.set(target, key);
      }
      return key;
    };
    const keys = await mapWithConcurrency(
      entities,
      this.#concurrency * 4,
      async entity => {
        try {
          return await this.#inputKey(entity, keyOf);
        } catch {
          return undefined; // collect reports the problem
        }
      },
    );
    const result = new Map<string, string>();
    entities.forEach((entity, i) => {
      const key = keys[i];
      if (key !== undefined) result.set(stringifyEntityRef(entity), key);
    });
    return result;
  }

  async #inputKey(
    entity: Entity,
    keyOf: (target: string) => Promise<string>,
  ): Promise<string | undefined> {
    const annotation = annotationValue(entity, ANNOTATION_MANIFESTS);
    if (!annotation) return `v${MANIFEST_INPUT_VERSION}:none`;
    const location = annotationValue(entity, ANNOTATION_LOCATION);
    const parts = [
      `v${MANIFEST_INPUT_VERSION}`,
      annotation,
      location ?? '',
      annotationValue(entity, ANNOTATION_PEAK_REPLICAS) ?? '',
    ];
    for (const target of annotation
      .split(',')
      .map(t => t.trim())
      .filter(Boolean)) {
      const source = resolveManifestTarget(target, location, this.#resolveUrl);
      if (source.type !== 'file') return undefined;
      parts.push(await keyOf(source.path));
    }
    return createHash('sha1').update(parts.join('\n')).digest('base64url');
  }

  async #collectOne(
    entity: Entity,
    ctx: FactProviderContext,
    read: (source: ManifestSource) => Promise<ManifestFile[]>,
    parse: (files: ManifestFile[]) => ParsedManifests,
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
    const lists: ManifestFile[][] = [];

    for (const target of targets) {
      try {
        const source = resolveManifestTarget(
          target,
          annotationValue(entity, ANNOTATION_LOCATION),
          this.#resolveUrl,
        );
        lists.push(await read(source));
      } catch (e) {
        errors.push(`${target}: ${describeError(e)}`);
      }
    }

    // One target (the usual case) keeps the shared list, so its parse is shared too.
    const parsed = parse(lists.length === 1 ? lists[0] : lists.flat());
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
