import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_AWS_SOURCE_CONFIG, readAwsSourceConfig } from './config';

const read = (aws: Record<string, string | number | boolean> | undefined) =>
  readAwsSourceConfig(
    mockServices.rootConfig({ data: aws ? { scaleReadiness: { aws } } : {} }),
  );

describe('readAwsSourceConfig', () => {
  it('applies the defaults', () => {
    expect(read(undefined)).toEqual(DEFAULT_AWS_SOURCE_CONFIG);
    expect(DEFAULT_AWS_SOURCE_CONFIG).toMatchObject({
      peakWindowDays: 14,
      metricPeriodSeconds: 60,
      retryMode: 'adaptive',
      maxAttempts: 5,
    });
  });

  it('reads every key, seconds to milliseconds', () => {
    expect(
      read({
        enabled: false,
        peakWindowDays: 30,
        metricPeriodSeconds: 300,
        defaultRegion: 'us-east-1',
        endpoint: 'http://localhost:4566',
        maxAttempts: 8,
        retryMode: 'standard',
        requestTimeoutSeconds: 3,
        connectionTimeoutSeconds: 1.5,
        sourceTimeoutSeconds: 20,
        concurrency: 2,
      }),
    ).toEqual({
      enabled: false,
      peakWindowDays: 30,
      metricPeriodSeconds: 300,
      defaultRegion: 'us-east-1',
      endpoint: 'http://localhost:4566',
      maxAttempts: 8,
      retryMode: 'standard',
      requestTimeoutMs: 3000,
      connectionTimeoutMs: 1500,
      sourceTimeoutMs: 20_000,
      concurrency: 2,
    });
  });

  it.each([
    [{ peakWindowDays: 0 }, 'peakWindowDays must be a positive integer'],
    [{ metricPeriodSeconds: 90 }, 'must be a multiple of 60'],
    [{ retryMode: 'legacy' }, "retryMode must be 'standard' or 'adaptive'"],
    [{ endpoint: 'localhost:4566' }, 'endpoint must be an http(s) URL'],
    [{ defaultRegion: ' ' }, 'defaultRegion must not be empty'],
    [
      { requestTimeoutSeconds: -1 },
      'requestTimeoutSeconds must be a positive number',
    ],
  ])('rejects %j', (aws, message) => {
    expect(() => read(aws)).toThrow(message);
  });
});
