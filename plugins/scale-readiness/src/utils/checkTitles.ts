import {
  BUILTIN_CHECKS,
  DIMENSION_NAMES,
  limitLabelOf,
  type Dimension,
} from '@scale-readiness/plugin-scale-readiness-common';

const TITLES = new Map(BUILTIN_CHECKS.map(c => [c.id, c.title]));

/**
 * The title of a check id (`quotas.headroom` → "Quotas absorb the growth
 * factor"); checks of backend modules fall back to their dimension and id.
 */
export function checkTitle(id: string): string {
  const title = TITLES.get(id);
  if (title) return title;
  const dimension = DIMENSION_NAMES[id.split('.')[0] as Dimension];
  return dimension ? `${dimension}: ${id.split('.').slice(1).join('.')}` : id;
}

/**
 * The limit a weakest link names, in words: the quota or workload from its
 * message ("inventory table write capacity"), else the check's title.
 */
export function limitLabel(limit: {
  checkId: string;
  message?: string;
}): string {
  return limitLabelOf(limit.message) ?? checkTitle(limit.checkId);
}
