import type { EntityFacts } from '@scale-readiness/plugin-scale-readiness-common';
import { makeBase } from '../database/testFixtures';
import { MergedFactsCache } from './MergedFactsCache';

const OWNER = 'group:default/payments';
const facts = (ref: string): EntityFacts => makeBase(ref, OWNER);

describe('MergedFactsCache', () => {
  it('serves an entry only at the generation it was stored for', () => {
    const cache = new MergedFactsCache({ maxBytes: 1000 });
    const a = facts('component:default/a');
    cache.set('component:default/a', 3, a, 100);
    expect(cache.get('component:default/a', 3)).toBe(a);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 0 });
    // a facts write bumped the generation: never the old facts
    expect(cache.get('component:default/a', 4)).toBeUndefined();
    expect(cache.get('component:default/a', 3)).toBeUndefined();
    expect(cache.get('component:default/b', 1)).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, misses: 3 });
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entries beyond its bound', () => {
    const cache = new MergedFactsCache({ maxBytes: 250 });
    cache.set('a', 1, facts('a'), 100);
    cache.set('b', 1, facts('b'), 100);
    cache.get('a', 1); // a is now the most recent
    cache.set('c', 1, facts('c'), 100); // 300 > 250: b goes
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('c', 1)).toBeDefined();
    expect(cache.size).toBe(200);
    // larger than the whole bound: not kept
    cache.set('d', 1, facts('d'), 251);
    expect(cache.get('d', 1)).toBeUndefined();
    expect(cache.size).toBe(200);
  });

  it('forgets invalidated entities and everything on clear', () => {
    const cache = new MergedFactsCache({ maxBytes: 1000 });
    cache.set('a', 1, facts('a'), 10);
    cache.set('b', 1, facts('b'), 10);
    cache.invalidate(['a']);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.size).toBe(10);
    cache.clear();
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when disabled (a bound of 0)', () => {
    const cache = new MergedFactsCache({ maxBytes: 0 });
    expect(cache.enabled).toBe(false);
    cache.set('a', 1, facts('a'), 10);
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
