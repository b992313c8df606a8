import type { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_LOAD_TEST_REPORT,
  ANNOTATION_PEAK_REQUEST_RATE,
  type FactContribution,
  type FactSectionName,
  isMachineReadableReport,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  type FactProvider,
  type FactProviderContext,
  mapWithConcurrency,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  parseLoadTestReport,
  parsePeakRequestRate,
  resolveManifestTarget,
} from '@scale-readiness/plugin-scale-readiness-facts';
import { readLocalReport, readUrlReport } from './readReport';

/** Id of the load-test report fact provider. @public */
export const LOAD_TEST_FACT_PROVIDER_ID = 'load-tests';

/** Default of `scaleReadiness.loadTests.maxReportBytes` (5 MiB). */
export const DEFAULT_MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** Options of {@link LoadTestReportFactProvider}. @public */
export interface LoadTestReportFactProviderOptions {
  /** The backend's UrlReader (`backend.reading.allow` decides what it may read). */
  reader: UrlReaderService;
  /** Local folders relative `file:` reports may be read from (the manifests roots). */
  allowedLocalRoots?: string[];
  /** Largest report read, in bytes. */
  maxReportBytes?: number;
}

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/**
 * Reads the k6 summary JSON or Gatling `stats.json` that
 * `scale-readiness.io/load-test-report` points to (only `.json` targets),
 * through the UrlReader or, for paths relative to a `file:` catalog
 * location, from the allowed local roots; at most `maxReportBytes`. Adds the
 * `loadTest` section (with the declared peak request rate) or an `error`
 * section saying why the report could not be used. Never throws for one entity.
 * @public
 */
export class LoadTestReportFactProvider implements FactProvider {
  readonly id = LOAD_TEST_FACT_PROVIDER_ID;
  readonly sections: FactSectionName[] = ['loadTest'];
  readonly #reader: UrlReaderService;
  readonly #roots: string[];
  readonly #maxBytes: number;

  constructor(options: LoadTestReportFactProviderOptions) {
    this.#reader = options.reader;
    this.#roots = options.allowedLocalRoots ?? [];
    this.#maxBytes = options.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const withReport = entities.filter(e =>
      isMachineReadableReport(annotation(e, ANNOTATION_LOAD_TEST_REPORT)),
    );
    const out = new Map<string, FactContribution>();
    await mapWithConcurrency(withReport, 4, async entity => {
      const target = annotation(entity, ANNOTATION_LOAD_TEST_REPORT)!;
      const meta = {
        source: this.id,
        location: target,
        collectedAt: ctx.now,
      };
      try {
        const source = resolveManifestTarget(
          target,
          annotation(entity, ANNOTATION_LOCATION),
        );
        const text =
          source.type === 'url'
            ? await readUrlReport(this.#reader, source.url, this.#maxBytes)
            : await readLocalReport(source.path, this.#roots, this.#maxBytes);
        const facts = parseLoadTestReport(text);
        const peak = parsePeakRequestRate(
          annotation(entity, ANNOTATION_PEAK_REQUEST_RATE),
        );
        out.set(stringifyEntityRef(entity), {
          loadTest: okFact(
            {
              ...facts,
              ...(peak !== undefined ? { peakRequestRate: peak } : {}),
            },
            {
              ...meta,
              location: source.type === 'url' ? source.url : source.path,
            },
          ),
        });
      } catch (e) {
        out.set(stringifyEntityRef(entity), { loadTest: errorFact(e, meta) });
      }
    });
    return out;
  }
}
