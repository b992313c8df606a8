import { bare, NOW, ok, run, service } from '../__testUtils__/builders';
import { timeToAccessCheck } from './timeToAccess';
import type { TimeToAccessFacts } from '../../facts';

const hoursAgo = (h: number) =>
  new Date(NOW.getTime() - h * 3_600_000).toISOString();

function withMeasure(overrides: Partial<TimeToAccessFacts>) {
  return service('component:default/api', {
    timeToAccess: ok<TimeToAccessFacts>(
      {
        team: 'group:default/shop',
        windowDays: 90,
        targetHours: 4,
        samples: 3,
        p50Hours: 1,
        p90Hours: 3.5,
        pending: 0,
        ...overrides,
      },
      { source: 'access-requests' },
    ),
  });
}

describe('ownership.time-to-access', () => {
  it('passes when p90 is within the target, with the numbers as evidence', () => {
    const outcome = run(timeToAccessCheck, withMeasure({}));
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toBe(
      'Time to access p50 1 h, p90 3.5 h over 3 requests in 90 days (target 4 h).',
    );
    expect(outcome.evidence?.[0].observed).toMatchObject({
      p90Hours: 3.5,
      targetHours: 4,
      samples: 3,
    });
  });

  it('fails when p90 is above the target (the six-hour wait)', () => {
    const outcome = run(timeToAccessCheck, withMeasure({ p90Hours: 6 }));
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('p90 6 h');
    expect(outcome.message).toContain('above the 4 h target');
    expect(outcome.remediation).toContain('group:default/shop');
  });

  it('uses the configured target carried in the facts', () => {
    expect(
      run(timeToAccessCheck, withMeasure({ p90Hours: 6, targetHours: 8 }))
        .status,
    ).toBe('pass');
  });

  it('warns when p90 is fine but a pending request already waits longer than the target', () => {
    const outcome = run(
      timeToAccessCheck,
      withMeasure({ pending: 1, oldestPendingSince: hoursAgo(5) }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain('a request has been waiting 5 h');
  });

  it('is unknown with no request in the window', () => {
    const outcome = run(
      timeToAccessCheck,
      withMeasure({ samples: 0, p50Hours: null, p90Hours: null }),
    );
    expect(outcome.status).toBe('unknown');
    expect(outcome.message).toContain('nothing to measure yet');
  });

  it('is unknown while the only pending request is younger than the target', () => {
    const outcome = run(
      timeToAccessCheck,
      withMeasure({
        samples: 0,
        p50Hours: null,
        p90Hours: null,
        pending: 1,
        oldestPendingSince: hoursAgo(1),
      }),
    );
    expect(outcome.status).toBe('unknown');
  });

  it('fails when nothing was measured yet but a request has waited past the target', () => {
    const outcome = run(
      timeToAccessCheck,
      withMeasure({
        samples: 0,
        p50Hours: null,
        p90Hours: null,
        pending: 2,
        oldestPendingSince: hoursAgo(30),
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('has waited 30 h');
  });

  it('is not applicable without the measurement (CLI) and to non-components', () => {
    expect(
      run(
        timeToAccessCheck,
        service('component:default/api', { timeToAccess: undefined }),
      ).status,
    ).toBe('not-applicable');
    expect(
      run(
        timeToAccessCheck,
        bare('resource:default/db', 'Resource', {
          timeToAccess: withMeasure({}).timeToAccess,
        }),
      ).status,
    ).toBe('not-applicable');
  });
});
