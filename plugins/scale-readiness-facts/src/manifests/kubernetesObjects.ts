import type {
  ContainerFacts,
  ScalerFacts,
  WorkloadFacts,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { LabelSelector } from './labelSelector';
import {
  drainSeconds,
  evictionBlockers,
  rolloutStrategy,
  scaleDownBehaviour,
  spreadKeys,
} from './workloadBehaviour';

/**
 * Extraction of the fields Scale Readiness needs from single Kubernetes objects
 * (plain JS values from YAML). Each function throws an Error with a readable
 * message when a field it needs has the wrong type.
 */

type Obj = Record<string, unknown>;

export function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optionalInt(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new Error(`${field} must be an integer, got ${JSON.stringify(value)}`);
}

/** A quantity (`"500m"`, `1`, `"1Gi"`) kept as written, as a string. */
function quantity(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return optionalString(value);
}

function stringMap(value: unknown): Record<string, string> {
  const obj = asObject(value) ?? {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (v !== undefined && v !== null) out[key] = String(v);
  }
  return out;
}

function intOrString(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string'
    ? value
    : undefined;
}

/** `metadata.name` (required) and `metadata.namespace` of an object. */
export function objectMeta(
  obj: Obj,
  kind: string,
): { name: string; namespace?: string } {
  const metadata = asObject(obj.metadata) ?? {};
  const name = optionalString(metadata.name);
  if (!name) throw new Error(`${kind} without metadata.name`);
  const namespace = optionalString(metadata.namespace);
  return namespace ? { name, namespace } : { name };
}

function resources(
  value: unknown,
): { cpu?: string; memory?: string } | undefined {
  const obj = asObject(value);
  if (!obj) return undefined;
  const out: { cpu?: string; memory?: string } = {};
  const cpu = quantity(obj.cpu);
  const memory = quantity(obj.memory);
  if (cpu !== undefined) out.cpu = cpu;
  if (memory !== undefined) out.memory = memory;
  return Object.keys(out).length > 0 ? out : undefined;
}

function container(value: unknown, index: number): ContainerFacts {
  const obj = asObject(value) ?? {};
  const res = asObject(obj.resources) ?? {};
  const facts: ContainerFacts = {
    name: optionalString(obj.name) ?? `container-${index}`,
    hasReadinessProbe: asObject(obj.readinessProbe) !== undefined,
    hasLivenessProbe: asObject(obj.livenessProbe) !== undefined,
    hasPreStopHook: asObject(asObject(obj.lifecycle)?.preStop) !== undefined,
  };
  const requests = resources(res.requests);
  if (requests) facts.requests = requests;
  const limits = resources(res.limits);
  if (limits) facts.limits = limits;
  return facts;
}

/** A Deployment, StatefulSet or Argo Rollout, without scalers and PDBs (linked later). */
export function workload(
  obj: Obj,
  kind: WorkloadFacts['kind'],
  origin: string,
  location: string,
): WorkloadFacts {
  const meta = objectMeta(obj, kind);
  const spec = asObject(obj.spec) ?? {};
  const template = asObject(spec.template) ?? {};
  const podSpec = asObject(template.spec) ?? {};
  const facts: WorkloadFacts = {
    kind,
    ...meta,
    podLabels: stringMap(asObject(template.metadata)?.labels),
    containers: asArray(podSpec.containers).map(container),
    scalers: [],
    pdbs: [],
    origin,
    location,
  };
  const replicas = optionalInt(
    spec.replicas,
    `${kind} ${meta.name}: spec.replicas`,
  );
  if (replicas !== undefined) facts.replicas = replicas;
  const grace = optionalInt(
    podSpec.terminationGracePeriodSeconds,
    `${kind} ${meta.name}: spec.template.spec.terminationGracePeriodSeconds`,
  );
  if (grace !== undefined) facts.terminationGracePeriodSeconds = grace;
  facts.strategy = rolloutStrategy(kind, spec);
  const keys = spreadKeys(podSpec);
  if (keys.length > 0) facts.spreadKeys = keys;
  const podAnnotations = stringMap(asObject(template.metadata)?.annotations);
  const blockers = evictionBlockers(podAnnotations);
  if (blockers.length > 0) facts.evictionBlockers = blockers;
  const drain = drainSeconds(
    stringMap(asObject(obj.metadata)?.annotations),
    podAnnotations,
  );
  if (drain !== undefined) facts.drainSeconds = drain;
  return facts;
}

function metricName(source: unknown): string | undefined {
  const obj = asObject(source) ?? {};
  return (
    optionalString(asObject(obj.metric)?.name) ?? optionalString(obj.metricName)
  );
}

/** `Type/name` of one autoscaling/v2 metric spec. */
function hpaMetric(value: unknown): string {
  const metric = asObject(value) ?? {};
  const type = optionalString(metric.type) ?? 'Unknown';
  switch (type) {
    case 'Resource':
      return `Resource/${
        optionalString(asObject(metric.resource)?.name) ?? 'unknown'
      }`;
    case 'ContainerResource':
      return `ContainerResource/${
        optionalString(asObject(metric.containerResource)?.name) ?? 'unknown'
      }`;
    case 'Pods':
      return `Pods/${metricName(metric.pods) ?? 'unknown'}`;
    case 'Object':
      return `Object/${metricName(metric.object) ?? 'unknown'}`;
    case 'External':
      return `External/${metricName(metric.external) ?? 'unknown'}`;
    default:
      return type;
  }
}

function targetOf(value: unknown, defaultKind?: string): string {
  const ref = asObject(value) ?? {};
  const kind = optionalString(ref.kind) ?? defaultKind ?? '';
  return `${kind}/${optionalString(ref.name) ?? ''}`;
}

/**
 * A HorizontalPodAutoscaler (`autoscaling/v1` or `v2*`). `minReplicas` gets the
 * API default 1; v1 and a v2 HPA without metrics scale on CPU.
 */
export function hpa(obj: Obj, apiVersion: string): ScalerFacts {
  const meta = objectMeta(obj, 'HorizontalPodAutoscaler');
  const spec = asObject(obj.spec) ?? {};
  const field = (f: string) =>
    `HorizontalPodAutoscaler ${meta.name}: spec.${f}`;
  const metrics =
    apiVersion === 'autoscaling/v1'
      ? ['Resource/cpu']
      : asArray(spec.metrics).map(hpaMetric);
  const facts: ScalerFacts = {
    kind: 'HorizontalPodAutoscaler',
    ...meta,
    minReplicas: optionalInt(spec.minReplicas, field('minReplicas')) ?? 1,
    metrics: metrics.length > 0 ? metrics : ['Resource/cpu'],
    target: targetOf(spec.scaleTargetRef),
  };
  const max = optionalInt(spec.maxReplicas, field('maxReplicas'));
  if (max !== undefined) facts.maxReplicas = max;
  const scaleDown = scaleDownBehaviour(spec);
  if (scaleDown) facts.scaleDown = scaleDown;
  return facts;
}

/**
 * A KEDA ScaledObject (`keda.sh/v1alpha1`): target kind defaults to
 * Deployment, `minReplicaCount` to 0, `maxReplicaCount` to 100; `cpu` and
 * `memory` triggers are Resource metrics, the others External.
 */
export function scaledObject(obj: Obj): ScalerFacts {
  const meta = objectMeta(obj, 'ScaledObject');
  const spec = asObject(obj.spec) ?? {};
  const field = (f: string) => `ScaledObject ${meta.name}: spec.${f}`;
  const metrics = asArray(spec.triggers).map(trigger => {
    const type = optionalString(asObject(trigger)?.type) ?? 'unknown';
    return type === 'cpu' || type === 'memory'
      ? `Resource/${type}`
      : `External/${type}`;
  });
  return {
    kind: 'ScaledObject',
    ...meta,
    minReplicas:
      optionalInt(spec.minReplicaCount, field('minReplicaCount')) ?? 0,
    maxReplicas:
      optionalInt(spec.maxReplicaCount, field('maxReplicaCount')) ?? 100,
    metrics,
    target: targetOf(spec.scaleTargetRef, 'Deployment'),
  };
}

/** A PodDisruptionBudget with its selector, for matching against pod labels. */
export interface ParsedPdb {
  name: string;
  namespace?: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: LabelSelector;
  /** `policy/v1`: an empty selector selects every pod of the namespace. */
  emptySelectorMatchesAll: boolean;
}

/** A PodDisruptionBudget (`policy/v1` or `policy/v1beta1`). */
export function pdb(obj: Obj, apiVersion: string): ParsedPdb {
  const meta = objectMeta(obj, 'PodDisruptionBudget');
  const spec = asObject(obj.spec) ?? {};
  const selector = asObject(spec.selector);
  const parsed: ParsedPdb = {
    ...meta,
    emptySelectorMatchesAll: apiVersion !== 'policy/v1beta1',
  };
  if (selector) {
    parsed.selector = {
      matchLabels: stringMap(selector.matchLabels),
      matchExpressions: asArray(selector.matchExpressions).map(e => {
        const expr = asObject(e) ?? {};
        return {
          key: String(expr.key ?? ''),
          operator: String(expr.operator ?? ''),
          values: asArray(expr.values).map(String),
        };
      }),
    };
  }
  const minAvailable = intOrString(spec.minAvailable);
  if (minAvailable !== undefined) parsed.minAvailable = minAvailable;
  const maxUnavailable = intOrString(spec.maxUnavailable);
  if (maxUnavailable !== undefined) parsed.maxUnavailable = maxUnavailable;
  return parsed;
}

/** A ResourceQuota: `status.hard` (else `spec.hard`) and `status.used`. */
export function resourceQuota(
  obj: Obj,
): WorkloadSetFacts['resourceQuotas'][number] {
  const meta = objectMeta(obj, 'ResourceQuota');
  const status = asObject(obj.status);
  const hard = stringMap(status?.hard ?? asObject(obj.spec)?.hard);
  const quota: WorkloadSetFacts['resourceQuotas'][number] = { ...meta, hard };
  if (asObject(status?.used)) quota.used = stringMap(status?.used);
  return quota;
}
