import type { HistoryEntry } from '@scale-readiness/plugin-scale-readiness-common';
import { dailyPointsFromHistory } from './snapshot';
import { windowStart } from './types';

const entry = (at: string, score: number, chainHeadroom: number | null) =>
  ({ at, level: 'silver', score, chainHeadroom, changes: {} } as HistoryEntry);

describe('dailyPointsFromHistory', () => {
  it('carries the last state of each day forward, starting with the state before the window', () => {
    const history = [
      // newest first, as getHistory returns it
      entry('2026-12-04T18:00:00Z', 90, 4),
      entry('2026-12-04T08:00:00Z', 80, 2.5),
      entry('2026-12-02T12:00:00Z', 70, 2),
      entry('2026-11-20T12:00:00Z', 50, 1.5),
    ];
    const points = dailyPointsFromHistory(
      history,
      '2026-12-01',
      '2026-12-05',
      3,
    );
    expect(
      points.map(p => [p.day, p.score, p.weakestHeadroom, p.atRisk]),
    ).toEqual([
      ['2026-12-01', 50, 1.5, 1],
      ['2026-12-02', 70, 2, 1],
      ['2026-12-03', 70, 2, 1],
      ['2026-12-04', 90, 4, 0],
      ['2026-12-05', 90, 4, 0],
    ]);
  });

  it('leaves out days before the first known state', () => {
    const points = dailyPointsFromHistory(
      [entry('2026-12-04T08:00:00Z', 80, null)],
      '2026-12-01',
      '2026-12-05',
      3,
    );
    expect(points.map(p => p.day)).toEqual(['2026-12-04', '2026-12-05']);
    expect(points[0]).toMatchObject({ weakestHeadroom: null, atRisk: 0 });
  });

  it('windows include their last day', () => {
    expect(windowStart(new Date('2026-12-05T23:00:00Z'), 30)).toBe(
      '2026-11-06',
    );
    expect(windowStart(new Date('2026-12-05T00:00:00Z'), 365)).toBe(
      '2025-12-06',
    );
  });
});
