import { selectorMatches } from '@scale-readiness/plugin-scale-readiness-facts';
import { parseLabelSelector } from './parseLabelSelector';

describe('parseLabelSelector', () => {
  it('parses equality, set and existence requirements', () => {
    expect(
      parseLabelSelector(
        'app.kubernetes.io/name=cart, tier==web,env!=dev, zone in (a, b),track notin (canary),owner,!legacy',
      ),
    ).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'cart', tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'zone', operator: 'In', values: ['a', 'b'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(parseLabelSelector('  ')).toBeUndefined();
  });

  it('matches labels with Kubernetes semantics', () => {
    const selector = parseLabelSelector('app=cart,env!=dev,!legacy')!;
    expect(selectorMatches(selector, { app: 'cart' }, false)).toBe(true);
    expect(selectorMatches(selector, { app: 'cart', env: 'prod' }, false)).toBe(
      true,
    );
    expect(selectorMatches(selector, { app: 'cart', env: 'dev' }, false)).toBe(
      false,
    );
    expect(selectorMatches(selector, { app: 'cart', legacy: 'x' }, false)).toBe(
      false,
    );
    expect(selectorMatches(selector, { app: 'cartx' }, false)).toBe(false);
    // Two values for one key can never both hold.
    const both = parseLabelSelector('a=x,a=y')!;
    expect(selectorMatches(both, { a: 'x' }, false)).toBe(false);
  });

  it('rejects malformed selectors with the offending part', () => {
    expect(() => parseLabelSelector('app=cart,,tier=web')).toThrow(
      /empty requirement/,
    );
    expect(() => parseLabelSelector('app=ca rt')).toThrow(
      /invalid label value 'ca rt'/,
    );
    expect(() => parseLabelSelector('-bad=1')).toThrow(
      /invalid label key '-bad'/,
    );
  });
});
