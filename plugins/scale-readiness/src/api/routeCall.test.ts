import { routeInit } from './routeCall';

describe('routeInit', () => {
  it('serialises a json body and keeps the other options', () => {
    expect(
      routeInit('POST /waivers', '/waivers', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        json: { entityRef: 'component:default/a', checkId: 'c', reason: 'r' },
      }),
    ).toEqual({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"entityRef":"component:default/a","checkId":"c","reason":"r"}',
    });
  });

  it('refuses a path of another route and a wrong method', () => {
    expect(() => routeInit('GET /grants/{id}', '/grants')).toThrow(
      '/grants is not a path of GET /grants/{id}',
    );
    expect(() => routeInit('POST /plans', '/plans')).toThrow(
      'POST /plans called with GET',
    );
  });
});
