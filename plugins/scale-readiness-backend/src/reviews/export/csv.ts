/**
 * RFC 4180 CSV: writing with quoting where needed, and a parser used by tests
 * and by anyone who wants to read an export back.
 */

/** A cell value; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** A table to serialise: a header row and data rows of the same width. */
export interface CsvTable {
  columns: string[];
  rows: CsvValue[][];
}

/** Characters that make a spreadsheet treat a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Formats one cell: numbers as is, formula-like text prefixed with `'`, quoted when needed. */
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

/** Serialises a table with CRLF line ends (RFC 4180). */
export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map(row =>
    row.map(csvCell).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV into rows of strings (quoted fields, "" escapes, CRLF or LF). */
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
