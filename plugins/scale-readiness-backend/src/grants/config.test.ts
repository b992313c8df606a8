import { ConfigReader } from '@backstage/config';
import { readGrantsConfig, revokeBackoffMs } from './config';

describe('readGrantsConfig', () => {
  it('has safe defaults', () => {
    const c = readGrantsConfig(new ConfigReader({}));
    expect(c).toMatchObject({
      maxDurationHours: 14 * 24,
      defaultDurationHours: 24,
      permissions: ['pull', 'triage', 'push', 'maintain'],
      rateLimit: { requests: 10, windowMinutes: 60 },
      retry: { maxAttempts: 5, initialDelaySeconds: 30, maxDelaySeconds: 3600 },
      forceDryRun: false,
    });
    expect(c.schedule).toMatchObject({ frequency: { minutes: 1 } });
  });

  it('reads champions from config and refuses bad values', () => {
    const c = readGrantsConfig(
      new ConfigReader({
        scaleReadiness: {
          grants: {
            maxDurationDays: 1,
            defaultDurationHours: 72,
            champions: [
              {
                group: 'platform-team',
                users: ['guest', 'user:development/guest'],
              },
            ],
          },
        },
      }),
    );
    expect(c.maxDurationHours).toBe(24);
    expect(c.defaultDurationHours).toBe(24); // capped by the maximum
    expect(c.configChampions.get('group:default/platform-team')).toEqual([
      'user:default/guest',
      'user:development/guest',
    ]);
    expect(() =>
      readGrantsConfig(
        new ConfigReader({
          scaleReadiness: { grants: { permissions: ['owner'] } },
        }),
      ),
    ).toThrow(/unknown permission 'owner'/);
    expect(() =>
      readGrantsConfig(
        new ConfigReader({
          scaleReadiness: { grants: { maxDurationDays: 0 } },
        }),
      ),
    ).toThrow(/positive/);
  });

  it('backs off exponentially up to the cap', () => {
    const retry = {
      maxAttempts: 5,
      initialDelaySeconds: 30,
      maxDelaySeconds: 100,
    };
    expect([1, 2, 3, 4].map(a => revokeBackoffMs(a, retry))).toEqual([
      30_000, 60_000, 100_000, 100_000,
    ]);
  });
});
