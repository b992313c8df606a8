/**
 * The in-memory part of the incremental team rollups (`teamRollups.ts`): per
 * owner, the rollup inputs of its results and their accumulator, and the
 * team and org rows merged from them. No database access here.
 */
import type {
  ReadinessLevel,
  Rollup,
  ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  addToRollup,
  createRollupAccumulator,
  finishRollup,
  mergeRollups,
  type RollupAccumulator,
  type RollupInput,
} from './rollup';
import type { DbGroupsRow, DbResultsRow, DbTeamRollupsRow } from './tables';
import { toNumberOrNull } from './util';

/** One result's rollup input, with its owner and result hash. */
export interface Entry {
  owner: string | null;
  hash: string;
  input: RollupInput;
}

/** What one store keeps between recomputes, valid for its writer token. */
export interface Cache {
  token: string;
  growthFactor: number;
  groupsKey: string;
  entries: Map<string, Entry>;
  /** Refs of the results of each owner (null: results without owner). */
  byOwner: Map<string | null, Set<string>>;
  owners: Map<string | null, RollupAccumulator>;
}

/** The group hierarchy: parent and title by group ref. */
export type Groups = Map<string, Pick<DbGroupsRow, 'parent_ref' | 'title'>>;

/** The result columns a rollup input is read from. */
export type InputRow = Pick<
  DbResultsRow,
  | 'entity_ref'
  | 'owner_ref'
  | 'result_hash'
  | 'level'
  | 'score'
  | 'chain_headroom'
  | 'coverage'
  | 'row'
>;

/** A result row as a cache entry. */
export function toEntry(r: InputRow): Entry {
  const compact = JSON.parse(r.row) as Partial<ScorecardRow>;
  return {
    owner: r.owner_ref ?? null,
    hash: r.result_hash,
    input: {
      level: r.level as ReadinessLevel,
      score: toNumberOrNull(r.score),
      chainHeadroom: toNumberOrNull(r.chain_headroom),
      coverage: toNumberOrNull(r.coverage) ?? 0,
      dimensions: compact.dimensions as ScorecardRow['dimensions'],
      growthFactor: compact.growthFactor,
    },
  };
}

/** Adds or replaces a result's entry (moving it to its new owner). */
export function setEntry(cache: Cache, ref: string, entry: Entry) {
  deleteEntry(cache, ref);
  cache.entries.set(ref, entry);
  let refs = cache.byOwner.get(entry.owner);
  if (!refs) cache.byOwner.set(entry.owner, (refs = new Set()));
  refs.add(ref);
}

/** Drops a result's entry. */
export function deleteEntry(cache: Cache, ref: string) {
  const old = cache.entries.get(ref);
  if (!old) return;
  cache.entries.delete(ref);
  const refs = cache.byOwner.get(old.owner);
  refs?.delete(ref);
  if (refs?.size === 0) cache.byOwner.delete(old.owner);
}

/** Recomputes one owner's accumulator from its entries (no drift from subtracting). */
export function refreshOwner(cache: Cache, owner: string | null) {
  const refs = cache.byOwner.get(owner);
  if (!refs) {
    cache.owners.delete(owner);
    return;
  }
  const acc = createRollupAccumulator(cache.growthFactor);
  for (const ref of refs) addToRollup(acc, cache.entries.get(ref)!.input);
  cache.owners.set(owner, acc);
}

/** The ref itself and its ancestors (cycle safe), as the full recompute rolls up. */
export function selfAndAncestors(ref: string, groups: Groups): string[] {
  const out = [ref];
  const seen = new Set([ref]);
  let parent = groups.get(ref)?.parent_ref ?? null;
  while (parent && !seen.has(parent)) {
    seen.add(parent);
    out.push(parent);
    parent = groups.get(parent)?.parent_ref ?? null;
  }
  return out;
}

/** Every team with a row: each group, each owner with results and its ancestors. */
export function teamRefs(cache: Cache, groups: Groups): Set<string> {
  const teams = new Set(groups.keys());
  for (const owner of cache.owners.keys()) {
    if (owner !== null) {
      for (const ref of selfAndAncestors(owner, groups)) teams.add(ref);
    }
  }
  return teams;
}

/** Rows of the given teams, each the merge of the owners below it. */
export function teamRows(
  cache: Cache,
  groups: Groups,
  teams: Set<string>,
  options: { growthFactor: number; at: Date },
): DbTeamRollupsRow[] {
  const accs = new Map<string, RollupAccumulator>();
  for (const team of teams) {
    accs.set(team, createRollupAccumulator(options.growthFactor));
  }
  for (const [owner, acc] of cache.owners) {
    if (owner === null) continue;
    for (const ref of selfAndAncestors(owner, groups)) {
      const into = accs.get(ref);
      if (into) mergeRollups(into, acc);
    }
  }
  const subGroups = new Map<string, number>();
  for (const group of groups.keys()) {
    for (const ref of selfAndAncestors(group, groups).slice(1)) {
      if (teams.has(ref)) subGroups.set(ref, (subGroups.get(ref) ?? 0) + 1);
    }
  }
  return [...accs].map(([teamRef, acc]) => {
    const rollup: Rollup = finishRollup(acc);
    const below = subGroups.get(teamRef);
    if (below) rollup.subGroups = below;
    const group = groups.get(teamRef);
    return {
      team_ref: teamRef,
      title: group?.title ?? null,
      parent_ref: group?.parent_ref ?? null,
      components: rollup.components,
      score: rollup.score,
      at_risk: rollup.atRisk,
      not_ready: rollup.levels['not-ready'],
      coverage: rollup.coverage,
      rollup: JSON.stringify(rollup),
      updated_at: options.at,
    };
  });
}

/** The org rollup: every owner merged. */
export function orgRollup(cache: Cache): Rollup {
  const org = createRollupAccumulator(cache.growthFactor);
  for (const acc of cache.owners.values()) mergeRollups(org, acc);
  return finishRollup(org);
}
