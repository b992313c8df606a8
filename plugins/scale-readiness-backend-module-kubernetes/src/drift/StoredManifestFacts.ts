import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  Fact,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Where the manifest-based workload facts to compare with come from. @public */
export interface ManifestFactsSource {
  /** The latest `manifests` workloads facts of these entities (missing when none). */
  get(entityRefs: string[]): Promise<Map<string, Fact<WorkloadSetFacts>>>;
}

/** The plugin's facts table and the manifests provider id (see the backend's migrations). */
const FACTS_TABLE = 'facts';
const MANIFESTS_PROVIDER_ID = 'manifests';
const CHUNK = 400;

/**
 * Reads the manifest facts the `scale-readiness` backend stored on its last
 * pass (the `facts` table of the plugin database this module shares), so live
 * workloads can be compared with them. Drift therefore lags the manifests by
 * at most one pass. A failure (e.g. the table is missing) is logged once and
 * yields no manifests, which only hides drift.
 *
 * This reads another package's table: it is the one place that would need to
 * change if the backend exposed the fallback facts to providers or merged
 * them next to the live ones.
 * @public
 */
export class StoredManifestFacts implements ManifestFactsSource {
  readonly #database: DatabaseService;
  readonly #logger: LoggerService;
  #warned = false;

  constructor(options: { database: DatabaseService; logger: LoggerService }) {
    this.#database = options.database;
    this.#logger = options.logger;
  }

  async get(
    entityRefs: string[],
  ): Promise<Map<string, Fact<WorkloadSetFacts>>> {
    const out = new Map<string, Fact<WorkloadSetFacts>>();
    if (entityRefs.length === 0) return out;
    try {
      const db = await this.#database.getClient();
      const refs = [...new Set(entityRefs)];
      for (let i = 0; i < refs.length; i += CHUNK) {
        const rows: Array<{ entity_ref: string; facts: string }> = await db(
          FACTS_TABLE,
        )
          .select('entity_ref', 'facts')
          .where('provider_id', MANIFESTS_PROVIDER_ID)
          .whereIn('entity_ref', refs.slice(i, i + CHUNK));
        for (const row of rows) {
          const facts = JSON.parse(row.facts) as {
            workloads?: Fact<WorkloadSetFacts>;
          };
          if (facts.workloads) out.set(row.entity_ref, facts.workloads);
        }
      }
    } catch (e) {
      if (!this.#warned) {
        this.#warned = true;
        this.#logger.warn(
          `Cannot read stored manifest facts, drift is not reported: ${e}`,
        );
      }
    }
    return out;
  }
}
