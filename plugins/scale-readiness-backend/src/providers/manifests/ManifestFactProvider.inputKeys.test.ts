import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManifestFactProvider } from './ManifestFactProvider';

const deployment = (name: string, cpu = '250m') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    spec:
      containers: [{ name: app, resources: { requests: { cpu: ${cpu} } } }]
`;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a' },
  };
}

const ctx: FactProviderContext = {
  logger: mockServices.logger.mock(),
  catalog: { getEntitiesByRefs: async refs => refs.map(() => undefined) },
  now: new Date('2026-11-25T12:00:00.000Z'),
};

describe('ManifestFactProvider.inputKeys', () => {
  let tmp: string;
  let provider: ManifestFactProvider;
  const location = () => `file:${path.join(tmp, 'repo', 'catalog-info.yaml')}`;
  const svc = () =>
    component('svc', {
      'backstage.io/managed-by-location': location(),
      'scale-readiness.io/manifests': './deploy',
    });
  const keyOf = async (entity: Entity) =>
    (await provider.inputKeys([entity], ctx)).get(
      `component:default/${entity.metadata.name}`,
    );

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-manifest-keys-')),
    );
    await fs.mkdir(path.join(tmp, 'repo', 'deploy'), { recursive: true });
    await fs.writeFile(
      path.join(tmp, 'repo', 'deploy', 'app.yaml'),
      deployment('svc'),
    );
    provider = new ManifestFactProvider({
      reader: {} as never,
      allowedLocalRoots: [tmp],
    });
  });

  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('keeps the key while the files and annotations are unchanged', async () => {
    const key = await keyOf(svc());
    expect(key).toMatch(/^[\w-]{20,}$/);
    expect(await keyOf(svc())).toBe(key);
  });

  it('changes the key when a file changes, appears or disappears', async () => {
    const file = path.join(tmp, 'repo', 'deploy', 'app.yaml');
    const key = await keyOf(svc());
    await fs.writeFile(file, deployment('svc', '500m'));
    const edited = await keyOf(svc());
    expect(edited).not.toBe(key);

    const extra = path.join(tmp, 'repo', 'deploy', 'more.yaml');
    await fs.writeFile(extra, deployment('more'));
    const added = await keyOf(svc());
    expect(added).not.toBe(edited);
    await fs.rm(extra);
    expect(await keyOf(svc())).not.toBe(added);
  });

  it('changes the key when the annotations that name the files change', async () => {
    const key = await keyOf(svc());
    const peak = svc();
    peak.metadata.annotations!['scale-readiness.io/peak-replicas'] = '6';
    expect(await keyOf(peak)).not.toBe(key);
  });

  it('gives no key for URL targets or unreadable paths', async () => {
    const remote = component('remote', {
      'scale-readiness.io/manifests': 'https://example.com/deploy/app.yaml',
    });
    expect(await keyOf(remote)).toBeUndefined();
    const outside = component('outside', {
      'backstage.io/managed-by-location': location(),
      'scale-readiness.io/manifests': '../../elsewhere',
    });
    expect(await keyOf(outside)).toBeUndefined();
  });

  it('gives entities without manifests a fixed key', async () => {
    const plain = component('plain', {});
    expect(await keyOf(plain)).toBeDefined();
    expect(await keyOf(plain)).toBe(await keyOf(component('other', {})));
  });
});
