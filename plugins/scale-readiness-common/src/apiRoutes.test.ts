import { routeMatches, routeMethod } from './apiRoutes';

describe('routeMatches', () => {
  it('matches concrete paths of a route template, with or without a query', () => {
    expect(routeMatches('GET /grants/{id}', '/grants/abc')).toBe(true);
    expect(
      routeMatches('GET /grants', '/grants?team=group%3Adefault%2Fa'),
    ).toBe(true);
    expect(
      routeMatches(
        'GET /reviews/{id}/teams/{kind}/{namespace}/{name}',
        '/reviews/r1/teams/group/default/checkout',
      ),
    ).toBe(true);
  });

  it('refuses paths of another route', () => {
    expect(routeMatches('GET /grants/{id}', '/grants')).toBe(false);
    expect(routeMatches('GET /grants/{id}', '/grants/abc/audit')).toBe(false);
    expect(routeMatches('GET /grants', '/grants/abc')).toBe(false);
    expect(routeMatches('GET /plans/{id}', '/plansx/1')).toBe(false);
  });

  it('reads the method', () => {
    expect(routeMethod('PATCH /waivers/{id}')).toBe('PATCH');
  });
});
