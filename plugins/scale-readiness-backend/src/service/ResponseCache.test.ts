import { ResponseCache } from './ResponseCache';

describe('ResponseCache', () => {
  it('serves the same bytes and ETag while the version holds', () => {
    const cache = new ResponseCache();
    const first = cache.set('team:a', 'v1', { rows: [1, 2, 3] });
    expect(JSON.parse(first.body.toString())).toEqual({ rows: [1, 2, 3] });
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(cache.get('team:a', 'v1')).toBe(first);
    expect(cache.get('team:a', 'v2')).toBeUndefined();
    // a stale version is dropped, not kept next to the new one
    expect(cache.size).toBe(0);
  });

  it('gives different bodies different ETags', () => {
    const cache = new ResponseCache();
    const a = cache.set('x', '1', { n: 1 });
    const b = cache.set('x', '2', { n: 2 });
    expect(a.etag).not.toBe(b.etag);
    expect(cache.size).toBe(b.body.length);
  });

  it('expires entries after maxAgeMs', () => {
    let now = 0;
    const cache = new ResponseCache({ maxAgeMs: 1000, now: () => now });
    cache.set('k', 'v', { a: 1 });
    now = 999;
    expect(cache.get('k', 'v')).toBeDefined();
    now = 2001;
    expect(cache.get('k', 'v')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond maxBytes', () => {
    const cache = new ResponseCache({ maxBytes: 40 });
    cache.set('a', '1', 'x'.repeat(10)); // 12 bytes as JSON
    cache.set('b', '1', 'y'.repeat(10));
    cache.get('a', '1'); // a is now the most recent
    cache.set('c', '1', 'z'.repeat(10)); // 36 bytes held
    cache.set('d', '1', 'w'.repeat(10)); // 48 > 40: evict b (oldest)
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('d', '1')).toBeDefined();
    expect(cache.size).toBeLessThanOrEqual(40);
    // a body larger than the whole budget is returned but not kept
    const huge = cache.set('e', '1', 'h'.repeat(100));
    expect(huge.body.length).toBe(102);
    expect(cache.get('e', '1')).toBeUndefined();
  });
});
