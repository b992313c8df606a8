import type { Entity } from '@backstage/catalog-model';
import { InProcessCatalog } from '../__testUtils__/InProcessCatalog';
import { CachedCatalogLookup } from './CachedCatalogLookup';

const credentials = {} as any;

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default', etag: 'g1' },
  spec: { type: 'team', members: ['jane'] },
};
const GROUP = 'group:default/team-a';

function setup() {
  const catalog = new InProcessCatalog([group]);
  const calls: Array<{ refs: string[]; fields?: string[] }> = [];
  const service = {
    ...catalog.service,
    getEntitiesByRefs: async (request: any, options: any) => {
      calls.push({ refs: request.entityRefs, fields: request.fields });
      return catalog.service.getEntitiesByRefs(request, options);
    },
  } as any;
  return { lookup: new CachedCatalogLookup(service, credentials), calls };
}

describe('CachedCatalogLookup', () => {
  it('asks the catalog for the fields asked for', async () => {
    const { lookup, calls } = setup();
    const [found] = await lookup.getEntitiesByRefs([GROUP], {
      fields: ['kind', 'metadata'],
    });
    expect(found).toEqual({ kind: 'Group', metadata: group.metadata });
    expect(calls).toEqual([{ refs: [GROUP], fields: ['kind', 'metadata'] }]);
  });

  it('never answers a full lookup with a projected entity', async () => {
    const { lookup, calls } = setup();
    await lookup.getEntitiesByRefs([GROUP], { fields: ['kind', 'metadata'] });
    const [found] = await lookup.getEntitiesByRefs([GROUP]);
    expect(found?.spec).toEqual(group.spec);
    expect(calls.map(c => c.fields)).toEqual([['kind', 'metadata'], undefined]);
  });

  it('answers projected lookups from full entities and from the same fields', async () => {
    const { lookup, calls } = setup();
    await lookup.getEntitiesByRefs([GROUP]);
    await lookup.getEntitiesByRefs([GROUP], { fields: ['kind', 'metadata'] });
    expect(calls).toHaveLength(1);

    const other = setup();
    await other.lookup.getEntitiesByRefs([GROUP], { fields: ['metadata'] });
    await other.lookup.getEntitiesByRefs([GROUP], { fields: ['metadata'] });
    await other.lookup.getEntitiesByRefs([GROUP], { fields: ['kind'] });
    expect(other.calls.map(c => c.fields)).toEqual([['metadata'], ['kind']]);
  });

  it('remembers entities that do not exist', async () => {
    const { lookup, calls } = setup();
    const ghost = 'group:default/ghost';
    expect(await lookup.getEntitiesByRefs([ghost])).toEqual([undefined]);
    expect(
      await lookup.getEntitiesByRefs([ghost], { fields: ['kind', 'metadata'] }),
    ).toEqual([undefined]);
    expect(calls).toHaveLength(1);
  });
});
