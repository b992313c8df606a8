import { formatQuantityLike, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1Gi', 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1e3', 1000],
    ['1.5k', 1500],
    ['2E', 2e18],
    ['100u', 1e-4],
    [' 3 ', 3],
  ])('%s → %d', (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 10);
  });

  it('rejects non-quantities', () => {
    for (const bad of ['', 'abc', '1Xi', '1 Gi', 'Gi'])
      expect(parseQuantity(bad)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
    expect(parseQuantity(7)).toBe(7);
  });
});

describe('formatQuantityLike', () => {
  it('uses the suffix of the sample and rounds up', () => {
    expect(formatQuantityLike(1.5, '500m')).toBe('1500m');
    expect(formatQuantityLike(2.2 * 2 ** 30, '2Gi')).toBe('3Gi');
    expect(formatQuantityLike(12.1, '10')).toBe('13');
    expect(formatQuantityLike(3000, '1e3')).toBe('3000');
  });
});
