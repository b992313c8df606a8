/**
 * Merging of the fact sections contributed by several fact providers into one
 * `EntityFacts` document. Pure and deterministic: the result does not depend on
 * the order in which providers finished.
 */
import type {
  EntityFacts,
  Fact,
  FactSectionName,
  QuotaFact,
  WorkloadSetFacts,
} from './facts';

/**
 * The part of `EntityFacts` that comes straight from the catalog entity
 * (identity and relations), before any provider contributes sections.
 * @public
 */
export type BaseEntityFacts = Pick<
  EntityFacts,
  | 'entityRef'
  | 'kind'
  | 'type'
  | 'lifecycle'
  | 'system'
  | 'title'
  | 'tags'
  | 'relations'
>;

/**
 * What one fact provider contributes for one entity: any subset of the fact
 * sections. A section that is absent means "this provider has nothing to say".
 * @public
 */
export type FactContribution = Partial<Pick<EntityFacts, FactSectionName>>;

/** A contribution tagged with the id of the provider that produced it. @public */
export interface ProviderFactContribution {
  providerId: string;
  facts: FactContribution;
}

/**
 * Provider ids whose facts are fallbacks: values declared by teams in the catalog
 * or read from repository manifests. A live source (`kubernetes`, `aws`,
 * `github`, …) that answered `ok` always takes precedence over them.
 * @public
 */
export const FALLBACK_FACT_PROVIDER_IDS: readonly string[] = [
  'manifests',
  'declared',
  'catalog',
];

const SECTION_NAMES: readonly FactSectionName[] = [
  'ownership',
  'docs',
  'workloads',
  'nodeCapacity',
  'serverless',
  'quotas',
  'ciCapacity',
  'timeToAccess',
  'growth',
  'loadTest',
  'techdocsBuild',
];

/** Live provider for workloads: its `ok` answer beats manifests. */
const LIVE_WORKLOAD_PROVIDER = 'kubernetes';

function precedence(providerId: string): number {
  const index = FALLBACK_FACT_PROVIDER_IDS.indexOf(providerId);
  return index < 0 ? -1 : index;
}

/**
 * Orders contributions deterministically: live providers first (alphabetically),
 * then the fallbacks in the order of {@link FALLBACK_FACT_PROVIDER_IDS}.
 * Contributions of the same provider keep their relative input order.
 * @public
 */
export function orderContributions(
  contributions: ReadonlyArray<ProviderFactContribution>,
): ProviderFactContribution[] {
  return contributions
    .map((c, index) => ({ c, index }))
    .sort((a, b) => {
      const byPrecedence =
        precedence(a.c.providerId) - precedence(b.c.providerId);
      if (byPrecedence !== 0) return byPrecedence;
      if (a.c.providerId !== b.c.providerId) {
        return a.c.providerId < b.c.providerId ? -1 : 1;
      }
      return a.index - b.index;
    })
    .map(({ c }) => c);
}

function firstWithStatus<T>(
  facts: Array<Fact<T>>,
  status: Fact<T>['status'],
): Fact<T> | undefined {
  return facts.find(f => f.status === status);
}

function isLive(providerId: string): boolean {
  return !FALLBACK_FACT_PROVIDER_IDS.includes(providerId);
}

/**
 * First live `ok`; else the first live `error` (a failed live source makes
 * the section unknown with its reason: data from a fallback — manifests,
 * declared values — describes what should run, not what runs, and must not
 * pass in its place); else the first fallback `ok`, else the first `error`,
 * else the first (necessarily `not-configured`).
 */
function pickSection<T>(
  entries: Array<{ providerId: string; fact: Fact<T> }>,
): Fact<T> | undefined {
  const live = entries.filter(e => isLive(e.providerId)).map(e => e.fact);
  const liveDecides =
    firstWithStatus(live, 'ok') ?? firstWithStatus(live, 'error');
  if (liveDecides) return liveDecides;
  const facts = entries.map(e => e.fact);
  return (
    firstWithStatus(facts, 'ok') ?? firstWithStatus(facts, 'error') ?? facts[0]
  );
}

