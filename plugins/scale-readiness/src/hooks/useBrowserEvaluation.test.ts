import {
  readinessConfigFromAppConfig,
  simulateInBrowser,
} from '@scale-readiness/plugin-scale-readiness-common';
import { chainFacts, entityResponse } from '../__testUtils__/fixtures';
import { globalFactorFor } from './useBrowserEvaluation';

describe('globalFactorFor (entity simulator with scoped growth)', () => {
  const config = readinessConfigFromAppConfig({
    growthFactor: 3,
    growth: { systems: { shop: 5 } },
  });

  it("turns the entity's own factor into the global factor", () => {
    const { result } = entityResponse();
    const scoped = {
      result: { ...result, growthFactor: 5 },
      engine: { config, serverOnlyChecks: [] },
    };
    expect(globalFactorFor(scoped, 5)).toBe(3);
    expect(globalFactorFor(scoped, 10)).toBe(6);
    const unscoped = {
      result: { ...result, growthFactor: 3 },
      engine: { config, serverOnlyChecks: [] },
    };
    expect(globalFactorFor(unscoped, 7)).toBe(7);
    expect(globalFactorFor({ result }, 7)).toBe(7);
  });

  it('the simulated entity is evaluated at the factor the user picked', () => {
    const facts = chainFacts().map(f => ({
      ...f,
      system: 'system:default/shop',
    }));
    const engine = { config, serverOnlyChecks: [] };
    const [first] = simulateInBrowser({ facts, engine }, 3);
    expect(first.growthFactor).toBe(5);
    const response = { result: first, engine };
    const [at10] = simulateInBrowser(
      { facts, engine },
      globalFactorFor(response, 10),
    );
    expect(at10.growthFactor).toBe(10);
  });
});
