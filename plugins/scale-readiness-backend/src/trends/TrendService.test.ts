import { NotFoundError } from '@backstage/errors';
import type { HistoryEntry } from '@scale-readiness/plugin-scale-readiness-common';
import { TrendService, type TrendServiceOptions } from './TrendService';
import type { TrendPoint } from './types';

const AT = new Date('2026-03-10T12:00:00Z');
const ENTITY = 'component:default/checkout';
const TEAM = 'group:default/payments';

function point(day: string, score: number, demo: boolean): TrendPoint {
  return { day, score, weakestHeadroom: 3, components: 1, atRisk: 0, demo };
}

function change(at: string, score: number): HistoryEntry {
  return { at, level: 'silver', score, chainHeadroom: 1.5, changes: {} };
}

/** A service over in-memory readiness and trend data. */
function service(data: {
  history?: HistoryEntry[];
  result?: boolean;
  groups?: string[];
  points?: Record<string, TrendPoint[]>;
}) {
  const readiness: TrendServiceOptions['readiness'] = {
    getHistory: async () => data.history ?? [],
    getResult: async () => (data.result ? ({} as any) : undefined),
    getGroup: async ref =>
      data.groups?.includes(ref) ? ({} as any) : undefined,
  };
  return new TrendService({
    readiness,
    trends: {
      list: async (ref, from) =>
        (data.points?.[ref] ?? []).filter(p => p.day >= from),
    },
    growthFactor: () => 2,
    now: () => AT,
  });
}

describe('TrendService', () => {
  it('builds an entity trend from its history, demo days only before the first measured one', async () => {
    const trend = await service({
      history: [change('2026-03-09T08:00:00Z', 80)],
      points: {
        [ENTITY]: [
          point('2026-03-08', 50, true),
          point('2026-03-09', 55, true),
        ],
      },
    }).entity(ENTITY, 30);
    expect(trend).toEqual({
      scope: { kind: 'entity', ref: ENTITY },
      window: 30,
      from: '2026-02-09',
      to: '2026-03-10',
      growthFactor: 2,
      points: [
        point('2026-03-08', 50, true),
        { ...point('2026-03-09', 80, false), weakestHeadroom: 1.5, atRisk: 1 },
        { ...point('2026-03-10', 80, false), weakestHeadroom: 1.5, atRisk: 1 },
      ],
      demo: true,
    });
  });

  it('answers an empty trend for a scored entity and NotFound for an unknown one', async () => {
    await expect(
      service({ result: true }).entity(ENTITY, 90),
    ).resolves.toMatchObject({ points: [], demo: false, from: '2025-12-11' });
    await expect(service({}).entity(ENTITY, 90)).rejects.toThrow(NotFoundError);
  });

  it('serves team and org trends from the snapshots, NotFound for an unknown team', async () => {
    const data = {
      groups: [TEAM],
      points: {
        [TEAM]: [
          point('2026-01-01', 40, false),
          point('2026-03-01', 60, false),
        ],
        org: [point('2026-03-02', 70, false)],
      },
    };
    await expect(service(data).team(TEAM, 30)).resolves.toMatchObject({
      scope: { kind: 'team', ref: TEAM },
      points: [point('2026-03-01', 60, false)],
    });
    await expect(service(data).org(365)).resolves.toMatchObject({
      scope: { kind: 'org', ref: 'org' },
      from: '2025-03-11',
      points: [point('2026-03-02', 70, false)],
    });
    await expect(
      service(data).team('group:default/unknown', 30),
    ).rejects.toThrow(NotFoundError);
  });
});
