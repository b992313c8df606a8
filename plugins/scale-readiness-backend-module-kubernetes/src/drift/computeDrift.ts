import {
  parseQuantity,
  type ContainerFacts,
  type WorkloadFacts,
  type WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';

/** One field that differs between the cluster and the manifests. @public */
export interface DriftDifference {
  /** What differs, e.g. `HorizontalPodAutoscaler/api maxReplicas`. */
  field: string;
  /** Value in the cluster (`null` when absent there). */
  live: unknown;
  /** Value in the manifests (`null` when absent there). */
  manifest: unknown;
}

/** The differences of one workload. @public */
export interface WorkloadDrift {
  /** `Kind/name`. */
  workload: string;
  namespace?: string;
  /** Cluster of the live workload; absent when it runs nowhere. */
  cluster?: string;
  differences: DriftDifference[];
}

/**
 * Drift between the live workloads and the repository manifests, attached by
 * the Kubernetes source to its `workloads` facts (`value.drift`). Live values
 * are the ones scored; this keeps the manifest values visible.
 * @public
 */
export interface ManifestDrift {
  /** Where the manifests were read (the manifests fact's location). */
  comparedWith?: string;
  /** When the manifests were read. */
  manifestsCollectedAt: string;
  workloads: WorkloadDrift[];
}

/** Live workload facts as produced by this module (a `WorkloadSetFacts` plus drift). @public */
export interface LiveWorkloadSetFacts extends WorkloadSetFacts {
  drift?: ManifestDrift;
}

/** Kubernetes' default grace period when a manifest leaves it out. */
const DEFAULT_GRACE_SECONDS = 30;

function sameNamespace(a?: string, b?: string): boolean {
  return a === undefined || b === undefined || a === b;
}

function matches(a: WorkloadFacts, b: WorkloadFacts): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    sameNamespace(a.namespace, b.namespace)
  );
}

/** Quantities compare by value (`0.5` equals `500m`, `1Gi` equals `1024Mi`). */
function sameQuantity(a?: string, b?: string): boolean {
  if (a === undefined || b === undefined) return a === b;
  const pa = parseQuantity(a);
  const pb = parseQuantity(b);
  return pa !== undefined && pb !== undefined
    ? Math.abs(pa - pb) < 1e-9
    : a === b;
}

function compareContainers(
  live: ContainerFacts[],
  manifest: ContainerFacts[],
  out: DriftDifference[],
) {
  for (const m of manifest) {
    const l = live.find(c => c.name === m.name);
    if (!l) {
      out.push({
        field: `container ${m.name}`,
        live: null,
        manifest: 'present',
      });
      continue;
    }
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory'] as const) {
        const lv = l[kind]?.[resource];
        const mv = m[kind]?.[resource];
        if (!sameQuantity(lv, mv)) {
          out.push({
            field: `container ${m.name} ${kind}.${resource}`,
            live: lv ?? null,
            manifest: mv ?? null,
          });
        }
      }
    }
    for (const flag of [
      'hasReadinessProbe',
      'hasLivenessProbe',
      'hasPreStopHook',
    ] as const) {
      if (l[flag] !== m[flag]) {
        out.push({
          field: `container ${m.name} ${flag}`,
          live: l[flag],
          manifest: m[flag],
        });
      }
    }
  }
  for (const l of live) {
    if (!manifest.some(m => m.name === l.name)) {
      out.push({
        field: `container ${l.name}`,
        live: 'present',
        manifest: null,
      });
    }
  }
}

function compareNamed<T extends { name: string }>(
  label: (item: T) => string,
  live: T[],
  manifest: T[],
  fields: Array<keyof T & string>,
  out: DriftDifference[],
  same: (a: T, b: T) => boolean = (a, b) => a.name === b.name,
) {
  for (const m of manifest) {
    const l = live.find(x => same(x, m));
    if (!l) {
      out.push({ field: label(m), live: null, manifest: 'present' });
      continue;
    }
    for (const field of fields) {
      const lv = l[field] === undefined ? null : l[field];
      const mv = m[field] === undefined ? null : m[field];
      if (JSON.stringify(lv) !== JSON.stringify(mv)) {
        out.push({ field: `${label(m)} ${field}`, live: lv, manifest: mv });
      }
    }
  }
  for (const l of live) {
    if (!manifest.some(m => same(l, m))) {
      out.push({ field: label(l), live: 'present', manifest: null });
    }
  }
}

function workloadDifferences(
  live: WorkloadFacts,
  manifest: WorkloadFacts,
): DriftDifference[] {
  const out: DriftDifference[] = [];
  // The replica count is the autoscaler's to change; compare it only when
  // neither side is autoscaled and the manifest pins it.
  if (
    manifest.replicas !== undefined &&
    manifest.scalers.length === 0 &&
    live.scalers.length === 0 &&
    live.replicas !== manifest.replicas
  ) {
    out.push({
      field: 'replicas',
      live: live.replicas ?? null,
      manifest: manifest.replicas,
    });
  }
  const liveGrace = live.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  const manifestGrace =
    manifest.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  if (liveGrace !== manifestGrace) {
    out.push({
      field: 'terminationGracePeriodSeconds',
      live: liveGrace,
      manifest: manifestGrace,
    });
  }
  compareContainers(live.containers, manifest.containers, out);
  const scalers = (s: WorkloadFacts['scalers']) =>
    s.map(x => ({ ...x, metrics: [...x.metrics].sort() }));
  compareNamed(
    s => `${s.kind}/${s.name}`,
    scalers(live.scalers),
    scalers(manifest.scalers),
    ['minReplicas', 'maxReplicas', 'metrics'],
    out,
    (a, b) => a.kind === b.kind && a.name === b.name,
  );
  compareNamed(
    p => `PodDisruptionBudget/${p.name}`,
    live.pdbs,
    manifest.pdbs,
    ['minAvailable', 'maxUnavailable'],
    out,
  );
  return out;
}

/**
 * Compares live workloads with the manifests' workloads. Workloads match by
 * kind, name and namespace (a manifest without a namespace matches any); a
 * workload running in several clusters is compared once per cluster. Reports
 * workloads present on one side only, and per matched workload: pinned
 * replicas (only without autoscalers), the grace period (Kubernetes default 30
 * when unset), containers (requests and limits by value, probes, preStop),
 * autoscalers (min, max, metrics) and PDBs (minAvailable, maxUnavailable).
 * Returns only workloads with differences.
 * @public
 */
export function computeDrift(
  live: WorkloadSetFacts,
  manifest: WorkloadSetFacts,
): WorkloadDrift[] {
  const drift: WorkloadDrift[] = [];
  const entry = (
    w: WorkloadFacts,
    differences: DriftDifference[],
    cluster?: string,
  ) => {
    const item: WorkloadDrift = {
      workload: `${w.kind}/${w.name}`,
      differences,
    };
    if (w.namespace !== undefined) item.namespace = w.namespace;
    if (cluster !== undefined) item.cluster = cluster;
    return item;
  };
  for (const l of live.workloads) {
    const m = manifest.workloads.find(x => matches(l, x));
    const differences = m
      ? workloadDifferences(l, m)
      : [{ field: 'workload', live: 'present', manifest: null }];
    if (differences.length > 0) drift.push(entry(l, differences, l.location));
  }
  for (const m of manifest.workloads) {
    if (!live.workloads.some(l => matches(l, m))) {
      drift.push(
        entry(m, [{ field: 'workload', live: null, manifest: 'present' }]),
      );
    }
  }
  return drift;
}
