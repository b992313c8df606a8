import {
  type EntityFacts,
  type FactContribution,
  mergeFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { FactsRow } from '../database';

/** Default bound of {@link MergedFactsCache}: 48 MiB. */
export const DEFAULT_FACTS_CACHE_BYTES = 48 * 1024 * 1024;

interface Entry {
  generation: number;
  facts: EntityFacts;
  bytes: number;
}

/**
 * Merged facts (base + every provider's contribution) that this process just
 * wrote, so the scoring step of the same pass need not read them back from
 * the database.
 *
 * An entry is keyed by entity ref and the entity's `generation` in the store,
 * which every write of its base or facts bumps (in the write's transaction,
 * whoever writes): an entry is served only for the generation it was stored
 * for, so a later write, in this process or another, is never served stale.
 * The collector fills it only where it knows the stored rows exactly (see
 * `FactCollector.collectPage`); the scoring step falls back to the database
 * on a miss. Bounded by an estimate of the bytes held (the JSON size), least
 * recently used first out; a bound of 0 disables it.
 */
export class MergedFactsCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxBytes: number;
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(options: { maxBytes?: number } = {}) {
    this.#maxBytes = Math.max(0, options.maxBytes ?? DEFAULT_FACTS_CACHE_BYTES);
  }

  /** Whether anything is kept (a bound above 0). */
  get enabled(): boolean {
    return this.#maxBytes > 0;
  }

  /** The merged facts of `entityRef` at `generation`, if held. */
  get(entityRef: string, generation: number): EntityFacts | undefined {
    const entry = this.#entries.get(entityRef);
    if (!entry || entry.generation !== generation) {
      if (entry) this.#delete(entityRef, entry);
      this.#misses += 1;
      return undefined;
    }
    // refresh its place in the LRU order
    this.#entries.delete(entityRef);
    this.#entries.set(entityRef, entry);
    this.#hits += 1;
    return entry.facts;
  }

  /**
   * Holds the merged facts of `entityRef` as stored at `generation`; `bytes`
   * is their size (an estimate is enough, e.g. the JSON length).
   */
  set(
    entityRef: string,
    generation: number,
    facts: EntityFacts,
    bytes: number,
  ): void {
    const old = this.#entries.get(entityRef);
    if (old) this.#delete(entityRef, old);
    if (bytes > this.#maxBytes) return;
    this.#entries.set(entityRef, { generation, facts, bytes });
    this.#bytes += bytes;
    for (const [ref, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#delete(ref, entry);
    }
  }

  /** Forgets the given entities (their facts were written or deleted). */
  invalidate(entityRefs: Iterable<string>): void {
    for (const ref of entityRefs) {
      const entry = this.#entries.get(ref);
      if (entry) this.#delete(ref, entry);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Bytes held (as estimated by the callers of `set`). */
  get size(): number {
    return this.#bytes;
  }

  /** Hits and misses since construction. */
  get stats(): { hits: number; misses: number; entries: number } {
    return {
      hits: this.#hits,
      misses: this.#misses,
      entries: this.#entries.size,
    };
  }

  #delete(entityRef: string, entry: Entry) {
    this.#entries.delete(entityRef);
    this.#bytes -= entry.bytes;
  }
}

/**
 * Fills `cache` with the merged facts of entities a collection step inserted:
 * entities that were not stored before (`newRefs`), whose base was written
 * (`bases`) with a facts row of every provider (`rows`), all in this step.
 * Their stored rows are then exactly these, at generation 1 (an insert sets
 * it; the facts rows of an entity whose base was written do not bump it
 * again). Values go through JSON as they do through the database, so a hit
 * is what a read would return. Entities that were stored before are left to
 * the database: rows a write skips as unchanged keep their stored values.
 */
export function holdInsertedFacts(
  cache: MergedFactsCache,
  collected: {
    newRefs: Iterable<string>;
    bases: ReadonlyMap<string, EntityFacts>;
    rows: ReadonlyArray<Pick<FactsRow, 'entityRef' | 'providerId' | 'facts'>>;
    providerIds: ReadonlyArray<string>;
  },
): void {
  if (!cache.enabled) return;
  const byRef = new Map<string, Map<string, FactContribution>>();
  for (const row of collected.rows) {
    let rows = byRef.get(row.entityRef);
    if (!rows) byRef.set(row.entityRef, (rows = new Map()));
    rows.set(row.providerId, row.facts);
  }
  for (const ref of collected.newRefs) {
    const base = collected.bases.get(ref);
    const rows = byRef.get(ref) ?? new Map<string, FactContribution>();
    if (!base || collected.providerIds.some(id => !rows.has(id))) continue;
    const json = JSON.stringify({ base, rows: [...rows] });
    const stored = JSON.parse(json) as {
      base: EntityFacts;
      rows: Array<[string, FactContribution]>;
    };
    cache.set(
      ref,
      1,
      mergeFacts(
        stored.base,
        stored.rows.map(([providerId, facts]) => ({ providerId, facts })),
      ),
      json.length,
    );
  }
}
