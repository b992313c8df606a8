import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_TECHDOCS_REF,
  type FactContribution,
  type FactSectionName,
  type TechDocsBuildFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  type FactProvider,
  type FactProviderContext,
  mapWithConcurrency,
  notConfiguredFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';

/** Id of the provider (the facts' `source`). @public */
export const TECHDOCS_FACT_PROVIDER_ID = 'techdocs';

/** Options of {@link TechDocsFactProvider}. @public */
export interface TechDocsFactProviderOptions {
  /** Base URL of the TechDocs backend (`discovery.getBaseUrl('techdocs')`). */
  baseUrl: () => Promise<string>;
  /** A token the TechDocs backend accepts (a plugin-to-plugin token). */
  token?: () => Promise<string | undefined>;
  /** Per-request timeout in milliseconds (default 5,000). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  fetch?: typeof fetch;
}

/** Reads `build_timestamp` (ms since the epoch, or an ISO string) as ISO. */
function buildTime(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value = (metadata as { build_timestamp?: unknown }).build_timestamp;
  let ms = NaN;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/**
 * Fact provider `techdocs`: the last TechDocs build of every Component with
 * `backstage.io/techdocs-ref`, read from `techdocs_metadata.json` through the
 * TechDocs backend's metadata endpoint
 * (`GET <techdocs>/metadata/techdocs/:namespace/:kind/:name`). A site that is
 * not published (404) is `not-configured`, so `docs.techdocs-fresh` falls
 * back to `scale-readiness.io/docs-updated`; any other failure is `error`
 * with the reason (the check then uses the annotation and says why, or is
 * unknown).
 * @public
 */
export class TechDocsFactProvider implements FactProvider {
  readonly id = TECHDOCS_FACT_PROVIDER_ID;
  readonly sections: FactSectionName[] = ['techdocsBuild'];
  readonly #options: TechDocsFactProviderOptions;

  constructor(options: TechDocsFactProviderOptions) {
    this.#options = options;
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const result = new Map<string, FactContribution>();
    const documented = entities.filter(
      e => !!e.metadata.annotations?.[ANNOTATION_TECHDOCS_REF],
    );
    if (documented.length === 0) return result;
    let base: string;
    let token: string | undefined;
    try {
      base = (await this.#options.baseUrl()).replace(/\/+$/, '');
      token = await this.#options.token?.();
    } catch (e) {
      const error = `TechDocs metadata: ${describeError(e)}`;
      for (const entity of documented) {
        result.set(stringifyEntityRef(entity), {
          techdocsBuild: errorFact(error, {
            source: this.id,
            collectedAt: ctx.now,
          }),
        });
      }
      return result;
    }
    const facts = await mapWithConcurrency(
      documented,
      this.#options.concurrency ?? 4,
      entity => this.#read(entity, base, token, ctx.now),
    );
    documented.forEach((entity, i) =>
      result.set(stringifyEntityRef(entity), { techdocsBuild: facts[i] }),
    );
    return result;
  }

  async #read(
    entity: Entity,
    base: string,
    token: string | undefined,
    now: Date,
  ): Promise<NonNullable<FactContribution['techdocsBuild']>> {
    const path = [
      entity.metadata.namespace ?? 'default',
      entity.kind,
      entity.metadata.name,
    ]
      .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
      .join('/');
    const url = `${base}/metadata/techdocs/${path}`;
    const meta = { source: this.id, location: url, collectedAt: now };
    const doFetch = this.#options.fetch ?? fetch;
    try {
      const response = await doFetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return notConfiguredFact(meta); // not published yet
      }
      if (!response.ok) {
        await response.body?.cancel();
        return errorFact(
          `TechDocs metadata: ${response.status} ${response.statusText}`,
          meta,
        );
      }
      const metadata = (await response.json()) as unknown;
      const builtAt = buildTime(metadata);
      if (!builtAt) {
        return errorFact(
          'TechDocs metadata: techdocs_metadata.json has no build_timestamp',
          meta,
        );
      }
      const value: TechDocsBuildFacts = { builtAt };
      const etag = (metadata as { etag?: unknown }).etag;
      if (typeof etag === 'string' && etag !== '') value.etag = etag;
      return okFact(value, meta);
    } catch (e) {
      return errorFact(`TechDocs metadata: ${describeError(e)}`, meta);
    }
  }
}
