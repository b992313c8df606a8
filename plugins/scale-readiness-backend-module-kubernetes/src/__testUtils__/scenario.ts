/**
 * The clusters and catalog of the end-to-end test ("Done when" of the issue):
 * - `prod` (KEDA and Karpenter installed): `checkout` at 4 replicas with an
 *   HPA 2..10, a dangling HPA `checkout-legacy`, an unlabelled PDB with
 *   `maxUnavailable: 0`, another team's HPA in the same namespace, and two
 *   NodePools at 90 % of their CPU limits (72/80 + 18/20);
 * - `batch` (no KEDA, no Karpenter): `batch-worker` with an HPA, a
 *   cluster-autoscaler status (YAML) whose only group is at its maximum, and
 *   PodDisruptionBudgets forbidden to Backstage's service account (403);
 * - `dr`: configured but unreachable (nothing listens on its port);
 * - catalog: `checkout` (also with manifests: HPA max 20, PDB maxUnavailable
 *   1, to create drift), `batch-worker`, `billing` (nothing running in the
 *   reachable clusters; depends on the `dr` cluster Resource), `ledger`
 *   (like billing, with manifests that would pass), Resources `dr`
 *   and `prod` of type kubernetes-cluster.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { FakeKubernetesApi } from './FakeKubernetesApi';
import {
  autoscalerStatusYaml,
  clusterResource,
  component,
  deployment,
  hpa,
  nodePool,
  pdb,
  pod,
  teamA,
} from './objects';

const CHECKOUT_MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels: { app: checkout, backstage.io/kubernetes-id: checkout }
spec:
  selector: { matchLabels: { app: checkout } }
  template:
    metadata:
      labels: { app: checkout, backstage.io/kubernetes-id: checkout }
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: app
          image: registry.example/checkout:1.0
          resources:
            requests: { cpu: "0.5", memory: 512Mi }
            limits: { cpu: "1", memory: 1Gi }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /live, port: 8080 } }
          lifecycle: { preStop: { exec: { command: [sleep, "10"] } } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: checkout, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: checkout }
  minReplicas: 2
  maxReplicas: 20
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: checkout, namespace: shop }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: checkout } }
`;

/** Ledger's manifests: an HPA that would pass, were the manifests used. */
const LEDGER_MANIFESTS = CHECKOUT_MANIFESTS.replace(/checkout/g, 'ledger');

/** Fills the fake clusters. */
export function populateClusters(api: FakeKubernetesApi) {
  const prod = api.cluster('prod', {
    token: 'prod-token',
    crds: ['keda', 'karpenter'],
  });
  prod.apply(
    deployment('checkout', { ns: 'shop', id: 'checkout', replicas: 4 }),
    pod('checkout-7d9f-abcde', { ns: 'shop', id: 'checkout', app: 'checkout' }),
    hpa('checkout', {
      ns: 'shop',
      id: 'checkout',
      target: 'checkout',
      min: 2,
      max: 10,
      current: 4,
    }),
    hpa('checkout-legacy', {
      ns: 'shop',
      id: 'checkout',
      target: 'checkout-v1',
      min: 2,
      max: 4,
    }),
    pdb('checkout', { ns: 'shop', app: 'checkout', maxUnavailable: 0 }),
    deployment('recommendations', { ns: 'shop', replicas: 2 }),
    hpa('recommendations', {
      ns: 'shop',
      target: 'recommendations',
      min: 2,
      max: 3,
    }),
    nodePool('general', '80', '72'),
    nodePool('spot', '20', '18'),
  );
  const batch = api.cluster('batch', { token: 'batch-token' });
  batch
    .apply(
      deployment('batch-worker', {
        ns: 'jobs',
        id: 'batch-worker',
        replicas: 3,
      }),
      hpa('batch-worker', {
        ns: 'jobs',
        id: 'batch-worker',
        target: 'batch-worker',
        min: 2,
        max: 12,
        current: 3,
      }),
      autoscalerStatusYaml({ name: 'ng-batch', min: 1, max: 5, current: 5 }),
    )
    .forbid('poddisruptionbudgets.policy');
  return { prod, batch };
}

/** Writes checkout's manifests under `dir`; returns the catalog file path. */
export async function writeManifests(dir: string): Promise<string> {
  await fs.mkdir(path.join(dir, 'manifests', 'checkout'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'manifests', 'checkout', 'checkout.yaml'),
    CHECKOUT_MANIFESTS,
  );
  await fs.mkdir(path.join(dir, 'manifests', 'ledger'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'manifests', 'ledger', 'ledger.yaml'),
    LEDGER_MANIFESTS,
  );
  const catalogFile = path.join(dir, 'catalog-info.yaml');
  await fs.writeFile(
    catalogFile,
    '# entities are served by the catalog mock\n',
  );
  return catalogFile;
}

/** The catalog. */
export function scenarioEntities(catalogFile: string): Entity[] {
  return [
    teamA,
    component('checkout', {
      id: 'checkout',
      annotations: {
        'backstage.io/managed-by-location': `file:${catalogFile}`,
        'scale-readiness.io/manifests': './manifests/checkout/',
      },
    }),
    component('batch-worker', { id: 'batch-worker' }),
    component('billing', { id: 'billing', dependsOn: ['resource:default/dr'] }),
    component('ledger', {
      id: 'ledger',
      dependsOn: ['resource:default/dr'],
      annotations: {
        'backstage.io/managed-by-location': `file:${catalogFile}`,
        'scale-readiness.io/manifests': './manifests/ledger/',
      },
    }),
    clusterResource('dr'),
    clusterResource('prod'),
  ];
}

/** The app-config: three clusters under `kubernetes:` and Scale Readiness. */
export function scenarioConfig(options: {
  api: FakeKubernetesApi;
  drUrl: string;
  manifestsRoot: string;
}): JsonObject {
  const cluster = (
    name: string,
    url: string,
    token: string,
    extra: JsonObject = {},
  ) => ({
    name,
    url,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    skipTLSVerify: true,
    ...extra,
  });
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            cluster('prod', options.api.urlFor('prod'), 'prod-token'),
            cluster('batch', options.api.urlFor('batch'), 'batch-token', {
              skipMetricsLookup: true,
            }),
            cluster('dr', options.drUrl, 'dr-token'),
          ],
        },
      ],
    },
    scaleReadiness: {
      growthFactor: 3,
      manifests: { allowedLocalRoots: [options.manifestsRoot] },
      // Page size 1: every proxied list is paged with continue tokens.
      kubernetes: {
        listPageSize: 1,
        peakWindowDays: 14,
        requestTimeoutSeconds: 10,
      },
    },
  };
}
