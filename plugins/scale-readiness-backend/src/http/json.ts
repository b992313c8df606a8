import type { JsonObject, JsonValue } from '@backstage/types';

function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'object':
      return Array.isArray(value)
        ? value.map(v => toJsonValue(v) ?? null)
        : toJsonObject(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

/** A plain record as auditor meta: undefined dropped, dates as ISO strings. */
export function toJsonObject(record: object): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(record)) {
    const json = toJsonValue(value);
    if (json !== undefined) out[key] = json;
  }
  return out;
}
