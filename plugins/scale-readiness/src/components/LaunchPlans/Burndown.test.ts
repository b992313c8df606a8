import { ticks } from './Burndown';

describe('burndown ticks', () => {
  it('uses steps of 1, 2 or 5 times a power of ten and reaches the maximum', () => {
    expect(ticks(41)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(230)).toEqual([0, 50, 100, 150, 200, 250]);
  });
});
