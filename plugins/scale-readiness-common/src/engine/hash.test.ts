import { stableHash, stableStringify } from './hash';

describe('stableStringify', () => {
  it('sorts keys at every level and matches JSON otherwise', () => {
    expect(
      stableStringify({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } }),
    ).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
    expect(
      JSON.parse(stableStringify({ z: 'é"\n', n: null, t: true })),
    ).toEqual({ z: 'é"\n', n: null, t: true });
  });

  it('drops undefined properties, maps non-finite numbers to null, uses toJSON', () => {
    expect(
      stableStringify({ a: undefined, b: NaN, c: [undefined, Infinity] }),
    ).toBe('{"b":null,"c":[null,null]}');
    expect(stableStringify({ d: new Date('2026-01-01T00:00:00Z') })).toBe(
      '{"d":"2026-01-01T00:00:00.000Z"}',
    );
  });

  it('throws on circular references but accepts repeated ones', () => {
    const shared = { x: 1 };
    expect(stableStringify([shared, shared])).toBe('[{"x":1},{"x":1}]');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => stableStringify(loop)).toThrow(/circular/);
  });
});

describe('stableHash', () => {
  it('is equal for equal values regardless of key order, different otherwise', () => {
    const a = stableHash({ x: 1, y: [1, 2], z: { q: 'a' } });
    expect(a).toMatch(/^[0-9a-f]{14}$/);
    expect(stableHash({ z: { q: 'a' }, y: [1, 2], x: 1 })).toBe(a);
    expect(stableHash({ x: 1, y: [2, 1], z: { q: 'a' } })).not.toBe(a);
    expect(stableHash({ x: 2, y: [1, 2], z: { q: 'a' } })).not.toBe(a);
  });

  it('spreads similar inputs without collisions', () => {
    const hashes = new Set(
      Array.from({ length: 20_000 }, (_, i) =>
        stableHash({ ref: `component:default/c${i}` }),
      ),
    );
    expect(hashes.size).toBe(20_000);
  });
});
