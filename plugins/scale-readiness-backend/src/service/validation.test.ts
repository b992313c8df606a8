import { InputError } from '@backstage/errors';
import { entityRefFromParams, normaliseRef, parseInput } from '../http';
import { overviewQuerySchema, simulateBodySchema } from './validation';

describe('entityRefFromParams', () => {
  it('normalises valid params', () => {
    expect(
      entityRefFromParams({
        kind: 'Component',
        namespace: 'Default',
        name: 'Checkout',
      }),
    ).toBe('component:default/checkout');
    expect(
      entityRefFromParams({
        kind: 'resource',
        namespace: 'prod-eu',
        name: 'db_1.main',
      }),
    ).toBe('resource:prod-eu/db_1.main');
  });

  it.each([
    [{ kind: 'comp!nent', namespace: 'default', name: 'x' }, /invalid kind/],
    [
      { kind: 'component', namespace: 'de fault', name: 'x' },
      /invalid namespace/,
    ],
    [{ kind: 'component', namespace: 'default', name: 'x/y' }, /invalid name/],
    [
      { kind: 'component', namespace: 'default', name: 'a'.repeat(64) },
      /invalid name/,
    ],
    [{ kind: 'component', namespace: 'default', name: '-x' }, /invalid name/],
    [{ kind: 'component', namespace: 'default' }, /required/],
  ])('rejects %j', (params, message) => {
    expect(() => entityRefFromParams(params)).toThrow(InputError);
    expect(() => entityRefFromParams(params)).toThrow(message);
  });

  it('does not echo huge input in full', () => {
    const attempt = () =>
      entityRefFromParams({
        kind: 'component',
        namespace: 'default',
        name: 'x'.repeat(5000),
      });
    expect(attempt).toThrow(
      /^Malformed entity ref '(component:default\/x+)…': invalid name$/,
    );
    expect(attempt).not.toThrow(/x{300}/);
  });
});

describe('normaliseRef', () => {
  it('applies the default kind and namespace', () => {
    expect(normaliseRef('payments', 'group')).toBe('group:default/payments');
    expect(normaliseRef('component:prod/Cart', 'group')).toBe(
      'component:prod/cart',
    );
  });

  it('rejects malformed refs with InputError', () => {
    expect(() => normaliseRef('payments')).toThrow(InputError);
    expect(() => normaliseRef('a:b:c/d', 'group')).toThrow(InputError);
    expect(() => normaliseRef('group:default/bad name', 'group')).toThrow(
      /invalid name/,
    );
  });
});

describe('schemas', () => {
  it('coerces and bounds overview paging', () => {
    expect(
      parseInput(overviewQuerySchema, { limit: '10', offset: '5' }, 'query'),
    ).toEqual({
      limit: 10,
      offset: 5,
    });
    expect(() =>
      parseInput(overviewQuerySchema, { limit: '0' }, 'query'),
    ).toThrow(/Invalid query: limit/);
  });

  it('needs exactly one simulation target', () => {
    expect(() =>
      parseInput(simulateBodySchema, { growthFactor: 2 }, 'body'),
    ).toThrow(/exactly one/);
    expect(
      parseInput(
        simulateBodySchema,
        { growthFactor: 2, team: 'payments' },
        'body',
      ),
    ).toEqual({ growthFactor: 2, team: 'payments' });
  });
});
