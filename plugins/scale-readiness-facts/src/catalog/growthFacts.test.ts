import { mockServices } from '@backstage/backend-test-utils';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogFactProvider } from './CatalogFactProvider';

const now = new Date('2026-11-25T12:00:00.000Z');

function entity(
  kind: string,
  name: string,
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const payments = entity(
  'System',
  'payments',
  { owner: 'team-a' },
  { 'scale-readiness.io/growth-factor': '5' },
);
const ledger = entity('Component', 'ledger', {
  type: 'service',
  owner: 'team-a',
  system: 'payments',
});
const fraud = entity(
  'Component',
  'fraud',
  { type: 'service', owner: 'team-a', system: 'payments' },
  { 'scale-readiness.io/growth-factor': '8x' },
);
const shop = entity('Component', 'shop', { type: 'service', owner: 'team-a' });
const typo = entity(
  'Component',
  'typo',
  { type: 'service', owner: 'team-a' },
  { 'scale-readiness.io/growth-factor': 'three' },
);

describe('growth facts (scoped growth)', () => {
  it("reads the entity's annotation, else its System's; errors on bad values", async () => {
    const all = [payments, ledger, fraud, shop, typo];
    const byRef = new Map(all.map(e => [stringifyEntityRef(e), e]));
    const result = await new CatalogFactProvider().collect(
      [ledger, fraud, shop, typo],
      {
        logger: mockServices.logger.mock(),
        catalog: {
          getEntitiesByRefs: async refs => refs.map(r => byRef.get(r)),
        },
        now,
      },
    );
    expect(result.get('component:default/ledger')?.growth).toMatchObject({
      status: 'ok',
      value: {
        factor: 5,
        scope: 'system',
        declaredOn: 'system:default/payments',
      },
    });
    expect(result.get('component:default/fraud')?.growth?.value).toEqual({
      factor: 8,
      scope: 'entity',
      declaredOn: 'component:default/fraud',
    });
    expect(result.get('component:default/shop')?.growth).toBeUndefined();
    const bad = result.get('component:default/typo')?.growth;
    expect(bad?.status).toBe('error');
    expect(bad?.error).toMatch(
      /growth-factor .* must be a number greater than 0/,
    );
  });
});
