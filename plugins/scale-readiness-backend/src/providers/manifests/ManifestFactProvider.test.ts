import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ManifestFactProvider } from './ManifestFactProvider';

const now = new Date('2026-11-25T12:00:00.000Z');

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: app, resources: { requests: { cpu: 250m } } }]
`;
const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${target}-hpa }
spec:
  scaleTargetRef: { kind: Deployment, name: ${target} }
  minReplicas: 2
  maxReplicas: 8
`;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a' },
  };
}

function context(): FactProviderContext {
  return {
    logger: mockServices.logger.mock(),
    catalog: { getEntitiesByRefs: async refs => refs.map(() => undefined) },
    now,
  };
}

async function write(root: string, files: Record<string, string>) {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  }
}

describe('ManifestFactProvider with local files', () => {
  let tmp: string;
  let repo: string;
  let outside: string;

  beforeAll(async () => {
    tmp = await fs.realpath(
      await fs.mkdtemp(path.join(os.tmpdir(), 'sr-manifests-')),
    );
    repo = path.join(tmp, 'repo');
    outside = path.join(tmp, 'outside');
    await write(repo, {
      'catalog-info.yaml': 'kind: Component',
      'deploy/api.yaml': deployment('api'),
      'deploy/autoscaling/hpa.yml': `${hpa('api')}---\n${hpa('ghost')}`,
      'deploy/README.md': 'not yaml',
      'deploy/.hidden/x.yaml': deployment('hidden'),
      'worker.yaml': deployment('worker'),
      'empty/service.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: api }\n',
      'broken/bad.yaml': `${deployment('ok')}---\nmetadata: { name: [oops\n`,
    });
    await write(outside, { 'secret.yaml': deployment('secret') });
    await fs.symlink(outside, path.join(repo, 'escape'));
  });

  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const provider = () =>
    new ManifestFactProvider({
      reader: {} as UrlReaderService, // never used for file: locations
      allowedLocalRoots: [repo],
    });
  const located = (
    name: string,
    manifests: string,
    extra: Record<string, string> = {},
  ) =>
    component(name, {
      'backstage.io/managed-by-location': `file:${path.join(
        repo,
        'catalog-info.yaml',
      )}`,
      'scale-readiness.io/manifests': manifests,
      ...extra,
    });

  it('reads a folder recursively and links scalers across files', async () => {
    const result = await provider().collect(
      [
        located('api', './deploy/', {
          'scale-readiness.io/peak-replicas': '3',
        }),
      ],
      context(),
    );
    const workloads = result.get('component:default/api')!.workloads!;
    expect(workloads).toMatchObject({
      status: 'ok',
      source: 'manifests',
      location: './deploy/',
      collectedAt: now.toISOString(),
    });
    const value = workloads.value!;
    expect(value.workloads.map(w => w.name)).toEqual(['api']);
    expect(value.workloads[0]).toMatchObject({
      peakReplicas: 3,
      // relative to the allowed root: no absolute server path reaches the UI
      location: 'deploy/api.yaml',
      containers: [{ name: 'app', requests: { cpu: '250m' } }],
    });
    expect(value.workloads[0].scalers.map(s => s.name)).toEqual(['api-hpa']);
    expect(value.danglingScalers.map(s => s.target)).toEqual([
      'Deployment/ghost',
    ]);
  });

  it('reads several comma-separated targets, files and folders', async () => {
    const result = await provider().collect(
      [located('multi', 'deploy/api.yaml, ./worker.yaml')],
      context(),
    );
    const value = result.get('component:default/multi')!.workloads!.value!;
    expect(value.workloads.map(w => w.name).sort()).toEqual(['api', 'worker']);
  });

  it('is ok with no workloads for a folder without any', async () => {
    const result = await provider().collect(
      [located('empty', './empty')],
      context(),
    );
    expect(result.get('component:default/empty')!.workloads).toMatchObject({
      status: 'ok',
      value: { workloads: [], danglingScalers: [], resourceQuotas: [] },
    });
  });

  it('reports a missing folder, bad YAML and invalid peak replicas as errors', async () => {
    const result = await provider().collect(
      [
        located('missing', './nope/'),
        located('broken', './broken'),
        located('peak', './worker.yaml', {
          'scale-readiness.io/peak-replicas': 'lots',
        }),
      ],
      context(),
    );
    expect(result.get('component:default/missing')!.workloads).toMatchObject({
      status: 'error',
      error: `./nope/: not found: ${path.join(repo, 'nope')}`,
    });
    const broken = result.get('component:default/broken')!.workloads!;
    expect(broken.status).toBe('error');
    expect(broken.value).toBeUndefined();
    expect(broken.error).toContain('broken/bad.yaml: ');
    expect(broken.error).not.toContain(repo);
    expect(broken.error).toContain('(document 2)');
    expect(result.get('component:default/peak')!.workloads!.error).toMatch(
      /peak-replicas must be a non-negative integer/,
    );
  });

  it('refuses local targets over the byte limit before reading them', async () => {
    const big = path.join(tmp, 'big');
    await write(big, {
      'a.yaml': deployment('a'),
      'b.yaml': `${deployment('b')}# ${'x'.repeat(2000)}\n`,
    });
    const entity = component('big', {
      'backstage.io/managed-by-location': `file:${path.join(big, 'c.yaml')}`,
      'scale-readiness.io/manifests': './',
    });
    const limited = await new ManifestFactProvider({
      reader: mockServices.urlReader.mock(),
      allowedLocalRoots: [tmp],
      maxBytes: 1024,
    }).collect([entity], context());
    expect(limited.get('component:default/big')!.workloads).toMatchObject({
      status: 'error',
      error: expect.stringMatching(
        /too large: .*big holds more than 1024 bytes of YAML \(scaleReadiness\.manifests\.maxBytes\)/,
      ),
    });
    // the same folder under the default limit (5 MB) is read
    const open = await new ManifestFactProvider({
      reader: mockServices.urlReader.mock(),
      allowedLocalRoots: [tmp],
    }).collect([entity], context());
    expect(open.get('component:default/big')!.workloads!.status).toBe('ok');
  });

  it('takes the byte limit from config and refuses a bad one', () => {
    expect(() =>
      ManifestFactProvider.fromConfig(
        new ConfigReader({ scaleReadiness: { manifests: { maxBytes: -1 } } }),
        { reader: mockServices.urlReader.mock() },
      ),
    ).toThrow(/maxBytes must be a positive integer/);
  });

  it('refuses paths outside the allowed roots, also through symlinks', async () => {
    const result = await provider().collect(
      [located('up', '../outside/'), located('link', './escape/')],
      context(),
    );
    expect(result.get('component:default/up')!.workloads!.error).toBe(
      `../outside/: ${outside} is outside the allowed local manifest roots (scaleReadiness.manifests.allowedLocalRoots)`,
    );
    expect(result.get('component:default/link')!.workloads!.error).toContain(
      'resolves outside the allowed local manifest roots',
    );
    const noRoots = new ManifestFactProvider({
      reader: {} as UrlReaderService,
    });
    const refused = await noRoots.collect(
      [located('api', './deploy/')],
      context(),
    );
    expect(refused.get('component:default/api')!.workloads!.status).toBe(
      'error',
    );
  });

  it('takes the allowed roots from config', async () => {
    const fromConfig = ManifestFactProvider.fromConfig(
      new ConfigReader({
        scaleReadiness: { manifests: { allowedLocalRoots: [repo] } },
      }),
      { reader: {} as UrlReaderService },
    );
    const result = await fromConfig.collect(
      [located('api', './worker.yaml')],
      context(),
    );
    expect(result.get('component:default/api')!.workloads!.status).toBe('ok');
  });

  it('skips entities without the annotation and needs a location for relative paths', async () => {
    const result = await provider().collect(
      [
        component('plain', {}),
        component('nowhere', { 'scale-readiness.io/manifests': './deploy/' }),
      ],
      context(),
    );
    expect(result.has('component:default/plain')).toBe(false);
    expect(result.get('component:default/nowhere')!.workloads!.error).toMatch(
      /no backstage.io\/managed-by-location/,
    );
  });
});

