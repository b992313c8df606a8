import type { CheckDefinition } from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from './FactProvider';
import { FactProviderRegistry } from './FactProviderRegistry';
import { CheckRegistry } from './CheckRegistry';

function provider(id: string): FactProvider {
  return { id, sections: ['quotas'], collect: async () => new Map() };
}

function check(id: string): CheckDefinition {
  return {
    id,
    dimension: 'quotas',
    title: id,
    description: id,
    severity: 'low',
    evaluate: () => ({ status: 'pass', message: 'ok' }),
  };
}

describe('FactProviderRegistry', () => {
  it('lists providers in registration order and finds them by id', () => {
    const registry = new FactProviderRegistry();
    const aws = provider('aws');
    registry.add(provider('kubernetes'), aws);
    registry.add(provider('github'));
    expect(registry.list().map(p => p.id)).toEqual([
      'kubernetes',
      'aws',
      'github',
    ]);
    expect(registry.get('aws')).toBe(aws);
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses a duplicate id instead of overwriting', () => {
    const registry = new FactProviderRegistry();
    const first = provider('aws');
    registry.add(first);
    expect(() => registry.add(provider('aws'))).toThrow(
      "Scale Readiness fact provider 'aws' is already registered",
    );
    expect(registry.get('aws')).toBe(first);
    expect(registry.list()).toHaveLength(1);
  });

  it('refuses a duplicate within one call and an empty id', () => {
    const registry = new FactProviderRegistry();
    expect(() => registry.add(provider('x'), provider('x'))).toThrow(
      /already registered/,
    );
    expect(() => registry.add(provider(' '))).toThrow(/non-empty id/);
  });
});

describe('CheckRegistry', () => {
  it('adds, lists and refuses duplicates', () => {
    const registry = new CheckRegistry();
    registry.add(check('quotas.a'), check('quotas.b'));
    expect(registry.list().map(c => c.id)).toEqual(['quotas.a', 'quotas.b']);
    expect(() => registry.add(check('quotas.a'))).toThrow(
      "Scale Readiness check 'quotas.a' is already registered",
    );
    expect(registry.get('quotas.b')?.title).toBe('quotas.b');
  });

  it('refuses a check without evaluate', () => {
    const registry = new CheckRegistry();
    const broken = { ...check('x') } as Partial<CheckDefinition>;
    delete broken.evaluate;
    expect(() => registry.add(broken as CheckDefinition)).toThrow(
      /no evaluate function/,
    );
  });
});
