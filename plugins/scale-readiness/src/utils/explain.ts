import {
  explainResult,
  explainRow,
  type EntityReadinessResponse,
  type ExplainableRow,
  type LevelExplanation,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * A display-name lookup over titles known to the page (entity facts, rows),
 * for the level explanation and the chain.
 */
export function titleLookup(
  items: ReadonlyArray<{ entityRef: string; title?: string }>,
): (entityRef: string) => string | undefined {
  const titles = new Map<string, string>();
  for (const item of items) {
    if (item.title) titles.set(item.entityRef, item.title);
  }
  return ref => titles.get(ref);
}

/** Why an entity has its level, with the chain members named by their titles. */
export function explainEntity(
  response: Pick<EntityReadinessResponse, 'result' | 'facts'>,
): LevelExplanation {
  return explainResult(response.result, undefined, {
    displayName: titleLookup(response.facts ?? []),
  });
}

/** Why a scorecard row or review snapshot has its level. */
export function explainCompact(
  row: ExplainableRow,
  growthFactor: number,
  displayName?: (entityRef: string) => string | undefined,
): LevelExplanation {
  return explainRow(row, growthFactor, undefined, { displayName });
}
