import type { CheckDefinition } from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Holds the readiness checks: the built-in catalogue plus those added by
 * backend modules. Registering the same check id twice throws.
 * @public
 */
export class CheckRegistry {
  readonly #checks = new Map<string, CheckDefinition>();

  /** Adds checks; throws when an id is empty or already registered. */
  add(...checks: CheckDefinition[]): void {
    for (const check of checks) {
      const id = check?.id;
      if (typeof id !== 'string' || id.trim() === '') {
        throw new Error('Scale Readiness check must have a non-empty id');
      }
      if (typeof check.evaluate !== 'function') {
        throw new Error(
          `Scale Readiness check '${id}' has no evaluate function`,
        );
      }
      if (this.#checks.has(id)) {
        throw new Error(
          `Scale Readiness check '${id}' is already registered; check ids must be unique`,
        );
      }
      this.#checks.set(id, check);
    }
  }

  /** The registered checks in registration order. */
  list(): CheckDefinition[] {
    return [...this.#checks.values()];
  }

  /** The check with this id, if registered. */
  get(id: string): CheckDefinition | undefined {
    return this.#checks.get(id);
  }
}
