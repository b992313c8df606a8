import { teamScorecard } from '../../__testUtils__/fixtures';
import {
  EMPTY_FILTERS,
  filterRows,
  scorecardCsv,
  systemsOf,
} from './filterRows';

const rows = teamScorecard().components;
const refs = (r: { entityRef: string }[]) => r.map(x => x.entityRef);

describe('filterRows', () => {
  it('keeps every row without filters', () => {
    expect(filterRows(rows, EMPTY_FILTERS)).toHaveLength(rows.length);
  });

  it('filters by level, system, text and dimension status', () => {
    expect(
      refs(
        filterRows(rows, { ...EMPTY_FILTERS, levels: ['gold', 'not-ready'] }),
      ),
    ).toEqual(['component:default/checkout', 'component:default/ledger']);
    expect(
      refs(filterRows(rows, { ...EMPTY_FILTERS, system: 'finance' })),
    ).toEqual(['component:default/ledger']);
    expect(
      refs(filterRows(rows, { ...EMPTY_FILTERS, text: 'ORDERS' })),
    ).toEqual(['component:default/orders-api']);
    // matches a failing check id too
    expect(
      refs(filterRows(rows, { ...EMPTY_FILTERS, text: 'quotas.headroom' })),
    ).toEqual(['component:default/orders-api']);
    expect(
      refs(
        filterRows(rows, {
          ...EMPTY_FILTERS,
          dimension: 'quotas',
          dimensionStatus: 'fail',
        }),
      ),
    ).toEqual(['component:default/orders-api']);
    expect(
      filterRows(rows, {
        ...EMPTY_FILTERS,
        dimension: 'docs',
        dimensionStatus: 'fail',
      }),
    ).toHaveLength(0);
    // any dimension
    expect(
      refs(filterRows(rows, { ...EMPTY_FILTERS, dimensionStatus: 'fail' })),
    ).toEqual(['component:default/orders-api']);
  });

  it('lists distinct systems', () => {
    expect(systemsOf(rows)).toEqual(['finance', 'shop']);
  });
});

describe('scorecardCsv', () => {
  it('writes one escaped line per row with a header', () => {
    const csv = scorecardCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0].split(',')[0]).toBe('entityRef');
    expect(lines[2]).toContain('"Checkout, ""v2"""');
    expect(lines[1]).toContain('quotas.headroom');
    // null score is empty, null headroom is "unbounded"
    expect(lines[3]).toMatch(
      /^component:default\/ledger,,finance,,Not ready,,4,unbounded,/,
    );
  });
});
