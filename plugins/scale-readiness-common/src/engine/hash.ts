/**
 * Deterministic serialisation and a fast non-cryptographic hash, used by the
 * backend to skip inputs that did not change.
 */

function serialise(value: unknown, out: string[], seen: Set<object>): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      out.push(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(JSON.stringify(value.toString()));
      return;
    case 'undefined':
    case 'function':
    case 'symbol':
      out.push('null');
      return;
    default:
      break;
  }
  const obj = value as { toJSON?: () => unknown };
  if (typeof obj.toJSON === 'function') {
    serialise(obj.toJSON(), out, seen);
    return;
  }
  if (seen.has(obj))
    throw new TypeError('stableStringify: value contains a circular reference');
  seen.add(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) out.push(',');
      serialise(obj[i], out, seen);
    }
    out.push(']');
  } else if (obj instanceof Map || obj instanceof Set) {
    const entries = obj instanceof Map ? [...obj.entries()] : [...obj.values()];
    serialise(
      obj instanceof Map
        ? Object.fromEntries(entries as Array<[string, unknown]>)
        : entries,
      out,
      seen,
    );
  } else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out.push('{');
    let first = true;
    for (const key of keys) {
      const v = record[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol')
        continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      serialise(v, out, seen);
    }
    out.push('}');
  }
  seen.delete(obj);
}

/**
 * JSON with object keys sorted at every level, so equal values give equal
 * strings regardless of key order. Like `JSON.stringify`, `undefined` object
 * properties are dropped and non-finite numbers become `null`; Maps become
 * objects and Sets arrays (in insertion order). Throws on circular references.
 * @public
 */
export function stableStringify(value: unknown): string {
  const out: string[] = [];
  serialise(value, out, new Set());
  return out.join('');
}

/** cyrb53: a fast 53-bit string hash with good dispersion (not cryptographic). */
function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A 53-bit non-cryptographic hash of `stableStringify(value)`, as 14 hex digits.
 * Equal values (regardless of key order) hash equal. Do not use it for security.
 * @public
 */
export function stableHash(value: unknown): string {
  return cyrb53(stableStringify(value)).toString(16).padStart(14, '0');
}
