/**
 * A small catalog for champion-action tests: two teams with champions,
 * members, components with `github.com/project-slug`, a GitHub team and a
 * runner group; plus users who are not members.
 */
import type { Entity } from '@backstage/catalog-model';

/** Entity refs used by the tests. */
export const REFS = {
  checkout: 'group:default/checkout-team',
  storefront: 'group:default/storefront-team',
  /** Champion of checkout (declared and member). */
  alice: 'user:default/alice',
  /** Member of checkout, not a champion. */
  bob: 'user:default/bob',
  /** Declared champion of checkout who is not a member (not valid). */
  carol: 'user:default/carol',
  /** Champion of storefront. */
  dave: 'user:default/dave',
  /** Member of no team. */
  mallory: 'user:default/mallory',
} as const;

function user(name: string, login?: string, memberOf: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      ...(login ? { annotations: { 'github.com/user-login': login } } : {}),
    },
    spec: {
      profile: {
        displayName: name.toUpperCase(),
        email: `${name}@northwind.example`,
      },
      memberOf,
    },
    relations: memberOf.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

function group(
  name: string,
  annotations: Record<string, string>,
  members: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      title: name,
      annotations,
      links: [
        { url: `https://chat.example/${name}`, title: 'chat', type: 'chat' },
      ],
    },
    spec: {
      type: 'team',
      children: [],
      profile: { email: `${name}@northwind.example` },
    },
    relations: members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
  };
}

function component(name: string, owner: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(slug ? { annotations: { 'github.com/project-slug': slug } } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

/** The catalog of the champion-action tests. */
export function teamCatalog(): Entity[] {
  return [
    group(
      'checkout-team',
      {
        'scale-readiness.io/champions': 'alice, carol',
        'github.com/team-slug': 'northwind/checkout',
        'scale-readiness.io/runner-groups': 'northwind/linux-large',
      },
      ['alice', 'bob'],
    ),
    group('storefront-team', { 'scale-readiness.io/champions': 'dave' }, [
      'dave',
    ]),
    user('alice', 'alice-gh', ['checkout-team']),
    user('bob', 'bob-gh', ['checkout-team']),
    user('carol', 'carol-gh'),
    user('dave', 'dave-gh', ['storefront-team']),
    user('mallory', 'mallory-gh'),
    component('cart', 'checkout-team', 'northwind/cart'),
    component('checkout-api', 'checkout-team', 'northwind/checkout-api'),
    component('checkout-docs', 'checkout-team'),
    component('storefront-web', 'storefront-team', 'northwind/storefront-web'),
  ];
}