function pickWorkloads(
  entries: Array<{ providerId: string; fact: Fact<WorkloadSetFacts> }>,
): Fact<WorkloadSetFacts> | undefined {
  const live = entries.find(
    e => e.providerId === LIVE_WORKLOAD_PROVIDER && e.fact.status === 'ok',
  );
  if (live) return live.fact;
  return pickSection(entries);
}

function earliest(timestamps: string[]): string {
  return timestamps.reduce((min, t) => (t < min ? t : min));
}

/**
 * Quotas are additive: every `ok` contribution adds its quotas (first one wins
 * on a duplicate id). The merged section is `ok` when at least one contributor
 * is `ok`; failures of the other contributors are kept in `error` so they stay
 * visible. When every contributor failed it is `error`; when none is
 * configured it is `not-configured`.
 */
function mergeQuotas(
  entries: Array<{ providerId: string; fact: Fact<QuotaFact[]> }>,
): Fact<QuotaFact[]> | undefined {
  if (entries.length === 0) return undefined;
  const ok = entries.filter(e => e.fact.status === 'ok');
  const failed = entries.filter(e => e.fact.status === 'error');
  if (ok.length === 0) return pickSection(entries);
  const seen = new Set<string>();
  const value: QuotaFact[] = [];
  for (const entry of ok) {
    for (const quota of entry.fact.value ?? []) {
      if (seen.has(quota.id)) continue;
      seen.add(quota.id);
      value.push(quota);
    }
  }
  const locations = ok
    .map(e => e.fact.location)
    .filter((l): l is string => Boolean(l));
  const merged: Fact<QuotaFact[]> = {
    status: 'ok',
    value,
    source: [...new Set(ok.map(e => e.fact.source))].join(','),
    collectedAt: earliest(ok.map(e => e.fact.collectedAt)),
  };
  if (locations.length > 0) merged.location = locations.join(', ');
  if (failed.length > 0) {
    merged.error = failed
      .map(e => `${e.providerId}: ${e.fact.error ?? 'unknown error'}`)
      .join('; ');
  }
  return merged;
}

/**
 * Merges provider contributions into one `EntityFacts`.
 *
 * Rules, applied after {@link orderContributions}:
 * - `quotas`: concatenated across `ok` contributors (see `mergeQuotas`);
 *   `error` only when every contributor failed.
 * - `workloads`: an `ok` section from the live `kubernetes` provider wins over
 *   `manifests`; otherwise as every other section.
 * - every other section: the first `ok` of a live provider; else the first
 *   `error` of a live provider (the live source failed: the section is
 *   unknown with that error, the manifests or declared values are not used
 *   in its place); else the first `ok`, else the first `error`, else
 *   `not-configured`.
 * A section nobody contributed stays absent (read as `not-configured`).
 * @public
 */
export function mergeFacts(
  base: BaseEntityFacts,
  contributions: ReadonlyArray<ProviderFactContribution>,
): EntityFacts {
  const ordered = orderContributions(contributions);
  const result: EntityFacts = {
    entityRef: base.entityRef,
    kind: base.kind,
    relations: {
      dependsOn: [...base.relations.dependsOn],
      consumesApis: [...base.relations.consumesApis],
      providesApis: [...base.relations.providesApis],
    },
  };
  if (base.type !== undefined) result.type = base.type;
  if (base.lifecycle !== undefined) result.lifecycle = base.lifecycle;
  if (base.system !== undefined) result.system = base.system;
  if (base.title !== undefined) result.title = base.title;
  if (base.tags !== undefined) result.tags = [...base.tags];

  for (const section of SECTION_NAMES) {
    const entries = ordered.flatMap(c => {
      const fact = c.facts[section];
      return fact ? [{ providerId: c.providerId, fact }] : [];
    });
    if (entries.length === 0) continue;
    if (section === 'quotas') {
      result.quotas = mergeQuotas(
        entries as Array<{ providerId: string; fact: Fact<QuotaFact[]> }>,
      );
    } else if (section === 'workloads') {
      result.workloads = pickWorkloads(
        entries as Array<{
          providerId: string;
          fact: Fact<WorkloadSetFacts>;
        }>,
      );
    } else {
      // Each section keeps its own Fact<T>; the cast only re-joins the union.
      (result as unknown as Record<string, unknown>)[section] = pickSection(
        entries as Array<{ providerId: string; fact: Fact<unknown> }>,
      );
    }
  }
  return result;
}
