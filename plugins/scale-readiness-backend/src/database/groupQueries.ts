import type { Knex } from 'knex';
import type { GroupRow, StoredGroup } from './ReadinessStore';
import { DbGroupsRow, TABLES } from './tables';
import { chunk, insertChunks } from './util';

/** See `ReadinessStore.replaceGroups`: one transaction, readers never see a half-written tree. */
export async function replaceGroups(
  db: Knex,
  groups: GroupRow[],
  at: Date,
): Promise<void> {
  const byRef = new Map<string, DbGroupsRow>();
  for (const g of groups) {
    byRef.set(g.groupRef, {
      group_ref: g.groupRef,
      parent_ref: g.parentRef ?? null,
      title: g.title ?? null,
      champions: JSON.stringify(g.champions ?? []),
      updated_at: at,
    });
  }
  await db.transaction(async tx => {
    await tx(TABLES.groups).delete();
    for (const batch of insertChunks([...byRef.values()])) {
      await tx<DbGroupsRow>(TABLES.groups).insert(batch);
    }
  });
}

/** See `ReadinessStore.getGroup`. */
export async function getGroup(
  db: Knex,
  groupRef: string,
): Promise<StoredGroup | undefined> {
  const row = await db<DbGroupsRow>(TABLES.groups)
    .where('group_ref', groupRef)
    .first();
  if (!row) {
    return undefined;
  }
  const children = await db<DbGroupsRow>(TABLES.groups)
    .where('parent_ref', groupRef)
    .orderBy('group_ref')
    .select('group_ref');
  return {
    groupRef: row.group_ref,
    parentRef: row.parent_ref ?? null,
    title: row.title ?? null,
    champions: JSON.parse(row.champions),
    children: children.map(c => c.group_ref),
  };
}

/**
 * See `ReadinessStore.getDescendantGroups`. Walks the tree one level per
 * query; a visited set makes cycles (A → B → A) terminate.
 */
export async function getDescendantGroups(
  db: Knex,
  groupRef: string,
): Promise<string[]> {
  const visited = new Set<string>([groupRef]);
  const order = [groupRef];
  let frontier = [groupRef];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const parents of chunk(frontier)) {
      const rows = await db<DbGroupsRow>(TABLES.groups)
        .whereIn('parent_ref', parents)
        .orderBy('group_ref')
        .select('group_ref');
      for (const { group_ref: ref } of rows) {
        if (!visited.has(ref)) {
          visited.add(ref);
          order.push(ref);
          next.push(ref);
        }
      }
    }
    frontier = next;
  }
  return order;
}
