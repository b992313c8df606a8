import {
  championsCheck,
  ciCapacityCheck,
  ownerResolvesCheck,
  ownerSetCheck,
  teamMembersCheck,
} from './ownership';
import {
  bare,
  notConfigured,
  ok,
  ownership,
  run,
  service,
} from '../__testUtils__/builders';

const owned = (o: Parameters<typeof ownership>[0]) =>
  service('component:default/api', { ownership: ownership(o) });

describe('ownership.owner-set', () => {
  it('fails without owner, unknown without ownership facts', () => {
    const outcome = run(ownerSetCheck, owned({ ownerRef: undefined }));
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('spec.owner');
    expect(
      run(
        ownerSetCheck,
        service('component:default/api', { ownership: notConfigured() }),
      ).status,
    ).toBe('unknown');
  });

  it('applies to Resources and Systems', () => {
    expect(
      run(
        ownerSetCheck,
        bare('resource:default/db', 'Resource', { ownership: ownership() }),
      ).status,
    ).toBe('pass');
    expect(
      run(ownerSetCheck, bare('system:default/shop', 'System')).status,
    ).toBe('unknown');
  });
});

describe('ownership.owner-resolves', () => {
  it('fails when the owner is not in the catalog, warns for a User', () => {
    expect(
      run(
        ownerResolvesCheck,
        owned({ ownerResolves: false, ownerIsGroup: false }),
      ).status,
    ).toBe('fail');
    const user = run(
      ownerResolvesCheck,
      owned({ ownerRef: 'user:default/ann', ownerIsGroup: false }),
    );
    expect(user.status).toBe('warn');
    expect(user.message).toContain('not a Group');
  });

  it('is n/a without owner', () => {
    expect(run(ownerResolvesCheck, owned({ ownerRef: undefined })).status).toBe(
      'not-applicable',
    );
  });
});

describe('ownership.team-members', () => {
  it('fails with no members and is n/a when the owner is not a Group', () => {
    expect(run(teamMembersCheck, owned({ memberCount: 0 })).status).toBe(
      'fail',
    );
    expect(run(teamMembersCheck, owned({ memberCount: 1 })).status).toBe(
      'pass',
    );
    expect(run(teamMembersCheck, owned({ ownerIsGroup: false })).status).toBe(
      'not-applicable',
    );
  });
});

describe('ownership.champions', () => {
  it('passes with 2 valid champions, warns with 1, fails with 0', () => {
    expect(run(championsCheck, owned({})).status).toBe('pass');
    expect(
      run(championsCheck, owned({ validChampions: ['user:default/ann'] }))
        .status,
    ).toBe('warn');
    expect(
      run(championsCheck, owned({ champions: [], validChampions: [] })).status,
    ).toBe('fail');
  });

  it('only counts valid champions and names the others', () => {
    const outcome = run(
      championsCheck,
      owned({
        champions: ['user:default/ann', 'user:default/ghost'],
        validChampions: ['user:default/ann'],
      }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain('user:default/ghost');
    const none = run(
      championsCheck,
      owned({ champions: ['user:default/ghost'], validChampions: [] }),
    );
    expect(none.status).toBe('fail');
    expect(none.remediation).toContain('scale-readiness.io/champions');
  });
});

describe('ownership.ci-capacity', () => {
  const ci = (maxRunners: number, peakConcurrentJobs: number) =>
    service('component:default/api', {
      ciCapacity: ok({ maxRunners, peakConcurrentJobs }, { source: 'github' }),
    });

  it('fails below ciJobFactor, warns inside the safety margin, passes above; always returns headroom', () => {
    expect(run(ciCapacityCheck, ci(60, 5))).toMatchObject({
      status: 'pass',
      headroom: 12,
    });
    expect(run(ciCapacityCheck, ci(40, 4))).toMatchObject({
      status: 'warn',
      headroom: 10,
    });
    // the scenario: a scale set of 20 runners for a peak of 6 jobs
    const fail = run(ciCapacityCheck, ci(20, 6));
    expect(fail).toMatchObject({ status: 'fail' });
    expect(fail.headroom).toBeCloseTo(3.33, 2);
    expect(fail.message).toBe(
      '20 runners for a peak of 6 concurrent jobs: 3.33×, below 10×; jobs will queue as the team grows.',
    );
    expect(fail.remediation).toContain('≥ 60');
    const queued = run(ciCapacityCheck, ci(2, 4));
    expect(queued).toMatchObject({ status: 'fail', headroom: 0.5 });
    expect(queued.message).toContain('jobs already queue');
  });

  it('on a truncated job history: a pass is unknown with the reason, a failure stands (the peak is a lower bound)', () => {
    const truncated = (maxRunners: number, peakConcurrentJobs: number) =>
      service('component:default/api', {
        ciCapacity: ok(
          {
            maxRunners,
            peakConcurrentJobs,
            peakWindow: {
              days: 14,
              since: '2026-11-11',
              repositories: ['org/api'],
              runs: 1000,
              jobs: 3000,
              countedJobs: 3000,
              bounds: {
                maxRunsPerRepository: 1000,
                maxRepositories: 20,
                concurrency: 4,
              },
              truncated: ['org/api'],
            },
          },
          { source: 'github' },
        ),
      });
    const unsure = run(ciCapacityCheck, truncated(60, 5));
    expect(unsure.status).toBe('unknown');
    expect(unsure.message).toContain('truncated (org/api)');
    expect(unsure.message).toContain('lower bound');
    expect(unsure.remediation).toContain('maxRunsPerRepository');
    expect(run(ciCapacityCheck, truncated(20, 6))).toMatchObject({
      status: 'fail',
    });
  });

  it('is not a chain capacity check', () => {
    expect(ciCapacityCheck.capacity).toBe(false);
  });

  it('is unknown for a Component without source, n/a for an API', () => {
    expect(
      run(
        ciCapacityCheck,
        service('component:default/api', { ciCapacity: undefined }),
      ).status,
    ).toBe('unknown');
    expect(run(ciCapacityCheck, bare('api:default/a', 'API')).status).toBe(
      'not-applicable',
    );
  });
});
