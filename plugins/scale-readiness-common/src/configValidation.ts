/** Validation helpers of the engine configuration reader (internal). */

/** Throws the configuration error naming `path`. */
export function fail(path: string, problem: string): never {
  throw new Error(`Invalid scale readiness configuration: ${path} ${problem}`);
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object whose keys are all in `allowed`, or throws. */
export function checkKeys(
  path: string,
  value: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  if (!isRecord(value))
    fail(path, `must be an object, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      fail(
        `${path}.${key}`,
        `is not a known key (expected one of ${allowed.join(', ')})`,
      );
    }
  }
  return value;
}

/** A finite number within the given bounds, or throws. */
export function number(
  path: string,
  value: unknown,
  opts: { min?: number; max?: number; integer?: boolean; positive?: boolean },
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(path, `must be a finite number, got ${JSON.stringify(value)}`);
  }
  if (opts.positive && value <= 0)
    fail(path, `must be greater than 0, got ${value}`);
  if (opts.min !== undefined && value < opts.min)
    fail(path, `must be at least ${opts.min}, got ${value}`);
  if (opts.max !== undefined && value > opts.max)
    fail(path, `must be at most ${opts.max}, got ${value}`);
  if (opts.integer && !Number.isInteger(value))
    fail(path, `must be an integer, got ${value}`);
  return value;
}

/** Weights merged over `defaults`, each ≥ 0, or throws. */
export function weights<K extends string>(
  path: string,
  raw: unknown,
  keys: readonly K[],
  defaults: Record<K, number>,
): Record<K, number> {
  const result = { ...defaults };
  if (raw === undefined) return result;
  const obj = checkKeys(path, raw, keys);
  for (const key of keys) {
    if (obj[key] !== undefined)
      result[key] = number(`${path}.${key}`, obj[key], { min: 0 });
  }
  return result;
}
