import type { Entity } from '@backstage/catalog-model';
import { buildBaseFacts } from './buildBaseFacts';

describe('buildBaseFacts', () => {
  it('normalises spec refs with the right default kinds and the entity namespace', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'Checkout',
        namespace: 'Shop',
        title: 'Checkout service',
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        system: 'payments',
        dependsOn: ['Payments', 'resource:default/orders-db', 'not:a:ref:/'],
        consumesApis: ['orders-api'],
        providesApis: ['api:other/checkout-api'],
      },
    };
    expect(buildBaseFacts(entity)).toEqual({
      entityRef: 'component:shop/checkout',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      system: 'system:shop/payments',
      title: 'Checkout service',
      relations: {
        dependsOn: ['component:shop/payments', 'resource:default/orders-db'],
        consumesApis: ['api:shop/orders-api'],
        providesApis: ['api:other/checkout-api'],
      },
    });
  });

  it('reads relations, deduplicated and sorted, merged with the spec', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a' },
      spec: { dependsOn: ['component:default/b'] },
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/z-db' },
        { type: 'dependsOn', targetRef: 'component:default/b' },
        { type: 'consumesApi', targetRef: 'api:default/x' },
        { type: 'providesApi', targetRef: 'api:default/y' },
        { type: 'ownedBy', targetRef: 'group:default/team' },
      ],
    };
    const facts = buildBaseFacts(entity);
    expect(facts.relations).toEqual({
      dependsOn: ['component:default/b', 'resource:default/z-db'],
      consumesApis: ['api:default/x'],
      providesApis: ['api:default/y'],
    });
    expect(facts).not.toHaveProperty('type');
    expect(facts).not.toHaveProperty('system');
  });
});
