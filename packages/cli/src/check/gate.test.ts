import type {
  CheckResult,
  EntityResult,
} from '@scale-readiness/plugin-scale-readiness-common';
import { evaluateGate, parseFailOn } from './gate';

function check(
  id: string,
  status: CheckResult['status'],
  waived = false,
): CheckResult {
  return {
    id,
    dimension: 'autoscaling',
    title: id,
    status,
    severity: 'high',
    message: `${id} is ${status}`,
    evidence: [],
    ...(waived
      ? { waived: { reason: 'r', approvedBy: 'a', expiresAt: '2999-01-01' } }
      : {}),
  };
}

function result(
  ref: string,
  level: EntityResult['level'],
  checks: CheckResult[],
  headroom: number | null = null,
): EntityResult {
  return {
    entityRef: ref,
    kind: 'component',
    growthFactor: 3,
    score: 50,
    level,
    dimensions: [],
    coverage: { applicable: 1, evaluated: 1, ratio: 1 },
    ownHeadroom: null,
    chain: {
      headroom,
      weakestLink:
        headroom === null
          ? undefined
          : {
              entityRef: 'component:default/db',
              checkId: 'quotas.headroom',
              headroom,
              message: 'm',
            },
      members: [],
      path: [],
      cycles: [],
      missing: [],
    },
    checks,
  };
}

const results = [
  result(
    'component:default/a',
    'silver',
    [check('x.one', 'warn'), check('x.two', 'pass')],
    4,
  ),
  result(
    'component:default/b',
    'bronze',
    [
      check('x.one', 'fail'),
      check('x.three', 'fail', true),
      check('x.four', 'unknown'),
    ],
    1.5,
  ),
];

describe('parseFailOn', () => {
  it('parses levels, statuses, problems and none', () => {
    expect(parseFailOn('Bronze, warn,problems')).toEqual([
      { type: 'level', level: 'bronze' },
      { type: 'status', status: 'warn' },
      { type: 'problems' },
    ]);
    expect(parseFailOn('none')).toEqual([{ type: 'none' }]);
    expect(() => parseFailOn('red')).toThrow(/'red' is not a level/);
    expect(() => parseFailOn(' , ')).toThrow(/needs a value/);
  });
});

describe('evaluateGate', () => {
  const failing = (failOn: string, minHeadroom?: number, problems = 0) =>
    evaluateGate(results, problems, {
      failOn: parseFailOn(failOn),
      minHeadroom,
    }).failures.map(f => `${f.entityRef} ${f.checkId ?? '-'}`);

  it('fails on unwaived checks with the status (warn includes fail)', () => {
    expect(failing('fail')).toEqual(['component:default/b x.one']);
    expect(failing('warn')).toEqual([
      'component:default/a x.one',
      'component:default/b x.one',
    ]);
    expect(failing('unknown')).toEqual(['component:default/b x.four']);
    expect(failing('fail,warn')).toEqual([
      'component:default/a x.one',
      'component:default/b x.one',
    ]);
  });

  it('fails on a level or anything below it', () => {
    expect(failing('not-ready')).toEqual([]);
    expect(failing('bronze')).toEqual(['component:default/b -']);
    expect(failing('silver')).toEqual([
      'component:default/a -',
      'component:default/b -',
    ]);
  });

  it('fails on chain headroom below --min-headroom; unbounded passes', () => {
    expect(failing('none', 2)).toEqual(['component:default/b quotas.headroom']);
    expect(failing('none', 5)).toEqual([
      'component:default/a quotas.headroom',
      'component:default/b quotas.headroom',
    ]);
    expect(
      evaluateGate([result('component:default/c', 'gold', [], null)], 0, {
        failOn: [],
        minHeadroom: 100,
      }).passed,
    ).toBe(true);
  });

  it('fails on input problems only when asked', () => {
    expect(failing('none', undefined, 2)).toEqual([]);
    expect(failing('problems', undefined, 2)).toEqual(['(input) -']);
    const gate = evaluateGate(results, 0, { failOn: parseFailOn('none') });
    expect(gate).toEqual({
      passed: true,
      failOn: ['none'],
      minHeadroom: null,
      failures: [],
    });
  });
});
