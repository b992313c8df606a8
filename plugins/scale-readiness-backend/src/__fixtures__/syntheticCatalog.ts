/**
 * A seeded synthetic catalog for the store-backed benchmark
 * (`scripts/bench-store`): a 10-ary group hierarchy, users and champions,
 * components in request chains 3–5 deep ending at Resources with declared
 * quotas (mixed passing and failing), chain heads consuming APIs provided by
 * other chains, a few cycles, and a share of components with Kubernetes
 * manifests in local folders.
 */
import type { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { withRelations } from './readinessCatalog';

/** mulberry32: small seeded PRNG so every run builds the same catalog. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of {@link buildSyntheticCatalog}. */
export interface SyntheticCatalogOptions {
  components: number;
  /** Default components / 10. */
  groups?: number;
  /** Default components / 10. */
  resources?: number;
  /** Share of components with manifests (needs `manifestsRoot`). Default 0.1. */
  manifestsShare?: number;
  /** Folder written by {@link writeSyntheticManifests}. */
  manifestsRoot?: string;
  seed?: number;
}

/** What was generated, for reporting. */
export interface SyntheticCatalog {
  entities: Entity[];
  componentRefs: string[];
  groupRefs: string[];
  counts: Record<string, number>;
}

/** Number of manifest folders {@link writeSyntheticManifests} writes. */
export const MANIFEST_VARIANTS = 20;

/** Writes `variant-<i>/catalog-info.yaml` and `variant-<i>/manifests/*.yaml`. */
export async function writeSyntheticManifests(root: string): Promise<void> {
  for (let i = 0; i < MANIFEST_VARIANTS; i++) {
    const dir = path.join(root, `variant-${i}`, 'manifests');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(root, `variant-${i}`, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    const name = `svc-${i}`;
    await fs.writeFile(
      path.join(dir, 'workload.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      terminationGracePeriodSeconds: ${i % 3 === 0 ? 10 : 60}
      containers:
        - name: app
          resources: { requests: { cpu: 250m, memory: 256Mi } }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${name} }
spec:
  scaleTargetRef: { kind: Deployment, name: ${name} }
  minReplicas: ${i % 4 === 0 ? 1 : 2}
  maxReplicas: ${4 + i}
${
  i % 2 === 0
    ? `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${name} }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: ${name} } }
`
    : ''
}`,
    );
  }
}

/** Builds the catalog (with relations filled as the catalog would). */
export function buildSyntheticCatalog(
  options: SyntheticCatalogOptions,
): SyntheticCatalog {
  const n = options.components;
  const rnd = prng(options.seed ?? 42);
  const groupCount = Math.max(1, options.groups ?? Math.round(n / 10));
  const resourceCount = Math.max(1, options.resources ?? Math.round(n / 10));
  const manifestsShare = options.manifestsRoot
    ? options.manifestsShare ?? 0.1
    : 0;
  const entities: Entity[] = [];
  const meta = (name: string, annotations: Record<string, string> = {}) => ({
    name,
    namespace: 'default',
    annotations,
  });

  // Groups: a 10-ary tree (g0 is the root); two users each.
  const groupRefs: string[] = [];
  for (let g = 0; g < groupCount; g++) {
    const members = [`u${g}a`, `u${g}b`];
    const annotations: Record<string, string> = {};
    const r = rnd();
    if (r < 0.5)
      annotations['scale-readiness.io/champions'] = members.join(', ');
    else if (r < 0.75) annotations['scale-readiness.io/champions'] = members[0];
    if (rnd() < 0.4)
      annotations[
        'scale-readiness.io/onboarding'
      ] = `https://wiki.example.com/g${g}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(`g${g}`, annotations),
      spec: {
        type: g === 0 ? 'organization' : 'team',
        children: [],
        members,
        ...(g > 0 ? { parent: `g${Math.floor((g - 1) / 10)}` } : {}),
      },
    });
    groupRefs.push(`group:default/g${g}`);
    for (const u of members) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: meta(u),
        spec: { memberOf: [`g${g}`] },
      });
    }
  }

  // Resources with declared quotas: headroom from 1.1× to 20×.
  for (let r = 0; r < resourceCount; r++) {
    const annotations: Record<string, string> = {};
    if (rnd() < 0.9) {
      const peak = Math.round(50 + rnd() * 850);
      annotations['scale-readiness.io/quotas'] = JSON.stringify([
        {
          name: `r${r}-requests`,
          limit: 1000,
          peak,
          unit: 'req/s',
          adjustable: rnd() < 0.5,
        },
      ]);
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: meta(`r${r}`, annotations),
      spec: { type: 'database', owner: `g${r % groupCount}` },
    });
  }

  // Components in chains 3–5 deep; each chain tail provides an API.
  const componentRefs: string[] = [];
  const chains: number[][] = [];
  for (let i = 0; i < n; ) {
    const len = Math.min(n - i, 3 + Math.floor(rnd() * 3));
    chains.push(Array.from({ length: len }, (_, k) => i + k));
    i += len;
  }
  const deps = new Map<
    number,
    { dependsOn: string[]; consumesApis: string[]; providesApis: string[] }
  >();
  chains.forEach((chain, c) => {
    chain.forEach((idx, k) => {
      const d = {
        dependsOn: [] as string[],
        consumesApis: [] as string[],
        providesApis: [] as string[],
      };
      if (k + 1 < chain.length) d.dependsOn.push(`component:c${chain[k + 1]}`);
      else d.dependsOn.push(`resource:r${Math.floor(rnd() * resourceCount)}`);
      deps.set(idx, d);
    });
    const tail = deps.get(chain[chain.length - 1])!;
    tail.providesApis.push(`api-${c}`);
    // 20% of chain heads also call another chain's API; 0.5% of chains loop back.
    if (chains.length > 1 && rnd() < 0.2) {
      const other =
        (c + 1 + Math.floor(rnd() * (chains.length - 1))) % chains.length;
      deps.get(chain[0])!.consumesApis.push(`api-${other}`);
    }
    if (chain.length > 1 && rnd() < 0.005)
      tail.dependsOn.push(`component:c${chain[0]}`);
  });
  for (let i = 0; i < n; i++) {
    const annotations: Record<string, string> = {};
    if (rnd() < 0.6)
      annotations[
        'scale-readiness.io/runbook'
      ] = `https://runbooks.example.com/c${i}`;
    if (rnd() < 0.5) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (rnd() < 0.05) {
      annotations['scale-readiness.io/quotas'] = JSON.stringify([
        { name: `c${i}-vendor`, limit: 100, peak: Math.round(10 + rnd() * 80) },
      ]);
    }
    if (rnd() < manifestsShare) {
      const v = Math.floor(rnd() * MANIFEST_VARIANTS);
      annotations['backstage.io/managed-by-location'] = `file:${path.join(
        options.manifestsRoot!,
        `variant-${v}`,
        'catalog-info.yaml',
      )}`;
      annotations['scale-readiness.io/manifests'] = './manifests/';
      annotations['scale-readiness.io/peak-replicas'] = String(
        2 + Math.floor(rnd() * 6),
      );
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: meta(`c${i}`, annotations),
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `g${i % groupCount}`,
        ...deps.get(i),
      },
    });
    componentRefs.push(`component:default/c${i}`);
  }
  for (let c = 0; c < chains.length; c++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: meta(`api-${c}`),
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'g0',
        definition: 'openapi: 3.0.0',
      },
    });
  }

  return {
    entities: withRelations(entities),
    componentRefs,
    groupRefs,
    counts: {
      components: n,
      groups: groupCount,
      users: groupCount * 2,
      resources: resourceCount,
      apis: chains.length,
      chains: chains.length,
    },
  };
}