describe('ManifestFactProvider through a real UrlReader', () => {
  let server: http.Server;
  let base: string;
  let reader: UrlReaderService;
  const served: Record<string, string> = {
    '/repo/deploy/api.yaml': `${deployment('api')}---\n${hpa('api')}`,
    '/repo/bad.yaml': 'kind: Deployment\nmetadata: { name: [x\n',
    '/other/worker.yml': deployment('worker'),
  };
  /** Bytes the server sent of /huge.yaml (it streams 64 MB unless stopped). */
  let hugeSent = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/repo/huge.yaml') {
        res.writeHead(200, { 'content-type': 'text/yaml' });
        const chunk = Buffer.from(`# ${'x'.repeat(65_533)}\n`);
        let left = 1024;
        const pump = () => {
          while (left > 0) {
            left -= 1;
            hugeSent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => {
          left = 0;
        });
        pump();
        return;
      }
      const body = served[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    base = `http://localhost:${port}`;
    reader = UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
      }),
    });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const located = (name: string, manifests: string) =>
    component(name, {
      'backstage.io/managed-by-location': `url:${base}/repo/catalog-info.yaml`,
      'scale-readiness.io/manifests': manifests,
    });

  it('reads absolute and relative URLs', async () => {
    const result = await new ManifestFactProvider({ reader }).collect(
      [located('api', `./deploy/api.yaml, ${base}/other/worker.yml`)],
      context(),
    );
    const workloads = result.get('component:default/api')!.workloads!;
    expect(workloads.status).toBe('ok');
    const byName = Object.fromEntries(
      workloads.value!.workloads.map(w => [w.name, w]),
    );
    expect(Object.keys(byName).sort()).toEqual(['api', 'worker']);
    expect(byName.api.location).toBe(`${base}/repo/deploy/api.yaml`);
    expect(byName.api.scalers[0]).toMatchObject({
      minReplicas: 2,
      maxReplicas: 8,
    });
  });

  it('reports 404 as not found, bad YAML and unsupported folder reads as errors', async () => {
    const result = await new ManifestFactProvider({ reader }).collect(
      [
        located('missing', './missing.yaml'),
        located('bad', 'bad.yaml'),
        located('tree', './deploy/'),
      ],
      context(),
    );
    expect(result.get('component:default/missing')!.workloads).toMatchObject({
      status: 'error',
      error: `./missing.yaml: not found: ${base}/repo/missing.yaml`,
    });
    expect(result.get('component:default/bad')!.workloads!.error).toMatch(
      new RegExp(`^${base}/repo/bad.yaml: `),
    );
    // FetchUrlReader cannot list folders; the section says so instead of passing.
    expect(result.get('component:default/tree')!.workloads!.error).toMatch(
      /readTree/,
    );
  });

  it('refuses a URL over the byte limit, and stops reading it', async () => {
    const result = await new ManifestFactProvider({
      reader,
      maxBytes: 1024 * 1024,
    }).collect([located('huge', './huge.yaml')], context());
    expect(result.get('component:default/huge')!.workloads).toMatchObject({
      status: 'error',
      error: `./huge.yaml: too large: ${base}/repo/huge.yaml holds more than 1048576 bytes of YAML (scaleReadiness.manifests.maxBytes); split it or raise the limit`,
    });
    // the 64 MB body was not read to the end
    await new Promise(r => setTimeout(r, 200));
    expect(hugeSent).toBeLessThan(32 * 1024 * 1024);
    // small files under the same limit are read
    const ok = await new ManifestFactProvider({
      reader,
      maxBytes: 1024 * 1024,
    }).collect([located('api', './deploy/api.yaml')], context());
    expect(ok.get('component:default/api')!.workloads!.status).toBe('ok');
  });

  it('refuses hosts the reader is not allowed to read', async () => {
    const result = await new ManifestFactProvider({ reader }).collect(
      [located('evil', 'http://127.0.0.2:9/x.yaml')],
      context(),
    );
    expect(result.get('component:default/evil')!.workloads!.status).toBe(
      'error',
    );
  });
});
