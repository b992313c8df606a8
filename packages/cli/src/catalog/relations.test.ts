import type { Entity } from '@backstage/catalog-model';
import { withCatalogRelations } from './relations';

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});

describe('withCatalogRelations', () => {
  it('adds the relations the catalog stitches onto both ends', () => {
    const input = [
      entity('Group', 'team', { type: 'team', children: [], members: ['ann'] }),
      entity('User', 'bob', { memberOf: ['team'] }),
      entity('User', 'ann', {}),
      entity('Component', 'web', {
        owner: 'team',
        providesApis: ['web-api'],
        system: 'shop',
      }),
      entity('Resource', 'db', {
        owner: 'team',
        dependencyOf: ['component:web'],
      }),
    ];
    const { entities, problems } = withCatalogRelations(input);
    expect(problems).toEqual([]);
    const relationsOf = (i: number) =>
      entities[i].relations!.map(r => `${r.type} ${r.targetRef}`);
    expect(relationsOf(0)).toEqual([
      'hasMember user:default/ann',
      'hasMember user:default/bob',
      'ownerOf component:default/web',
      'ownerOf resource:default/db',
    ]);
    expect(relationsOf(1)).toEqual(['memberOf group:default/team']);
    expect(relationsOf(2)).toEqual(['memberOf group:default/team']);
    expect(relationsOf(3)).toEqual([
      'dependsOn resource:default/db',
      'ownedBy group:default/team',
      'partOf system:default/shop',
      'providesApi api:default/web-api',
    ]);
    expect(input[0].relations).toBeUndefined();
  });

  it('reports refs it cannot parse (dependsOn has no default kind)', () => {
    const { entities, problems } = withCatalogRelations([
      entity('Component', 'web', { owner: 'team', dependsOn: ['db'] }),
    ]);
    expect(problems).toEqual([
      {
        entityRef: 'component:default/web',
        message: expect.stringMatching(
          /^spec.dependsOn: 'db' is not a valid entity ref/,
        ),
      },
    ]);
    expect(entities[0].relations).toEqual([
      { type: 'ownedBy', targetRef: 'group:default/team' },
    ]);
  });
});
