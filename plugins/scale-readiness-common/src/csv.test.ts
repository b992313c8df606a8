import type { ScorecardRow } from './api';
import { csvCell, parseCsv, teamScorecardCsv, toCsv } from './csv';

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

describe('csvCell', () => {
  it('leaves plain values alone and renders empty for null/undefined', () => {
    expect(csvCell('orders-api')).toBe('orders-api');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('quotes fields with commas, quotes and line breaks and doubles inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises spreadsheet formulas in text but not negative numbers', () => {
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(-3)).toBe('-3');
  });

  it('joins header and rows with CRLF and escapes every field', () => {
    const csv = toCsv({
      columns: ['name', 'note'],
      rows: [
        ['a', 'plain'],
        ['b, c', 'x"y'],
      ],
    });
    expect(csv).toBe('name,note\r\na,plain\r\n"b, c","x""y"\r\n');
  });
});

describe('team scorecard CSV', () => {
  const row = (over: Partial<ScorecardRow>): ScorecardRow =>
    ({
      entityRef: 'component:default/api',
      title: 'API',
      kind: 'Component',
      system: 'shop',
      owner: 'group:default/pay',
      level: 'gold',
      score: 92.4,
      ownHeadroom: 4,
      chainHeadroom: null,
      coverage: 0.756,
      dimensions: {
        autoscaling: { score: 100, worst: 'pass' },
        quotas: { score: 80, worst: 'warn' },
        docs: { score: null, worst: null },
        ownership: { score: 100, worst: 'pass' },
      },
      failing: [],
      evaluatedAt: 'T1',
      ...over,
    } as ScorecardRow);

  it('has one header and one row per component, the same for the portal and the CLI', () => {
    const rows = parseCsv(
      teamScorecardCsv([
        row({}),
        row({
          entityRef: 'component:default/worker',
          title: '=HYPERLINK("x")',
          level: 'not-ready',
          score: null,
          weakestLink: {
            entityRef: 'resource:default/db',
            checkId: 'quotas.headroom',
          },
          failing: ['a.b', 'c.d'],
        } as Partial<ScorecardRow>),
      ]),
    );
    expect(rows).toEqual([
      [
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
        'Autoscaling status',
        'Quotas status',
        'Docs status',
        'Owner permissions status',
        'failingChecks',
        'evaluatedAt',
      ],
      [
        'component:default/api',
        'API',
        'shop',
        'group:default/pay',
        'Gold',
        '92',
        '4',
        'unbounded',
        '',
        '',
        '0.76',
        'pass',
        'warn',
        '',
        'pass',
        '',
        'T1',
      ],
      [
        'component:default/worker',
        `'=HYPERLINK("x")`,
        'shop',
        'group:default/pay',
        'Not ready',
        '',
        '4',
        'unbounded',
        'resource:default/db',
        'quotas.headroom',
        '0.76',
        'pass',
        'warn',
        '',
        'pass',
        'a.b; c.d',
        'T1',
      ],
    ]);
  });
});
