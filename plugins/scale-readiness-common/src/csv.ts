/**
 * RFC 4180 CSV, the one writer of the backend's exports, the portal's
 * downloads and the CLI: quoting where needed, formula-like text defused, and
 * a parser used by tests and by anyone who wants to read an export back.
 */

import type { ScorecardRow } from './api';
import { DIMENSIONS, type Dimension, type ReadinessLevel } from './results';

/** A cell value; null and undefined become an empty cell. @public */
export type CsvValue = string | number | boolean | null | undefined;

/** A table to serialise: a header row and data rows of the same width. @public */
export interface CsvTable {
  columns: string[];
  rows: CsvValue[][];
}

/** Characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Formats one cell: numbers as is, formula-like text prefixed with `'`, quoted when needed. @public */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Serialises a table with CRLF line ends (RFC 4180). @public */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map(row =>
    row.map(csvCell).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV into rows of strings (quoted fields, "" escapes, CRLF or LF). @public */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) throw new Error('Unterminated quoted CSV field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Display labels of the readiness levels. @public */
export const LEVEL_LABELS: Record<ReadinessLevel, string> = {
  'not-ready': 'Not ready',
  bronze: 'Bronze',
  silver: 'Silver',
  gold: 'Gold',
};

/** Display labels of the dimensions. @public */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  autoscaling: 'Autoscaling',
  quotas: 'Quotas',
  docs: 'Docs',
  ownership: 'Owner permissions',
};

/**
 * The team scorecard as a CSV table, one row per component: the same columns
 * in the portal's download and the CLI's `--format csv`. Null scores are
 * empty, missing headroom is `unbounded`, `failingChecks` is `; `-separated.
 * @public
 */
export function teamScorecardCsvTable(rows: readonly ScorecardRow[]): CsvTable {
  return {
    columns: [
      'entityRef',
      'title',
      'system',
      'owner',
      'level',
      'score',
      'ownHeadroom',
      'chainHeadroom',
      'weakestLink',
      'weakestCheck',
      'coverage',
      ...DIMENSIONS.map(d => `${DIMENSION_LABELS[d]} status`),
      'failingChecks',
      'evaluatedAt',
    ],
    rows: rows.map(r => [
      r.entityRef,
      r.title,
      r.system,
      r.owner,
      LEVEL_LABELS[r.level],
      r.score === null ? '' : Math.round(r.score),
      r.ownHeadroom ?? 'unbounded',
      r.chainHeadroom ?? 'unbounded',
      r.weakestLink?.entityRef,
      r.weakestLink?.checkId,
      Math.round(r.coverage * 100) / 100,
      ...DIMENSIONS.map(d => r.dimensions[d]?.worst ?? ''),
      r.failing.join('; '),
      r.evaluatedAt,
    ]),
  };
}

/** The team scorecard CSV document (see {@link teamScorecardCsvTable}). @public */
export function teamScorecardCsv(rows: readonly ScorecardRow[]): string {
  return toCsv(teamScorecardCsvTable(rows));
}
