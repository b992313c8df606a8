import type { ScorecardRow } from '@scale-readiness/plugin-scale-readiness-common';
import { summariseWeakestLinks } from './weakestLinks';

function row(
  entityRef: string,
  link?: { entityRef: string; checkId: string; headroom: number | null },
): ScorecardRow {
  return {
    entityRef,
    kind: 'component',
    level: 'bronze',
    score: 60,
    ownHeadroom: null,
    chainHeadroom: link?.headroom ?? null,
    weakestLink: link && {
      ...link,
      message: `${link.checkId} on ${link.entityRef}`,
    },
    coverage: 1,
    dimensions: {
      autoscaling: { score: 50, worst: 'fail' },
      quotas: { score: 100, worst: 'pass' },
      docs: { score: 100, worst: 'pass' },
      ownership: { score: 100, worst: 'pass' },
    },
    failing: [],
    evaluatedAt: '2026-11-25T10:00:00.000Z',
  };
}

const DB = 'resource:default/orders-db';
const API = 'component:default/orders-api';

describe('summariseWeakestLinks', () => {
  it('groups components by the limit their chain breaks at, lowest headroom first', () => {
    const links = summariseWeakestLinks(
      [
        row('component:default/a', {
          entityRef: DB,
          checkId: 'quotas.headroom',
          headroom: 1.4,
        }),
        row('component:default/b', {
          entityRef: DB,
          checkId: 'quotas.headroom',
          headroom: 1.4,
        }),
        row('component:default/c', {
          entityRef: API,
          checkId: 'autoscaling.hpa-max-headroom',
          headroom: 2.5,
        }),
        // Same entity, another check: a separate limit.
        row('component:default/d', {
          entityRef: DB,
          checkId: 'quotas.k8s-resource-quota',
          headroom: 0.9,
        }),
      ],
      3,
    );
    expect(
      links.map(l => [l.entityRef, l.checkId, l.headroom, l.affected]),
    ).toEqual([
      [DB, 'quotas.k8s-resource-quota', 0.9, 1],
      [DB, 'quotas.headroom', 1.4, 2],
      [API, 'autoscaling.hpa-max-headroom', 2.5, 1],
    ]);
    expect(links[1].message).toBe(`quotas.headroom on ${DB}`);
  });

  it('leaves out chains that survive the growth factor, unbounded ones and rows without a link', () => {
    const links = summariseWeakestLinks(
      [
        row('component:default/a', {
          entityRef: DB,
          checkId: 'quotas.headroom',
          headroom: 3,
        }),
        row('component:default/b', {
          entityRef: DB,
          checkId: 'quotas.headroom',
          headroom: 12,
        }),
        row('component:default/c', {
          entityRef: API,
          checkId: 'x',
          headroom: null,
        }),
        row('component:default/d'),
      ],
      3,
    );
    expect(links).toEqual([]);
    // At a higher factor the first two break.
    expect(
      summariseWeakestLinks(
        [
          row('component:default/a', {
            entityRef: DB,
            checkId: 'quotas.headroom',
            headroom: 3,
          }),
          row('component:default/b', {
            entityRef: DB,
            checkId: 'quotas.headroom',
            headroom: 12,
          }),
        ],
        5,
      ).map(l => l.affected),
    ).toEqual([1]);
  });

  it('orders equal headroom by the number of affected components and caps the list', () => {
    const rows = [
      row('component:default/a', {
        entityRef: API,
        checkId: 'one',
        headroom: 2,
      }),
      row('component:default/b', {
        entityRef: DB,
        checkId: 'two',
        headroom: 2,
      }),
      row('component:default/c', {
        entityRef: DB,
        checkId: 'two',
        headroom: 2,
      }),
      row('component:default/d', {
        entityRef: DB,
        checkId: 'three',
        headroom: 1,
      }),
    ];
    expect(summariseWeakestLinks(rows, 3).map(l => l.checkId)).toEqual([
      'three',
      'two',
      'one',
    ]);
    expect(summariseWeakestLinks(rows, 3, 2).map(l => l.checkId)).toEqual([
      'three',
      'two',
    ]);
  });
});
