import { sortByHeadroom } from './DependencyChain';

describe('sortByHeadroom', () => {
  it('puts the tightest member first, unbounded next, unknown last', () => {
    const headroom = new Map<string, number | null>([
      ['resource:default/a', 4],
      ['resource:default/b', 1.4],
      ['resource:default/c', null],
    ]);
    expect(
      sortByHeadroom(
        [
          'resource:default/d',
          'resource:default/a',
          'resource:default/c',
          'resource:default/b',
        ],
        headroom,
      ),
    ).toEqual([
      'resource:default/b',
      'resource:default/a',
      'resource:default/c',
      'resource:default/d',
    ]);
  });
});
