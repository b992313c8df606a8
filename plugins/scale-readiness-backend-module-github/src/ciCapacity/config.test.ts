import { ConfigReader } from '@backstage/config';
import { DEFAULT_CI_CAPACITY_SETTINGS, readCiCapacitySettings } from './config';

describe('readCiCapacitySettings', () => {
  it('has defaults and reads scaleReadiness.github.ciCapacity (seconds to ms)', () => {
    expect(readCiCapacitySettings(new ConfigReader({}))).toEqual(
      DEFAULT_CI_CAPACITY_SETTINGS,
    );
    const settings = readCiCapacitySettings(
      new ConfigReader({
        scaleReadiness: {
          manifests: { allowedLocalRoots: ['examples'] },
          github: {
            ciCapacity: {
              enabled: false,
              windowDays: 7,
              maxRunsPerRepository: 50.7,
              concurrency: 2,
              sourceTimeoutSeconds: 30,
              cacheTtlSeconds: 60,
              countAllJobs: true,
            },
          },
        },
      }),
    );
    expect(settings).toEqual({
      ...DEFAULT_CI_CAPACITY_SETTINGS,
      enabled: false,
      windowDays: 7,
      maxRunsPerRepository: 50,
      concurrency: 2,
      sourceTimeoutMs: 30_000,
      cacheTtlMs: 60_000,
      countAllJobs: true,
      allowedLocalRoots: ['examples'],
    });
  });

  it('refuses a non-positive number', () => {
    expect(() =>
      readCiCapacitySettings(
        new ConfigReader({
          scaleReadiness: { github: { ciCapacity: { windowDays: 0 } } },
        }),
      ),
    ).toThrow(
      'scaleReadiness.github.ciCapacity.windowDays must be a positive number',
    );
  });
});
