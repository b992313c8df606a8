import {
  describeError,
  errorFact,
  notConfiguredFact,
  okFact,
} from './factHelpers';

describe('fact helpers', () => {
  const now = new Date('2026-11-25T10:00:00.000Z');

  it('builds ok, error and not-configured facts with provenance', () => {
    expect(
      okFact({ n: 1 }, { source: 'catalog', location: 'a', collectedAt: now }),
    ).toEqual({
      status: 'ok',
      value: { n: 1 },
      source: 'catalog',
      location: 'a',
      collectedAt: '2026-11-25T10:00:00.000Z',
    });
    const failed = errorFact(new Error('boom'), {
      source: 'x',
      collectedAt: 'T',
    });
    expect(failed).toEqual({
      status: 'error',
      error: 'boom',
      source: 'x',
      collectedAt: 'T',
    });
    expect('location' in failed).toBe(false);
    expect(notConfiguredFact({ source: 'x', collectedAt: now }).status).toBe(
      'not-configured',
    );
  });

  it('describes anything thrown', () => {
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ code: 1 })).toBe('{"code":1}');
    expect(describeError(new TypeError(''))).toBe('TypeError');
  });
});
