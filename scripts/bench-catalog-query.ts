/**
 * The catalog REST API's `filter` and `fields` query parameters, as the
 * Backstage catalog backend reads them, for the bench catalog process
 * (bench-catalog.ts): each `filter` value is a set of `key=value` or `key`
 * conditions separated by commas (sets are ORed; conditions on different keys
 * are ANDed, values of the same key ORed; case-insensitive), keys are dotted
 * paths or `relations.<type>`.
 */
import type { Entity } from '@backstage/catalog-model';

type FilterSet = Map<string, Array<string | undefined>>;

function parseSet(text: string): FilterSet {
  const set: FilterSet = new Map();
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? undefined
        : part
            .slice(eq + 1)
            .trim()
            .toLowerCase();
    set.set(key, [...(set.get(key) ?? []), value]);
  }
  return set;
}

/** Every value at a dotted path (descending through arrays), lowercased. */
function valuesAt(entity: Entity, key: string): string[] {
  if (key.startsWith('relations.')) {
    const type = key.slice('relations.'.length);
    return (entity.relations ?? [])
      .filter(r => r.type.toLowerCase() === type)
      .map(r => r.targetRef.toLowerCase());
  }
  let current: unknown[] = [entity];
  for (const segment of key.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item === 'string' && item.toLowerCase() === segment)
            next.push('true');
          else if (item && typeof item === 'object') {
            const found = Object.entries(item).find(
              ([k]) => k.toLowerCase() === segment,
            );
            if (found) next.push(found[1]);
          }
        }
      } else if (value && typeof value === 'object') {
        const found = Object.entries(value).find(
          ([k]) => k.toLowerCase() === segment,
        );
        if (found) next.push(found[1]);
      }
    }
    current = next;
  }
  return current.flat().map(v => String(v).toLowerCase());
}

const parsed = new Map<string, FilterSet>();

/** True when `entity` matches any of the `filter` parameter values (or none given). */
export function matchesFilter(entity: Entity, filters: string[]): boolean {
  if (!filters.length) return true;
  return filters.some(text => {
    let set = parsed.get(text);
    if (!set) parsed.set(text, (set = parseSet(text)));
    for (const [key, wanted] of set) {
      const values = valuesAt(entity, key);
      const ok = wanted.some(w =>
        w === undefined ? values.length > 0 : values.includes(w),
      );
      if (!ok) return false;
    }
    return true;
  });
}

/** Keeps only the given dotted field paths (`metadata`, `spec.parent`). */
export function project(entity: Entity, fields?: string[]): Entity {
  if (!fields?.length) return entity;
  const out: Record<string, any> = {};
  for (const field of fields) {
    const path = field.split('.');
    let value: any = entity;
    for (const key of path) value = value?.[key];
    if (value === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path[path.length - 1]] = value;
  }
  return out as Entity;
}
