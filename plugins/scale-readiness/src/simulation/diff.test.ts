import type { EntityResult } from '@scale-readiness/plugin-scale-readiness-common';
import { entityResult, row } from '../__testUtils__/fixtures';
import { compareTeamSimulation, regressions } from './diff';

function simResult(
  entityRef: string,
  chainHeadroom: number | null,
  failing: string[],
  level: EntityResult['level'],
): EntityResult {
  const base = entityResult();
  return {
    ...base,
    // a simulated result carries the factor it was evaluated at
    growthFactor: 5,
    entityRef,
    level,
    chain: { ...base.chain, headroom: chainHeadroom },
    checks: failing.map(id => ({
      id,
      dimension: 'quotas',
      title: id,
      status: 'fail',
      severity: 'high',
      message: 'm',
      evidence: [],
    })),
  };
}

describe('compareTeamSimulation', () => {
  it('holds a component to its own (scoped) simulated factor', () => {
    const rows = [
      row({ entityRef: 'component:default/pay', chainHeadroom: 6 }),
    ];
    const pay = { ...simResult('component:default/pay', 6, [], 'gold') };
    // survives the team's 5×, but payments is scoped to 8× at this factor
    const [sim] = compareTeamSimulation(
      rows,
      [{ ...pay, growthFactor: 8 }],
      3,
      5,
    );
    expect(sim.survives).toBe(false);
  });

  it('flags components that newly break or newly fail checks', () => {
    const rows = [
      row({
        entityRef: 'component:default/a',
        chainHeadroom: 4,
        level: 'gold',
      }),
      row({
        entityRef: 'component:default/b',
        chainHeadroom: 2,
        failing: ['quotas.headroom'],
        level: 'bronze',
      }),
      row({
        entityRef: 'component:default/c',
        chainHeadroom: null,
        level: 'silver',
      }),
    ];
    const results = [
      simResult('component:default/a', 4, ['quotas.headroom'], 'bronze'),
      simResult('component:default/b', 2, ['quotas.headroom'], 'bronze'),
      simResult('Component:default/C', null, [], 'silver'),
    ];
    const sims = compareTeamSimulation(rows, results, 3, 5);
    const a = sims.find(s => s.entityRef === 'component:default/a')!;
    const b = sims.find(s => s.entityRef === 'component:default/b')!;
    const c = sims.find(s => s.entityRef === 'component:default/c')!;
    expect(a).toMatchObject({
      survives: false,
      newlyBreaks: true,
      newlyFailing: ['quotas.headroom'],
    });
    // b was already broken at 3× and already failing that check
    expect(b).toMatchObject({
      survives: false,
      newlyBreaks: false,
      newlyFailing: [],
    });
    // matched case-insensitively; unbounded survives
    expect(c).toMatchObject({ survives: true, newlyBreaks: false });
    expect(regressions(sims).map(s => s.entityRef)).toEqual([
      'component:default/a',
    ]);
  });
});
