/**
 * A small, realistic catalog for the plugin's integration tests (not exported
 * by the package): a group hierarchy with users and champions, components in
 * request chains linked by `dependsOn` and an API, Resources with declared
 * quotas (one broken), one dependency cycle and one component with
 * Kubernetes manifests in a local folder.
 *
 * Chains (→ = depends on):
 *   checkout → cart → ledger → ledger-db (quota 10×)
 *   checkout ⇢ api payments-api ⇢ payments-svc → stripe-gateway (quota 1.25×, broken)
 *   auth → session → auth (a cycle)
 */
import {
  type Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Refs of the fixture entities. */
export const REF = {
  engineering: 'group:default/engineering',
  payments: 'group:default/payments',
  paymentsCore: 'group:default/payments-core',
  platform: 'group:default/platform',
  emptyTeam: 'group:default/empty-team',
  checkout: 'component:default/checkout',
  cart: 'component:default/cart',
  ledger: 'component:default/ledger',
  paymentsSvc: 'component:default/payments-svc',
  auth: 'component:default/auth',
  session: 'component:default/session',
  stripeGateway: 'resource:default/stripe-gateway',
  ledgerDb: 'resource:default/ledger-db',
  paymentsApi: 'api:default/payments-api',
} as const;

/** Every scored (Component / Resource) ref of the fixture. */
export const SCORED_REFS = [
  REF.checkout,
  REF.cart,
  REF.ledger,
  REF.paymentsSvc,
  REF.auth,
  REF.session,
  REF.stripeGateway,
  REF.ledgerDb,
];

const QUOTAS = 'scale-readiness.io/quotas';

/** A declared quota annotation value. */
export function quotaAnnotation(
  name: string,
  limit: number,
  peak: number,
): string {
  return JSON.stringify([{ name, limit, peak, unit: 'req/s' }]);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: payments-svc, namespace: payments }
spec:
  selector: { matchLabels: { app: payments-svc } }
  template:
    metadata: { labels: { app: payments-svc } }
    spec:
      terminationGracePeriodSeconds: 60
      containers:
        - name: app
          image: payments-svc:1.0.0
          resources: { requests: { cpu: 250m, memory: 256Mi } }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          livenessProbe: { httpGet: { path: /live, port: 8080 } }
          lifecycle: { preStop: { exec: { command: [sleep, "10"] } } }
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: payments-svc, namespace: payments }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: payments-svc }
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`;

/**
 * Writes `<root>/payments-svc/catalog-info.yaml` and its `manifests/` folder
 * (a Deployment and an HPA with maxReplicas 10). Returns the catalog file path.
 */
export async function writeManifestRepo(root: string): Promise<string> {
  const repo = path.join(root, 'payments-svc');
  await fs.mkdir(path.join(repo, 'manifests'), { recursive: true });
  await fs.writeFile(path.join(repo, 'catalog-info.yaml'), 'kind: Component\n');
  await fs.writeFile(
    path.join(repo, 'manifests', 'deployment.yaml'),
    DEPLOYMENT,
  );
  await fs.writeFile(path.join(repo, 'manifests', 'hpa.yaml'), HPA);
  return path.join(repo, 'catalog-info.yaml');
}

function group(
  name: string,
  spec: { parent?: string; members?: string[] },
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [], ...spec },
  };
}

function user(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
  };
}

function component(
  name: string,
  owner: string,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'scale-readiness.io/runbook': `https://runbooks.example.com/${name}`,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner, ...spec },
  };
}

function resource(
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'third-party-api', owner },
  };
}

/**
 * The fixture catalog, with relations filled in the way the catalog's
 * processors would (see {@link withRelations}).
 * @param catalogFile - path written by {@link writeManifestRepo}
 */
export function buildFixtureCatalog(catalogFile: string): Entity[] {
  return withRelations([
    group('engineering', {}),
    group(
      'payments',
      { parent: 'engineering', members: ['alice', 'bob'] },
      { 'scale-readiness.io/champions': 'user:default/alice, bob' },
    ),
    group('payments-core', { parent: 'payments', members: ['dave'] }),
    group(
      'platform',
      { parent: 'engineering', members: ['carol'] },
      { 'scale-readiness.io/champions': 'carol' },
    ),
    group('empty-team', { parent: 'engineering' }),
    user('alice', ['payments']),
    user('bob', ['payments']),
    user('carol', ['platform']),
    user('dave', ['payments-core']),
    component('checkout', 'payments', {
      dependsOn: ['component:cart'],
      consumesApis: ['payments-api'],
    }),
    component('cart', 'payments', { dependsOn: ['component:ledger'] }),
    component('ledger', 'payments-core', { dependsOn: ['resource:ledger-db'] }),
    component(
      'payments-svc',
      'payments-core',
      {
        providesApis: ['payments-api'],
        dependsOn: ['resource:stripe-gateway'],
      },
      {
        'backstage.io/managed-by-location': `file:${catalogFile}`,
        'scale-readiness.io/manifests': './manifests/',
        'scale-readiness.io/peak-replicas': '4',
      },
    ),
    component('auth', 'platform', { dependsOn: ['component:session'] }),
    component('session', 'platform', { dependsOn: ['component:auth'] }),
    resource('stripe-gateway', 'platform', {
      [QUOTAS]: quotaAnnotation('stripe-requests', 100, 80),
    }),
    resource('ledger-db', 'platform', {
      [QUOTAS]: quotaAnnotation('ledger-writes', 1000, 100),
    }),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payments-api', namespace: 'default' },
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'payments-core',
        definition: 'openapi: 3.0.0',
      },
    },
  ]);
}

function ref(value: string, defaultKind: string, namespace: string): string {
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
  );
}

/**
 * Fills `relations` like the catalog's built-in processors: ownedBy,
 * dependsOn, consumesApi/providesApi, childOf/parentOf and
 * memberOf/hasMember (both directions).
 */
export function withRelations(entities: Entity[]): Entity[] {
  const extra = new Map<string, Array<{ type: string; targetRef: string }>>();
  const add = (from: string, type: string, targetRef: string) => {
    const list = extra.get(from) ?? [];
    list.push({ type, targetRef });
    extra.set(from, list);
  };
  for (const entity of entities) {
    const self = stringifyEntityRef(entity);
    const ns = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, any>;
    if (spec.owner) add(self, RELATION_OWNED_BY, ref(spec.owner, 'group', ns));
    for (const d of spec.dependsOn ?? [])
      add(self, RELATION_DEPENDS_ON, ref(d, 'component', ns));
    for (const a of spec.consumesApis ?? [])
      add(self, RELATION_CONSUMES_API, ref(a, 'api', ns));
    for (const a of spec.providesApis ?? [])
      add(self, RELATION_PROVIDES_API, ref(a, 'api', ns));
    if (entity.kind === 'Group' && spec.parent) {
      const parent = ref(spec.parent, 'group', ns);
      add(self, RELATION_CHILD_OF, parent);
      add(parent, RELATION_PARENT_OF, self);
    }
    if (entity.kind === 'User') {
      for (const g of spec.memberOf ?? []) {
        const groupRef = ref(g, 'group', ns);
        add(self, RELATION_MEMBER_OF, groupRef);
        add(groupRef, RELATION_HAS_MEMBER, self);
      }
    }
  }
  return entities.map(entity => ({
    ...entity,
    relations: extra.get(stringifyEntityRef(entity)) ?? [],
  }));
}
