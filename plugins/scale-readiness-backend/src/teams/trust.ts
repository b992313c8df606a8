import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';

/**
 * Which catalog entities may confer rights (membership, champion, team
 * scope). Read from `scaleReadiness.access.trustedSources`: location refs
 * prefixes such as `url:https://github.com/acme/org/blob/main/` or
 * `github-org:`. An entity is trusted when both its
 * `backstage.io/managed-by-location` and `backstage.io/managed-by-origin-location`
 * start with one of them. Without the key every source is trusted (the
 * behaviour of earlier versions; a warning is logged at start-up).
 */
export class TrustedSources {
  readonly #prefixes: string[] | undefined;

  constructor(prefixes: string[] | undefined) {
    this.#prefixes = prefixes?.map(p => p.trim()).filter(Boolean);
  }

  /** Reads `scaleReadiness.access.trustedSources`. */
  static fromConfig(root: Config): TrustedSources {
    return new TrustedSources(
      root.getOptionalStringArray('scaleReadiness.access.trustedSources'),
    );
  }

  /** Whether a list is configured (otherwise every entity is trusted). */
  get configured(): boolean {
    return this.#prefixes !== undefined;
  }

  /** Whether an entity's location and origin both come from a trusted source. */
  trusts(entity: Entity): boolean {
    if (!this.#prefixes) return true;
    const annotations = entity.metadata.annotations ?? {};
    const location = annotations[ANNOTATION_LOCATION];
    const origin = annotations[ANNOTATION_ORIGIN_LOCATION];
    const ok = (value: string | undefined) =>
      !!value && this.#prefixes!.some(p => value.startsWith(p));
    return ok(location) && ok(origin);
  }
}
