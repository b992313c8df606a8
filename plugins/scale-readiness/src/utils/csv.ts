/** A CSV cell value. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Escapes one CSV field (RFC 4180): fields with a comma, quote, CR or LF are
 * quoted and inner quotes doubled. Text that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'`.
 */
export function escapeCsvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  if (/[",\r\n]/.test(text)) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Builds a CSV document (CRLF line ends) from a header row and data rows. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
): string {
  return [header, ...rows]
    .map(row => row.map(escapeCsvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Offers a CSV document as a file download in the browser. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  document.body.removeChild(anchor);
  URL.revokeObjectURL(url);
}
