import type { FactProvider } from './FactProvider';

/**
 * Holds the fact providers registered by the backend plugin and its modules.
 * Registering the same id twice throws: a module never silently replaces
 * another provider.
 * @public
 */
export class FactProviderRegistry {
  readonly #providers = new Map<string, FactProvider>();

  /** Adds providers; throws when an id is empty or already registered. */
  add(...providers: FactProvider[]): void {
    for (const provider of providers) {
      const id = provider?.id;
      if (typeof id !== 'string' || id.trim() === '') {
        throw new Error(
          'Scale Readiness fact provider must have a non-empty id',
        );
      }
      if (this.#providers.has(id)) {
        throw new Error(
          `Scale Readiness fact provider '${id}' is already registered; provider ids must be unique`,
        );
      }
      this.#providers.set(id, provider);
    }
  }

  /** The registered providers in registration order. */
  list(): FactProvider[] {
    return [...this.#providers.values()];
  }

  /** The provider with this id, if registered. */
  get(id: string): FactProvider | undefined {
    return this.#providers.get(id);
  }
}
