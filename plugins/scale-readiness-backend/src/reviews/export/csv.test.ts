import { csvCell, parseCsv, toCsv } from './csv';

describe('csv', () => {
  it('round-trips quotes, commas, newlines and empty cells', () => {
    const table = {
      columns: ['a', 'b', 'c'],
      rows: [
        ['plain', 'with, comma', 'with "quotes"'],
        ['multi\nline', '', 3.25],
        [null, undefined, true],
      ],
    };
    expect(parseCsv(toCsv(table))).toEqual([
      ['a', 'b', 'c'],
      ['plain', 'with, comma', 'with "quotes"'],
      ['multi\nline', '', '3.25'],
      ['', '', 'true'],
    ]);
  });

  it('defuses formula-like text but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('parses LF files and rejects unterminated quotes', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(/Unterminated/);
  });
});
