import { escapeCsvField, toCsv } from './csv';

describe('escapeCsvField', () => {
  it('leaves plain values alone and renders empty for null/undefined', () => {
    expect(escapeCsvField('orders-api')).toBe('orders-api');
    expect(escapeCsvField(2.5)).toBe('2.5');
    expect(escapeCsvField(null)).toBe('');
    expect(escapeCsvField(undefined)).toBe('');
    expect(escapeCsvField(false)).toBe('false');
  });

  it('quotes fields with commas, quotes and line breaks and doubles inner quotes', () => {
    expect(escapeCsvField('a,b')).toBe('"a,b"');
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvField('line1\nline2')).toBe('"line1\nline2"');
    expect(escapeCsvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises spreadsheet formulas in text but not negative numbers', () => {
    expect(escapeCsvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(escapeCsvField('+1')).toBe("'+1");
    expect(escapeCsvField('@cmd')).toBe("'@cmd");
    expect(escapeCsvField(-3)).toBe('-3');
  });
});

describe('toCsv', () => {
  it('joins header and rows with CRLF and escapes every field', () => {
    const csv = toCsv(
      ['name', 'note'],
      [
        ['a', 'plain'],
        ['b, c', 'x"y'],
      ],
    );
    expect(csv).toBe('name,note\r\na,plain\r\n"b, c","x""y"\r\n');
  });

  it('round-trips through a minimal RFC 4180 parser', () => {
    const rows = [['Checkout, "v2"', 'multi\nline', '', '42']];
    const csv = toCsv(['a', 'b', 'c', 'd'], rows);
    const parsed = parseCsv(csv);
    expect(parsed).toEqual([['a', 'b', 'c', 'd'], ...rows]);
  });
});

/** Small RFC 4180 parser used to check the output independently. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return out;
}
