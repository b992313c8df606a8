import type {
  RolloutStrategyFacts,
  ScalerFacts,
  WorkloadFacts,
} from '@scale-readiness/plugin-scale-readiness-common';

/**
 * Extraction of rollout, spread and scale-in behaviour from Kubernetes
 * objects (plain JS values from YAML): Deployment / StatefulSet strategies,
 * Argo Rollouts strategies, Flagger Canaries, topology spread and
 * anti-affinity, eviction blockers, drain time and HPA `behavior.scaleDown`.
 */

type Obj = Record<string, unknown>;

/** Annotation giving a worker's drain time in seconds. @public */
export const ANNOTATION_DRAIN_SECONDS = 'scale-readiness.io/drain-seconds';

const EVICTION_BLOCKERS: ReadonlyArray<[string, string]> = [
  ['cluster-autoscaler.kubernetes.io/safe-to-evict', 'false'],
  ['karpenter.sh/do-not-disrupt', 'true'],
  ['karpenter.sh/do-not-evict', 'true'],
];

function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function intOrString(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string'
    ? value
    : undefined;
}

function int(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim()))
    return Number(value);
  return undefined;
}

/** `spec.strategy` of a Deployment / Rollout, `spec.updateStrategy` of a StatefulSet. */
export function rolloutStrategy(
  kind: WorkloadFacts['kind'],
  spec: Obj,
): RolloutStrategyFacts {
  if (kind === 'Rollout') {
    const strategy = obj(spec.strategy) ?? {};
    const canary = obj(strategy.canary);
    if (canary) {
      const out: RolloutStrategyFacts = {
        type: 'canary',
        steps: arr(canary.steps).length,
      };
      const maxUnavailable = intOrString(canary.maxUnavailable);
      if (maxUnavailable !== undefined) out.maxUnavailable = maxUnavailable;
      const maxSurge = intOrString(canary.maxSurge);
      if (maxSurge !== undefined) out.maxSurge = maxSurge;
      return out;
    }
    if (obj(strategy.blueGreen)) return { type: 'blueGreen' };
    return { type: 'none' };
  }
  if (kind === 'StatefulSet') {
    const update = obj(spec.updateStrategy) ?? {};
    const out: RolloutStrategyFacts = {
      type: typeof update.type === 'string' ? update.type : 'RollingUpdate',
    };
    const maxUnavailable = intOrString(
      obj(update.rollingUpdate)?.maxUnavailable,
    );
    out.maxUnavailable = maxUnavailable ?? 1;
    return out;
  }
  const strategy = obj(spec.strategy) ?? {};
  const type =
    typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type };
  const rolling = obj(strategy.rollingUpdate) ?? {};
  return {
    type,
    maxUnavailable: intOrString(rolling.maxUnavailable) ?? '25%',
    maxSurge: intOrString(rolling.maxSurge) ?? '25%',
  };
}

/** Topology keys of `topologySpreadConstraints` and pod anti-affinity terms. */
export function spreadKeys(podSpec: Obj): string[] {
  const keys = new Set<string>();
  for (const c of arr(podSpec.topologySpreadConstraints)) {
    const key = obj(c)?.topologyKey;
    if (typeof key === 'string' && key !== '') keys.add(key);
  }
  const anti = obj(obj(podSpec.affinity)?.podAntiAffinity) ?? {};
  const terms = [
    ...arr(anti.requiredDuringSchedulingIgnoredDuringExecution),
    ...arr(anti.preferredDuringSchedulingIgnoredDuringExecution).map(
      t => obj(t)?.podAffinityTerm,
    ),
  ];
  for (const t of terms) {
    const key = obj(t)?.topologyKey;
    if (typeof key === 'string' && key !== '') keys.add(key);
  }
  return [...keys].sort();
}

/** Pod-template annotations that keep nodes from being scaled in. */
export function evictionBlockers(
  annotations: Record<string, string>,
): string[] {
  return EVICTION_BLOCKERS.filter(
    ([key, value]) => annotations[key]?.toLowerCase() === value,
  ).map(([key, value]) => `${key}=${value}`);
}

/** `scale-readiness.io/drain-seconds` from the workload or its pod template. */
export function drainSeconds(
  ...annotationSets: Array<Record<string, string>>
): number | undefined {
  for (const set of annotationSets) {
    const value = int(set[ANNOTATION_DRAIN_SECONDS]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** HPA `spec.behavior.scaleDown`, when written. */
export function scaleDownBehaviour(
  spec: Obj,
): ScalerFacts['scaleDown'] | undefined {
  const scaleDown = obj(obj(spec.behavior)?.scaleDown);
  if (!scaleDown) return undefined;
  const out: NonNullable<ScalerFacts['scaleDown']> = {
    policies: arr(scaleDown.policies).flatMap(p => {
      const policy = obj(p) ?? {};
      const value = int(policy.value);
      const period = int(policy.periodSeconds);
      return typeof policy.type === 'string' &&
        value !== undefined &&
        period !== undefined
        ? [{ type: policy.type, value, periodSeconds: period }]
        : [];
    }),
  };
  const window = int(scaleDown.stabilizationWindowSeconds);
  if (window !== undefined) out.stabilizationWindowSeconds = window;
  if (typeof scaleDown.selectPolicy === 'string')
    out.selectPolicy = scaleDown.selectPolicy;
  return out;
}

/**
 * A Flagger `Canary` (`flagger.app`): the workload it rolls out
 * (`spec.targetRef`) and its progressive strategy.
 */
export function flaggerCanary(value: Obj): {
  name: string;
  namespace?: string;
  target: string;
  strategy: RolloutStrategyFacts;
} {
  const metadata = obj(value.metadata) ?? {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!name) throw new Error('Canary without metadata.name');
  const spec = obj(value.spec) ?? {};
  const ref = obj(spec.targetRef) ?? {};
  const analysis = obj(spec.analysis) ?? obj(spec.canaryAnalysis) ?? {};
  const stepWeight = int(analysis.stepWeight);
  const maxWeight = int(analysis.maxWeight) ?? 50;
  const steps =
    int(analysis.iterations) ??
    (stepWeight
      ? Math.ceil(maxWeight / stepWeight)
      : arr(analysis.stepWeights).length);
  const out = {
    name,
    target: `${typeof ref.kind === 'string' ? ref.kind : 'Deployment'}/${
      typeof ref.name === 'string' ? ref.name : ''
    }`,
    strategy: { type: 'flagger', steps, definedBy: `Canary/${name}` },
  };
  return typeof metadata.namespace === 'string' && metadata.namespace !== ''
    ? { ...out, namespace: metadata.namespace }
    : out;
}
