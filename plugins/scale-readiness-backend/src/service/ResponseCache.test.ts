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

  it('builds once for concurrent cold requests of the same key and version', async () => {
    const cache = new ResponseCache();
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const build = async () => {
      builds += 1;
      await gate;
      return { rows: [1, 2] };
    };
    const pending = Array.from({ length: 20 }, () =>
      cache.getOrBuild('team:a', 'v1', build),
    );
    release();
    const responses = await Promise.all(pending);
    expect(builds).toBe(1);
    expect(new Set(responses.map(r => r.etag)).size).toBe(1);
    expect(JSON.parse(responses[0].body.toString())).toEqual({ rows: [1, 2] });
    // served from the cache afterwards
    await cache.getOrBuild('team:a', 'v1', build);
    expect(builds).toBe(1);
    // another version builds again
    await cache.getOrBuild('team:a', 'v2', build);
    expect(builds).toBe(2);
  });

  it('does not cache a failed build; the next caller retries', async () => {
    const cache = new ResponseCache();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('boom');
    };
    const results = await Promise.allSettled([
      cache.getOrBuild('k', 'v', failing),
      cache.getOrBuild('k', 'v', failing),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(cache.getOrBuild('k', 'v', async () => 'ok')).resolves.toEqual(
      expect.objectContaining({ body: Buffer.from('"ok"') }),
    );
    expect(cache.get('k', 'v')).toBeDefined();
  });
});
