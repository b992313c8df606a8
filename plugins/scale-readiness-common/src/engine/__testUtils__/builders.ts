/**
 * Small fact builders for engine tests. A `service()` is a healthy Component of
 * type service on which every applicable built-in check passes at 3×.
 */
import { DEFAULT_READINESS_CONFIG } from '../../config';
import type {
  ContainerFacts,
  DocsFacts,
  EntityFacts,
  Fact,
  NodeCapacityFacts,
  OwnershipFacts,
  PdbFacts,
  QuotaFact,
  ScalerFacts,
  WorkloadFacts,
  WorkloadSetFacts,
} from '../../facts';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';

export const NOW = new Date('2026-11-25T12:00:00Z');
export const COLLECTED_AT = '2026-11-25T10:00:00Z';

export function ok<T>(value: T, overrides: Partial<Fact<T>> = {}): Fact<T> {
  return {
    status: 'ok',
    value,
    source: 'test',
    location: 'test://location',
    collectedAt: COLLECTED_AT,
    ...overrides,
  };
}

export function errored<T>(error = 'connection refused'): Fact<T> {
  return {
    status: 'error',
    source: 'kubernetes',
    location: 'cluster-a',
    collectedAt: COLLECTED_AT,
    error,
  };
}

export function notConfigured<T>(): Fact<T> {
  return {
    status: 'not-configured',
    source: 'test',
    collectedAt: COLLECTED_AT,
  };
}

export function container(
  overrides: Partial<ContainerFacts> = {},
): ContainerFacts {
  return {
    name: 'app',
    requests: { cpu: '250m', memory: '256Mi' },
    hasReadinessProbe: true,
    hasLivenessProbe: true,
    hasPreStopHook: true,
    ...overrides,
  };
}

export function scaler(overrides: Partial<ScalerFacts> = {}): ScalerFacts {
  return {
    kind: 'HorizontalPodAutoscaler',
    name: 'api',
    minReplicas: 2,
    maxReplicas: 20,
    metrics: ['Resource/cpu'],
    target: 'Deployment/api',
    ...overrides,
  };
}

export function pdb(overrides: Partial<PdbFacts> = {}): PdbFacts {
  return { name: 'api', maxUnavailable: 1, ...overrides };
}

export function workload(
  overrides: Partial<WorkloadFacts> = {},
): WorkloadFacts {
  return {
    kind: 'Deployment',
    name: 'api',
    namespace: 'shop',
    peakReplicas: 4,
    podLabels: { app: 'api' },
    terminationGracePeriodSeconds: 45,
    strategy: { type: 'RollingUpdate', maxUnavailable: 0, maxSurge: '25%' },
    spreadKeys: ['topology.kubernetes.io/zone'],
    containers: [container()],
    scalers: [scaler()],
    pdbs: [pdb()],
    origin: 'manifests',
    location: 'https://git.example/shop/deploy/api.yaml',
    ...overrides,
  };
}

export function workloads(
  list: WorkloadFacts[] = [workload()],
  extra: Partial<WorkloadSetFacts> = {},
): Fact<WorkloadSetFacts> {
  return ok(
    { workloads: list, danglingScalers: [], resourceQuotas: [], ...extra },
    { source: 'manifests' },
  );
}

export function ownership(
  overrides: Partial<OwnershipFacts> = {},
): Fact<OwnershipFacts> {
  return ok(
    {
      ownerRef: 'group:default/team-a',
      ownerIsGroup: true,
      ownerResolves: true,
      memberCount: 5,
      champions: ['user:default/ann', 'user:default/bob'],
      validChampions: ['user:default/ann', 'user:default/bob'],
      onboardingUrl: 'https://wiki.example/team-a/onboarding',
      ...overrides,
    },
    { source: 'catalog' },
  );
}

export function docs(overrides: Partial<DocsFacts> = {}): Fact<DocsFacts> {
  return ok(
    {
      techdocsRef: 'dir:.',
      techdocsUpdatedAt: '2026-10-01T00:00:00Z',
      runbookUrl: 'https://wiki.example/runbooks/api',
      loadTestReportUrl: 'https://wiki.example/load-tests/api/k6-summary.json',
      loadTestDate: '2026-09-15',
      providedApis: [
        { entityRef: 'api:default/shop-api', hasDefinition: true },
      ],
      ...overrides,
    },
    { source: 'catalog' },
  );
}

export function nodeCapacity(
  clusters?: NodeCapacityFacts['clusters'],
): Fact<NodeCapacityFacts> {
  return ok(
    {
      clusters: clusters ?? [
        {
          name: 'prod-eu',
          nodeGroups: [
            { name: 'general', minSize: 3, maxSize: 40, currentSize: 10 },
          ],
          nodePools: [],
        },
      ],
    },
    { source: 'kubernetes', location: 'prod-eu' },
  );
}

export function quota(overrides: Partial<QuotaFact> = {}): QuotaFact {
  return {
    id: 'aws/eu-west-1/lambda/L-B99A9384',
    name: 'Concurrent executions',
    limit: 1000,
    peak: 100,
    origin: 'aws',
    adjustable: true,
    ...overrides,
  };
}

/** A healthy Component of type service. */
export function service(
  ref = 'component:default/api',
  overrides: Partial<EntityFacts> = {},
): EntityFacts {
  return {
    entityRef: ref,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    system: 'system:default/shop',
    title: 'API',
    relations: { dependsOn: [], consumesApis: [], providesApis: [] },
    ownership: ownership(),
    docs: docs(),
    workloads: workloads(),
    nodeCapacity: nodeCapacity(),
    quotas: ok([quota()], { source: 'aws' }),
    ciCapacity: ok(
      { maxRunners: 50, peakConcurrentJobs: 4 },
      { source: 'github' },
    ),
    loadTest: ok(
      {
        format: 'k6',
        requestRate: 400,
        errorRate: 0.001,
        peakRequestRate: 100,
      },
      { source: 'load-tests' },
    ),
    timeToAccess: ok(
      {
        team: 'group:default/shop',
        windowDays: 90,
        targetHours: 4,
        samples: 5,
        p50Hours: 0.5,
        p90Hours: 2,
        pending: 0,
      },
      { source: 'access-requests' },
    ),
    ...overrides,
  };
}

/** A bare entity with only relations (no fact sections). */
export function bare(
  ref: string,
  kind = 'Component',
  overrides: Partial<EntityFacts> = {},
): EntityFacts {
  return {
    entityRef: ref,
    kind,
    relations: { dependsOn: [], consumesApis: [], providesApis: [] },
    ...overrides,
  };
}

export const CTX: CheckContext = {
  growthFactor: DEFAULT_READINESS_CONFIG.growthFactor,
  thresholds: DEFAULT_READINESS_CONFIG.thresholds,
  now: NOW,
};

/** Runs a check with the default context (optionally another growth factor). */
export function run(
  check: CheckDefinition,
  facts: EntityFacts,
  growthFactor = 3,
): CheckOutcome {
  return check.evaluate(facts, { ...CTX, growthFactor });
}
