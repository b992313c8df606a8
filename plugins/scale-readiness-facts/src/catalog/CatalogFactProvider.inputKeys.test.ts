import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import { CatalogFactProvider } from './CatalogFactProvider';

function entity(
  kind: string,
  name: string,
  etag: string | undefined,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations, etag },
    spec: spec as Entity['spec'],
  };
}

/** Keeps only the given top-level fields, as the catalog's `fields` does. */
function project(found: Entity, fields?: string[]): Entity {
  if (!fields) return found;
  return Object.fromEntries(
    Object.entries(found).filter(([key]) => fields.includes(key)),
  ) as unknown as Entity;
}

/** A catalog over a mutable map, answering lookups like the real one. */
function catalogOf(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const calls: Array<{ refs: string[]; fields?: string[] }> = [];
  return {
    byRef,
    calls,
    ctx: (): FactProviderContext => ({
      logger: mockServices.logger.mock(),
      now: new Date('2026-11-25T12:00:00Z'),
      catalog: {
        getEntitiesByRefs: async (refs, options) => {
          calls.push({ refs, fields: options?.fields });
          return refs.map(r => {
            const found = byRef.get(r);
            return found && project(found, options?.fields);
          });
        },
      },
    }),
  };
}

const team = entity(
  'Group',
  'team-a',
  'g1',
  { type: 'team' },
  { 'scale-readiness.io/champions': 'jane' },
);
const jane = entity('User', 'jane', 'u1');
const db = entity('Resource', 'db', 'r1', { type: 'database' });
const svc = entity('Component', 'svc', 'c1', {
  owner: 'team-a',
  dependsOn: ['resource:db'],
});
const SVC = 'component:default/svc';

describe('CatalogFactProvider.inputKeys', () => {
  const provider = new CatalogFactProvider();

  it('keys an entity by its etag and the etags of what it reads', async () => {
    const catalog = catalogOf([team, jane, db, svc]);
    const key = (await provider.inputKeys([svc], catalog.ctx())).get(SVC);
    expect(key).toMatch(/^[\w-]{20,}$/);
    // Stable while nothing changes.
    expect((await provider.inputKeys([svc], catalog.ctx())).get(SVC)).toBe(key);

    // The owner, its champion and the resource it depends on are read.
    for (const [ref, changed] of [
      [
        'group:default/team-a',
        { ...team, metadata: { ...team.metadata, etag: 'g2' } },
      ],
      [
        'user:default/jane',
        { ...jane, metadata: { ...jane.metadata, etag: 'u2' } },
      ],
      [
        'resource:default/db',
        { ...db, metadata: { ...db.metadata, etag: 'r2' } },
      ],
    ] as const) {
      const before = catalog.byRef.get(ref)!;
      catalog.byRef.set(ref, changed);
      expect(
        (await provider.inputKeys([svc], catalog.ctx())).get(SVC),
      ).not.toBe(key);
      catalog.byRef.set(ref, before);
    }
    // A related entity that disappears changes the key too.
    catalog.byRef.delete('resource:default/db');
    expect((await provider.inputKeys([svc], catalog.ctx())).get(SVC)).not.toBe(
      key,
    );
  });

  it('changes the key when the entity itself changes', async () => {
    const catalog = catalogOf([team, jane, db, svc]);
    const key = (await provider.inputKeys([svc], catalog.ctx())).get(SVC);
    const edited = { ...svc, metadata: { ...svc.metadata, etag: 'c2' } };
    expect(
      (await provider.inputKeys([edited], catalog.ctx())).get(SVC),
    ).not.toBe(key);
  });

  it('gives no key without etags or when a lookup fails', async () => {
    const noEtag = entity('Component', 'svc', undefined, { owner: 'team-a' });
    const catalog = catalogOf([team, jane, db]);
    expect((await provider.inputKeys([noEtag], catalog.ctx())).has(SVC)).toBe(
      false,
    );

    const ownerWithoutEtag = entity('Group', 'team-a', undefined);
    const other = catalogOf([ownerWithoutEtag, db, svc]);
    expect((await provider.inputKeys([svc], other.ctx())).has(SVC)).toBe(false);

    const failing: FactProviderContext = {
      ...catalog.ctx(),
      catalog: {
        getEntitiesByRefs: async () => {
          throw new Error('catalog down');
        },
      },
    };
    expect((await provider.inputKeys([svc], failing)).has(SVC)).toBe(false);
  });

  it('reads only kind and metadata of related entities for the keys', async () => {
    const catalog = catalogOf([team, jane, db, svc]);
    await provider.inputKeys([svc], catalog.ctx());
    expect(catalog.calls.length).toBeGreaterThan(0);
    for (const call of catalog.calls) {
      expect(call.fields).toEqual(['kind', 'metadata']);
    }
    // The champion is found through the owner's annotations, read in the
    // first round: a change of the champion changes the key.
    expect(catalog.calls.flatMap(c => c.refs)).toContain('user:default/jane');
  });

  it('changes the key when only the spec or relations of a related entity change', async () => {
    // The catalog gives an entity a new etag on every change, whatever the
    // field: the key follows the etag, not the fields it was fetched with.
    const catalog = catalogOf([team, jane, db, svc]);
    const key = (await provider.inputKeys([svc], catalog.ctx())).get(SVC);
    catalog.byRef.set('group:default/team-a', {
      ...team,
      metadata: { ...team.metadata, etag: 'g3' },
      relations: [{ type: 'hasMember', targetRef: 'user:default/jane' }],
    });
    expect((await provider.inputKeys([svc], catalog.ctx())).get(SVC)).not.toBe(
      key,
    );
  });

  it('reads related entities in full to collect', async () => {
    const member = {
      ...team,
      relations: [{ type: 'hasMember', targetRef: 'user:default/jane' }],
    };
    const catalog = catalogOf([member, jane, db, svc]);
    await provider.inputKeys([svc], catalog.ctx());
    catalog.calls.length = 0;
    const result = await provider.collect([svc], catalog.ctx());
    expect(catalog.calls.every(c => c.fields === undefined)).toBe(true);
    // Membership comes from the group's relations, which the keys' lookups
    // leave out.
    expect(result.get(SVC)?.ownership?.value?.validChampions).toEqual([
      'user:default/jane',
    ]);
  });

  it('collects the same facts after computing the keys', async () => {
    const catalog = catalogOf([team, jane, db, svc]);
    await provider.inputKeys([svc], catalog.ctx());
    const result = await provider.collect([svc], catalog.ctx());
    expect(result.get(SVC)?.ownership?.status).toBe('ok');
    expect(result.get(SVC)?.ownership?.value?.ownerRef).toBe(
      'group:default/team-a',
    );
  });
});
