import type { JobRecord } from './githubActions';

/**
 * Jobs of finished workflow runs, kept across scoring passes (a finished run's
 * jobs never change), so later passes only read new runs. Bounded: past
 * `maxRuns` entries the oldest inserted run is dropped.
 */
export class JobCache {
  readonly #maxRuns: number;
  readonly #runs = new Map<string, JobRecord[]>();

  constructor(maxRuns = 20_000) {
    this.#maxRuns = maxRuns;
  }

  get size(): number {
    return this.#runs.size;
  }

  get(key: string): JobRecord[] | undefined {
    return this.#runs.get(key);
  }

  set(key: string, jobs: JobRecord[]): void {
    this.#runs.delete(key);
    this.#runs.set(key, jobs);
    while (this.#runs.size > this.#maxRuns) {
      this.#runs.delete(this.#runs.keys().next().value!);
    }
  }
}
