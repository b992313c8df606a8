import type { Entity } from '@backstage/catalog-model';
import type { FactProviderContext } from '@scale-readiness/plugin-scale-readiness-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The backend's provider (its public API): the CLI must build the same
// section from the same files.
import { ManifestFactProvider } from '@scale-readiness/plugin-scale-readiness-backend';
import type { RawProblem, SourcedEntity } from '../input/classify';
import { YamlStore } from '../input/YamlStore';
import { KubernetesIndex } from '../kubernetes/KubernetesIndex';
import { workloadContribution } from './workloadSection';

const now = new Date('2026-11-25T10:00:00.000Z');
let root: string;

const deployment = (name: string, replicas = '2') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  replicas: ${replicas}
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, resources: { requests: { cpu: 100m } } }] }
`;

function write(rel: string, text: string) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cli-')));
  write('svc/catalog-info.yaml', '# entity file\n');
  write(
    'svc/deploy/a.yaml',
    `${deployment('api')}---\nkind: Deployment\nmetadata: { name: [oops\n`,
  );
  write(
    'svc/deploy/b.yaml',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: api, namespace: shop }\nspec: { scaleTargetRef: { kind: Deployment, name: api }, minReplicas: 2, maxReplicas: 8 }\n',
  );
  write('svc/deploy/sub/c.yaml', deployment('worker', 'three'));
  write('svc/deploy/sub/d.yml', deployment('cron'));
  write('svc/deploy/.hidden/x.yaml', deployment('hidden'));
  write('svc/deploy/node_modules/y.yaml', deployment('module'));
  write('svc/good/api.yaml', deployment('api'));
  write('elsewhere/api.yaml', deployment('api'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${root}/svc/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service' },
  };
}

function cli(e: Entity, roots = [root]) {
  const problems: RawProblem[] = [];
  const sourced: SourcedEntity = {
    entity: e,
    file: path.join(root, 'svc/catalog-info.yaml'),
    line: 2,
  };
  const contribution = workloadContribution(sourced, {
    store: new YamlStore(),
    index: new KubernetesIndex([]),
    roots,
    now,
    problem: p => problems.push(p),
  });
  return { contribution, problems };
}

async function backend(e: Entity) {
  const provider = new ManifestFactProvider({
    reader: {} as never,
    allowedLocalRoots: [root],
  });
  const logger = {
    debug: () => {},
  } as unknown as FactProviderContext['logger'];
  const result = await provider.collect([e], {
    logger,
    catalog: { getEntitiesByRefs: async () => [] },
    now,
  });
  return result.get('component:default/api');
}

describe('workloadContribution from scale-readiness.io/manifests', () => {
  it.each([
    ['a clean folder', { 'scale-readiness.io/manifests': './good/' }],
    [
      'a folder with a YAML error and a wrongly typed field',
      { 'scale-readiness.io/manifests': './deploy/' },
    ],
    [
      'several targets, one missing',
      {
        'scale-readiness.io/manifests':
          './good/api.yaml, ./missing/, ./deploy/sub/d.yml',
      },
    ],
    [
      'an invalid peak-replicas',
      {
        'scale-readiness.io/manifests': './good/',
        'scale-readiness.io/peak-replicas': 'lots',
      },
    ],
    [
      'a peak per workload',
      {
        'scale-readiness.io/manifests': './deploy/sub/d.yml,./good',
        'scale-readiness.io/peak-replicas': 'api=3',
      },
    ],
  ])(
    'builds the same section as the backend for %s',
    async (_name, annotations) => {
      const e = entity(annotations);
      const expected = await backend(e);
      expect(expected?.workloads).toBeDefined();
      expect(cli(e).contribution).toEqual(expected);
    },
  );

  it('reports every problem with its file and line', () => {
    const { contribution, problems } = cli(
      entity({ 'scale-readiness.io/manifests': './deploy/, ./missing' }),
    );
    expect(contribution?.workloads?.status).toBe('error');
    expect(contribution?.workloads?.error).toMatch(
      /^\.\/missing: not found: .*; .*a\.yaml: .*\(document 2\); .*c\.yaml: Deployment worker: spec\.replicas must be an integer/,
    );
    expect(
      problems.map(p => `${path.relative(root, p.file)}:${p.line}`),
    ).toEqual([
      'svc/catalog-info.yaml:2',
      'svc/deploy/a.yaml:12',
      'svc/deploy/sub/c.yaml:1',
    ]);
  });

  it('refuses targets outside the folders being checked, and URLs', () => {
    const outside = cli(
      entity({ 'scale-readiness.io/manifests': '../elsewhere/' }),
      [path.join(root, 'svc')],
    );
    expect(outside.contribution?.workloads?.error).toMatch(
      /elsewhere is outside the folders being checked$/,
    );
    const url = cli(
      entity({
        'scale-readiness.io/manifests': 'https://github.com/o/r/tree/main/k8s',
      }),
    );
    expect(url.contribution?.workloads?.error).toMatch(
      /URL targets are read by the portal only/,
    );
  });

  it('contributes nothing without manifests or Kubernetes annotations', () => {
    expect(cli(entity({})).contribution).toBeUndefined();
  });
});
