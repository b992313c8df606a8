import {
  DIMENSIONS,
  type CheckStatus,
  type Dimension,
  type ReadinessLevel,
  type ScorecardRow,
} from '@scale-readiness/plugin-scale-readiness-common';

/** Filters of the team components table. Empty values mean "any". */
export interface ScorecardFilters {
  text: string;
  levels: ReadinessLevel[];
  system: string;
  dimension: Dimension | '';
  /** Worst status in `dimension`; `none` = no checks in it. */
  dimensionStatus: CheckStatus | 'none' | '';
}

/** No filter set. */
export const EMPTY_FILTERS: ScorecardFilters = {
  text: '',
  levels: [],
  system: '',
  dimension: '',
  dimensionStatus: '',
};

/** Applies the filters to scorecard rows, keeping their order. */
export function filterRows(
  rows: readonly ScorecardRow[],
  filters: ScorecardFilters,
): ScorecardRow[] {
  const text = filters.text.trim().toLocaleLowerCase('en-US');
  return rows.filter(row => {
    if (filters.levels.length > 0 && !filters.levels.includes(row.level)) {
      return false;
    }
    if (filters.system && (row.system ?? '') !== filters.system) {
      return false;
    }
    if (filters.dimensionStatus) {
      const dims: Dimension[] = filters.dimension
        ? [filters.dimension]
        : [...DIMENSIONS];
      const wanted =
        filters.dimensionStatus === 'none' ? null : filters.dimensionStatus;
      if (!dims.some(d => (row.dimensions[d]?.worst ?? null) === wanted)) {
        return false;
      }
    }
    if (text) {
      const haystack = [
        row.entityRef,
        row.title,
        row.system,
        row.owner,
        row.type,
        row.weakestLink?.entityRef,
        row.weakestLink?.message,
        ...row.failing,
      ]
        .filter(Boolean)
        .join('\n')
        .toLocaleLowerCase('en-US');
      if (!haystack.includes(text)) {
        return false;
      }
    }
    return true;
  });
}

/** Distinct non-empty systems of the rows, sorted. */
export function systemsOf(rows: readonly ScorecardRow[]): string[] {
  return [
    ...new Set(rows.map(r => r.system).filter((s): s is string => !!s)),
  ].sort();
}

/**
 * The CSV export of scorecard rows (one line per component): the one team
 * CSV of `-common`, the same as the CLI's `--format csv`.
 */
export { teamScorecardCsv as scorecardCsv } from '@scale-readiness/plugin-scale-readiness-common';
