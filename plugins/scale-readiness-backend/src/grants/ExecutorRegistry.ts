import type { GrantTarget } from '@scale-readiness/plugin-scale-readiness-common';
import type { AccessExecutor } from '@scale-readiness/plugin-scale-readiness-node';
import { DryRunExecutor } from './DryRunExecutor';

/**
 * Access executors added through the extension point, plus the dry-run
 * fallback. An id can be added once (a second registration throws rather than
 * silently replacing the first).
 */
export class ExecutorRegistry {
  readonly #executors = new Map<string, AccessExecutor>();
  readonly dryRun = new DryRunExecutor();
  #forceDryRun = false;

  /** Adds executors; throws on a duplicate id. */
  add(...executors: AccessExecutor[]): void {
    for (const executor of executors) {
      if (this.#executors.has(executor.id) || executor.id === this.dryRun.id) {
        throw new Error(
          `An access executor with id '${executor.id}' is already registered`,
        );
      }
      this.#executors.set(executor.id, executor);
    }
  }

  /** Uses the dry-run executor for new grants even if real ones exist. */
  forceDryRun(value: boolean): void {
    this.#forceDryRun = value;
  }

  /** The executor new grants for `target` go to. */
  pick(target: GrantTarget): AccessExecutor {
    if (this.#forceDryRun) return this.dryRun;
    for (const executor of this.#executors.values()) {
      if (executor.supports(target)) return executor;
    }
    return this.dryRun;
  }

  /** The executor that applied a stored grant (revokes go back to it). */
  byId(id: string): AccessExecutor | undefined {
    return id === this.dryRun.id ? this.dryRun : this.#executors.get(id);
  }

  /** What the UI shows: the executor new grants use by default. */
  describe(): { id: string; dryRun: boolean; label: string } {
    const first = this.#forceDryRun
      ? undefined
      : this.#executors.values().next().value;
    const executor = first ?? this.dryRun;
    return { id: executor.id, dryRun: executor.dryRun, label: executor.label };
  }
}
