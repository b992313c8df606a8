import type { Knex } from 'knex';
import type { GroupRow, StoredGroup } from './ReadinessStore';
import { DbGroupsRow, TABLES } from './tables';
import { hashText, insertChunks } from './util';

/**
 * Breadth-first closure of the hierarchy, written by `replaceGroups` in the
 * same transaction as `groups` (migration 20261125040000): one row per
 * (ancestor, descendant) with the descendant's position in the ancestor's
 * `getDescendantGroups` order (0 is the ancestor itself). Reading a team's
 * sub-tree is then one primary-key range scan.
 */
const CLOSURE_TABLE = 'group_closure';

/**
 * Above this many closure rows (a pathologically deep hierarchy) nothing is
 * materialised and `getDescendantGroups` walks the tree with a recursive query.
 */
export const MAX_CLOSURE_ROWS = 1_000_000;

/**
 * Ancestor ref of the one closure row whose descendant_ref holds a hash of the
 * edges the closure was built from (not an entity ref, so never looked up).
 */
const FINGERPRINT_REF = '#edges';

interface DbGroupClosureRow {
  ancestor_ref: string;
  position: number;
  descendant_ref: string;
}

/** Code-point order, independent of database collation. */
function compareRefs(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Children of every parent, sorted (code-point order). */
function childrenByParent(
  edges: Iterable<{ ref: string; parent: string | null }>,
): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const { ref, parent } of edges) {
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(ref);
    else children.set(parent, [ref]);
  }
  for (const list of children.values()) list.sort(compareRefs);
  return children;
}

/**
 * `root` followed by its descendants breadth first, each level in code-point
 * order; a visited set makes cycles (A → B → A) terminate.
 */
function walk(root: string, children: Map<string, string[]>): string[] {
  const visited = new Set<string>([root]);
  const order = [root];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const ref of children.get(parent) ?? []) {
        if (!visited.has(ref)) {
          visited.add(ref);
          next.push(ref);
        }
      }
    }
    next.sort(compareRefs);
    order.push(...next);
    frontier = next;
  }
  return order;
}

/** Closure rows of the hierarchy, or undefined above MAX_CLOSURE_ROWS. */
function closureRows(
  rows: Iterable<DbGroupsRow>,
): DbGroupClosureRow[] | undefined {
  const edges = [...rows].map(r => ({
    ref: r.group_ref,
    parent: r.parent_ref,
  }));
  const children = childrenByParent(edges);
  const out: DbGroupClosureRow[] = [];
  const ancestors = new Set([...edges.map(e => e.ref), ...children.keys()]);
  for (const ancestor of ancestors) {
    const order = walk(ancestor, children);
    if (out.length + order.length > MAX_CLOSURE_ROWS) return undefined;
    order.forEach((descendant, position) =>
      out.push({
        ancestor_ref: ancestor,
        position,
        descendant_ref: descendant,
      }),
    );
  }
  return out;
}

/**
 * See `ReadinessStore.replaceGroups`: one transaction, readers never see a
 * half-written tree. Rewrites the breadth-first closure when the edges
 * (group → parent) changed.
 */
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
  const fingerprint = hashText(
    [...byRef.values()]
      .map(r => `${r.group_ref}\t${r.parent_ref ?? ''}`)
      .sort()
      .join('\n'),
  );
  await db.transaction(async tx => {
    await tx(TABLES.groups).delete();
    for (const batch of insertChunks([...byRef.values()])) {
      await tx<DbGroupsRow>(TABLES.groups).insert(batch);
    }
    const stored = await tx<DbGroupClosureRow>(CLOSURE_TABLE)
      .where({ ancestor_ref: FINGERPRINT_REF, position: 0 })
      .first('descendant_ref');
    if (stored?.descendant_ref === fingerprint) {
      return;
    }
    const closure = closureRows(byRef.values()) ?? [];
    closure.push({
      ancestor_ref: FINGERPRINT_REF,
      position: 0,
      descendant_ref: fingerprint,
    });
    await tx(CLOSURE_TABLE).delete();
    for (const batch of insertChunks(closure)) {
      await tx<DbGroupClosureRow>(CLOSURE_TABLE).insert(batch);
    }
  });
}

/**
 * See `ReadinessStore.getGroup`. One query: the group's row and its children's
 * rows (primary key and parent_ref index).
 */
export async function getGroup(
  db: Knex,
  groupRef: string,
): Promise<StoredGroup | undefined> {
  const rows = await db<DbGroupsRow>(TABLES.groups)
    .where('group_ref', groupRef)
    .orWhere('parent_ref', groupRef)
    .select('group_ref', 'parent_ref', 'title', 'champions');
  const row = rows.find(r => r.group_ref === groupRef);
  if (!row) {
    return undefined;
  }
  return {
    groupRef: row.group_ref,
    parentRef: row.parent_ref ?? null,
    title: row.title ?? null,
    champions: JSON.parse(row.champions),
    children: rows
      .filter(r => r.parent_ref === groupRef)
      .map(r => r.group_ref)
      .sort(compareRefs),
  };
}

/**
 * See `ReadinessStore.getDescendantGroups`. Reads the materialised closure (one
 * primary-key range scan). Groups without closure rows (unknown groups, or a
 * hierarchy above MAX_CLOSURE_ROWS) are walked with one recursive query
 * (UNION drops repeated rows, so cycles terminate) and ordered in memory.
 */
export async function getDescendantGroups(
  db: Knex,
  groupRef: string,
): Promise<string[]> {
  const closure = await db<DbGroupClosureRow>(CLOSURE_TABLE)
    .where('ancestor_ref', groupRef)
    .orderBy('position')
    .select('descendant_ref');
  if (closure.length > 0) {
    return closure.map(r => r.descendant_ref);
  }
  const result = await db.raw(
    `WITH RECURSIVE tree (group_ref, parent_ref) AS (
       SELECT ??, ?? FROM ?? WHERE ?? = ?
       UNION
       SELECT g.??, g.?? FROM ?? g JOIN tree t ON g.?? = t.group_ref
     )
     SELECT group_ref, parent_ref FROM tree`,
    [
      'group_ref',
      'parent_ref',
      TABLES.groups,
      'parent_ref',
      groupRef,
      'group_ref',
      'parent_ref',
      TABLES.groups,
      'parent_ref',
    ],
  );
  // PostgreSQL returns { rows }, SQLite the rows themselves
  const edges: Array<Pick<DbGroupsRow, 'group_ref' | 'parent_ref'>> =
    Array.isArray(result) ? result : result.rows;
  return walk(
    groupRef,
    childrenByParent(
      edges.map(e => ({ ref: e.group_ref, parent: e.parent_ref })),
    ),
  );
}
