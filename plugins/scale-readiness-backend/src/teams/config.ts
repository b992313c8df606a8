import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';

/**
 * Champions designated in app-config (`scaleReadiness.grants.champions`):
 * lower-cased group ref → lower-cased user refs. Config is trusted like the
 * trusted catalog sources, and config champions need not be members.
 */
export function readConfigChampions(root: Config): Map<string, string[]> {
  const champions = new Map<string, string[]>();
  const entries =
    root.getOptionalConfigArray('scaleReadiness.grants.champions') ?? [];
  for (const entry of entries) {
    const group = stringifyEntityRef(
      parseEntityRef(entry.getString('group'), { defaultKind: 'group' }),
    ).toLowerCase();
    const users = entry
      .getStringArray('users')
      .map(u =>
        stringifyEntityRef(
          parseEntityRef(u, { defaultKind: 'user' }),
        ).toLowerCase(),
      );
    champions.set(group, [
      ...new Set([...(champions.get(group) ?? []), ...users]),
    ]);
  }
  return champions;
}
