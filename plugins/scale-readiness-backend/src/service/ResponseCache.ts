import { createHash } from 'node:crypto';

/** One cached response body with its validator. */
export interface CachedResponse {
  /** Strong ETag (quoted), derived from the body. */
  etag: string;
  body: Buffer;
}

/** A body already serialised as JSON text (stored as it is). */
export class JsonText {
  constructor(readonly json: string) {}
}

/**
 * Serialises `value` (or takes the JSON of a {@link JsonText}) as a response
 * body with its strong ETag (not cached).
 */
export function serialiseResponse(value: unknown): CachedResponse {
  const body = Buffer.from(
    value instanceof JsonText ? value.json : JSON.stringify(value),
  );
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { etag, body };
}

interface Entry extends CachedResponse {
  version: string;
  storedAt: number;
}

/**
 * Serialised JSON responses per key (a team), valid while the version the
 * caller computed from the database is unchanged. Large team scorecards cost
 * tens of milliseconds of CPU to read, roll up and serialise; under concurrent
 * load that queues, so a replica builds each version once and serves the
 * bytes. Bounded by total bytes (least recently used first out) and by age
 * (`maxAgeMs`, a safety net for clock skew between replicas).
 *
 * `getOrBuild` coalesces cold builds: concurrent callers for the same key and
 * version share one in-flight build instead of each building the body.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  /** Builds in flight, by key; one per key (the newest version asked). */
  readonly #building = new Map<
    string,
    { version: string; promise: Promise<CachedResponse> }
  >();
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(
    options: { maxBytes?: number; maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The cached response for `key` at `version`, if any. */
  get(key: string, version: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (
      entry.version !== version ||
      this.#now() - entry.storedAt > this.#maxAgeMs
    ) {
      this.#delete(key, entry);
      return undefined;
    }
    // refresh its place in the LRU order
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /**
   * The cached response for `key` at `version`, or the one `build` produces
   * (stored for the next caller). Concurrent callers for the same key and
   * version wait for the same build; a build that fails is not cached, and
   * the next caller builds again.
   */
  async getOrBuild(
    key: string,
    version: string,
    build: () => Promise<unknown>,
  ): Promise<CachedResponse> {
    const cached = this.get(key, version);
    if (cached) return cached;
    const inFlight = this.#building.get(key);
    if (inFlight?.version === version) return inFlight.promise;
    const promise = Promise.resolve()
      .then(build)
      .then(value => this.set(key, version, value))
      .finally(() => {
        if (this.#building.get(key)?.promise === promise) {
          this.#building.delete(key);
        }
      });
    this.#building.set(key, { version, promise });
    return promise;
  }

  /**
   * Serialises `value` (a {@link JsonText} is taken as it is), stores it for
   * `key` at `version` and returns it.
   */
  set(key: string, version: string, value: unknown): CachedResponse {
    const { etag, body } = serialiseResponse(value);
    const entry: Entry = { etag, body, version, storedAt: this.#now() };
    const old = this.#entries.get(key);
    if (old) this.#delete(key, old);
    if (body.length <= this.#maxBytes) {
      this.#entries.set(key, entry);
      this.#bytes += body.length;
      for (const [k, e] of this.#entries) {
        if (this.#bytes <= this.#maxBytes) break;
        this.#delete(k, e);
      }
    }
    return entry;
  }

  /** Bytes held. */
  get size(): number {
    return this.#bytes;
  }

  #delete(key: string, entry: Entry) {
    this.#entries.delete(key);
    this.#bytes -= entry.body.length;
  }
}
