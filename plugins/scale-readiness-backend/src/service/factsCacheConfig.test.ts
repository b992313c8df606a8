import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { factsCacheBytesOf } from './setup';

const config = (processing: JsonObject) =>
  mockServices.rootConfig({ data: { scaleReadiness: { processing } } });

describe('scaleReadiness.processing.factsCacheBytes', () => {
  it('is optional and accepts 0 (disabled) or a whole number of bytes', () => {
    expect(factsCacheBytesOf(mockServices.rootConfig())).toBeUndefined();
    expect(factsCacheBytesOf(config({ factsCacheBytes: 0 }))).toBe(0);
    expect(factsCacheBytesOf(config({ factsCacheBytes: 1048576 }))).toBe(
      1048576,
    );
  });

  it.each([-1, 1.5])('stops the backend at start for %p', value => {
    expect(() => factsCacheBytesOf(config({ factsCacheBytes: value }))).toThrow(
      /Invalid scaleReadiness\.processing\.factsCacheBytes/,
    );
  });
});
