/**
 * Kubernetes resource quantities (`500m`, `2`, `1Gi`, `512Mi`, `1e3`, `1.5k`).
 */

const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/**
 * Parses a Kubernetes quantity into a plain number (`500m` → 0.5, `1Gi` →
 * 1073741824, `1e3` → 1000). Returns undefined when it is not a quantity.
 * @public
 */
export function parseQuantity(
  value: string | number | undefined | null,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[2]) return Number(`${match[1]}${match[2]}`);
  return base * SUFFIXES[match[3] ?? ''];
}

/**
 * Formats `value` in the unit suffix of `sample`, rounded up (e.g. 1.5 like
 * `500m` → `1500m`, 3221225472 like `2Gi` → `3Gi`).
 * @public
 */
export function formatQuantityLike(value: number, sample: string): string {
  const match = QUANTITY.exec(sample.trim());
  const suffix = match && !match[2] ? match[3] ?? '' : '';
  const scaled = value / SUFFIXES[suffix];
  return `${Math.ceil(scaled - 1e-9)}${suffix}`;
}
