import {
  chunk,
  escapeLike,
  hashJson,
  insertChunks,
  stableStringify,
  toDate,
} from './util';

describe('chunk', () => {
  it('never yields an empty chunk and keeps every item', () => {
    expect(chunk([])).toEqual([]);
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(chunk([1, 2], 2)).toEqual([[1, 2]]);
    const big = Array.from({ length: 1001 }, (_, i) => i);
    const parts = chunk(big);
    expect(parts.map(p => p.length)).toEqual([500, 500, 1]);
    expect(parts.flat()).toEqual(big);
    expect(() => chunk([1], 0)).toThrow();
  });

  it('sizes insert batches by column count', () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({
      a: i,
      b: i,
      c: i,
      d: i,
      e: i,
      f: i,
      g: i,
      h: i,
      i,
      j: i,
    }));
    const parts = insertChunks(rows);
    expect(Math.max(...parts.map(p => p.length)) * 10).toBeLessThanOrEqual(900);
    expect(parts.flat()).toHaveLength(250);
  });
});

describe('stable hashing', () => {
  it('ignores key order and undefined values', () => {
    expect(
      stableStringify({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } }),
    ).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}');
    expect(hashJson({ a: 1, b: 2 })).toBe(hashJson({ b: 2, a: 1 }));
    expect(hashJson({ a: 1 })).not.toBe(hashJson({ a: 2 }));
  });
});

describe('toDate', () => {
  it('reads what SQLite and PostgreSQL return', () => {
    const iso = '2026-11-25T12:00:00.000Z';
    expect(toDate(new Date(iso)).toISOString()).toBe(iso);
    expect(toDate(Date.parse(iso)).toISOString()).toBe(iso);
    expect(toDate(String(Date.parse(iso))).toISOString()).toBe(iso);
    expect(toDate(iso).toISOString()).toBe(iso);
  });
});

describe('escapeLike', () => {
  it('escapes wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
