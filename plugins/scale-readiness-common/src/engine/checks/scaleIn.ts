/**
 * Graceful scale-in checks (dimension `autoscaling`, ids `scale-in.*`):
 * PodDisruptionBudgets, termination grace period, preStop hooks, readiness probes.
 */
import type { PdbFacts, WorkloadFacts } from '../../facts';
import type { CheckStatus, Evidence } from '../../results';
import type { CheckDefinition, CheckOutcome } from '../types';
import {
  listLabels,
  notApplicable,
  workloadEvidence,
  workloadLabel,
  worst,
} from './helpers';
import { lowestReplicas, scalerBounds, workloadGate } from './workloads';

/** A PDB value as a number or a percentage; undefined when it does not parse. */
function parseIntOrPercent(
  value: number | string,
): { n: number; percent: boolean } | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? { n: value, percent: false } : undefined;
  const s = value.trim();
  if (s.endsWith('%')) {
    const n = Number(s.slice(0, -1));
    return Number.isFinite(n) && s.length > 1
      ? { n, percent: true }
      : undefined;
  }
  const n = Number(s);
  return s !== '' && Number.isInteger(n) ? { n, percent: false } : undefined;
}

/** `PodDisruptionBudget/x (minAvailable 2)`. */
function pdbLabel(p: PdbFacts): string {
  let spec = 'no budget';
  if (p.minAvailable !== undefined) spec = `minAvailable ${p.minAvailable}`;
  if (p.maxUnavailable !== undefined)
    spec = `maxUnavailable ${p.maxUnavailable}`;
  return `PodDisruptionBudget/${p.name} (${spec})`;
}

/**
 * How many pods a PDB lets a drain evict at `replicas` pods (Kubernetes rounds
 * percentages up); undefined when the PDB sets neither field or does not parse.
 * @public
 */
export function allowedDisruptions(
  p: PdbFacts,
  replicas: number,
): number | undefined {
  if (p.maxUnavailable !== undefined) {
    const v = parseIntOrPercent(p.maxUnavailable);
    if (!v) return undefined;
    return Math.max(
      0,
      v.percent ? Math.ceil((v.n * replicas) / 100 - 1e-9) : v.n,
    );
  }
  if (p.minAvailable !== undefined) {
    const v = parseIntOrPercent(p.minAvailable);
    if (!v) return undefined;
    const required = v.percent
      ? Math.max(0, Math.ceil((v.n * replicas) / 100 - 1e-9))
      : v.n;
    return Math.max(0, replicas - required);
  }
  return undefined;
}

/** `scale-in.pdb-present` @public */
export const pdbPresentCheck: CheckDefinition = {
  id: 'scale-in.pdb-present',
  dimension: 'autoscaling',
  title: 'PodDisruptionBudget covers every workload',
  description:
    'Reads the pdbs of each workload (PDBs whose selector matches the pod labels). Fails when a workload has none: drains and scale-in may evict all its pods at once.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const evidence = g.workloads.map(w =>
      workloadEvidence(g.fact, w, {
        kind: w.kind,
        workload: w.name,
        pdbs: w.pdbs,
      }),
    );
    const missing = g.workloads.filter(w => w.pdbs.length === 0);
    if (missing.length === 0) {
      return {
        status: 'pass',
        message: `Every workload has a PodDisruptionBudget: ${listLabels(
          g.workloads.map(
            w => `${w.kind}/${w.name} ← ${w.pdbs.map(p => p.name).join(', ')}`,
          ),
        )}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `No PodDisruptionBudget matches the pods of ${listLabels(
        missing.map(workloadLabel),
      )}: a node drain or scale-in can evict every pod at once.`,
      evidence,
      remediation: missing
        .map(w => {
          const labels = Object.entries(w.podLabels ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ');
          return `Add a PodDisruptionBudget with maxUnavailable: 1 selecting the pods of ${
            w.kind
          }/${w.name}${labels ? ` (${labels})` : ''}.`;
        })
        .join(' '),
    };
  },
};

/** `scale-in.pdb-allows-disruption` @public */
export const pdbAllowsDisruptionCheck: CheckDefinition = {
  id: 'scale-in.pdb-allows-disruption',
  dimension: 'autoscaling',
  title: 'PodDisruptionBudget allows at least one disruption',
  description:
    'Reads each PDB against the lowest replica count of its workload (autoscaler minimum, else spec.replicas, default 1). Fails when it allows no eviction (maxUnavailable 0/"0%", minAvailable ≥ replicas, "100%"): node drains and cluster scale-in hang. Not applicable without PDBs.',
  severity: 'high',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const withPdb = g.workloads.filter(w => w.pdbs.length > 0);
    if (withPdb.length === 0)
      return notApplicable(
        'No PodDisruptionBudget to check (see scale-in.pdb-present).',
      );
    const blocking: string[] = [];
    const unclear: string[] = [];
    const fixes: string[] = [];
    const evidence: Evidence[] = [];
    for (const w of withPdb) {
      const replicas = lowestReplicas(w);
      for (const p of w.pdbs) {
        const allowed = allowedDisruptions(p, replicas);
        evidence.push(
          workloadEvidence(g.fact, w, {
            pdb: p,
            replicas,
            allowedDisruptions: allowed ?? null,
          }),
        );
        if (allowed === undefined) {
          unclear.push(`${pdbLabel(p)} on ${w.kind}/${w.name}`);
        } else if (allowed < 1) {
          blocking.push(
            `${pdbLabel(p)} allows 0 evictions at ${replicas} replica${
              replicas === 1 ? '' : 's'
            } of ${w.kind}/${w.name}`,
          );
          fixes.push(
            `Set maxUnavailable: 1 on PodDisruptionBudget/${
              p.name
            } instead of ${
              p.maxUnavailable !== undefined
                ? `maxUnavailable ${p.maxUnavailable}`
                : `minAvailable ${p.minAvailable}`
            }${
              replicas < 2
                ? `, and run at least 2 replicas of ${w.kind}/${w.name}`
                : ''
            }.`,
          );
        }
      }
    }
    if (blocking.length > 0) {
      return {
        status: 'fail',
        message: `${blocking.join(
          '; ',
        )}: node drains and cluster scale-in are blocked.`,
        evidence,
        remediation: fixes.join(' '),
      };
    }
    if (unclear.length > 0) {
      return {
        status: 'unknown',
        message: `Cannot tell what ${listLabels(
          unclear,
        )} allows (neither minAvailable nor maxUnavailable parses).`,
        evidence,
        remediation:
          'Set maxUnavailable (e.g. 1) or minAvailable on the PodDisruptionBudget.',
      };
    }
    return {
      status: 'pass',
      message:
        'Every PodDisruptionBudget allows at least one eviction at the lowest replica count.',
      evidence,
    };
  },
};

/** `scale-in.pdb-vs-min-replicas` @public */
export const pdbVsMinReplicasCheck: CheckDefinition = {
  id: 'scale-in.pdb-vs-min-replicas',
  dimension: 'autoscaling',
  title: 'PDB minAvailable below the autoscaler minimum',
  description:
    'Reads autoscaled workloads whose PDB sets an integer minAvailable. Fails when minAvailable ≥ the autoscaler minReplicas (at minimum scale no pod may be evicted). Not applicable without autoscalers or without an integer minAvailable.',
  severity: 'medium',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const pairs: Array<{
      w: WorkloadFacts;
      p: PdbFacts;
      minAvailable: number;
      minReplicas: number;
    }> = [];
    for (const w of g.workloads) {
      if (w.scalers.length === 0) continue;
      const minReplicas = Math.min(...w.scalers.map(s => scalerBounds(s).min));
      for (const p of w.pdbs) {
        if (p.minAvailable === undefined) continue;
        const v = parseIntOrPercent(p.minAvailable);
        if (v && !v.percent)
          pairs.push({ w, p, minAvailable: v.n, minReplicas });
      }
    }
    if (pairs.length === 0) {
      return notApplicable(
        'No autoscaled workload has a PodDisruptionBudget with an integer minAvailable.',
      );
    }
    const evidence = pairs.map(x =>
      workloadEvidence(g.fact, x.w, {
        pdb: x.p.name,
        minAvailable: x.minAvailable,
        minReplicas: x.minReplicas,
      }),
    );
    const bad = pairs.filter(x => x.minAvailable >= x.minReplicas);
    if (bad.length === 0) {
      return {
        status: 'pass',
        message: `minAvailable is below the autoscaler minimum: ${listLabels(
          pairs.map(x => `${x.p.name} ${x.minAvailable} < ${x.minReplicas}`),
        )}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `${listLabels(
        bad.map(
          x =>
            `PodDisruptionBudget/${x.p.name} minAvailable ${x.minAvailable} ≥ minReplicas ${x.minReplicas} of ${x.w.kind}/${x.w.name}`,
        ),
      )}: at minimum scale no pod can be evicted.`,
      evidence,
      remediation: bad
        .map(
          x =>
            `Lower minAvailable of PodDisruptionBudget/${
              x.p.name
            } to ≤ ${Math.max(
              0,
              x.minReplicas - 1,
            )} (or use maxUnavailable: 1), or raise minReplicas above ${
              x.minAvailable
            }.`,
        )
        .join(' '),
    };
  },
};

/** `scale-in.grace-period` @public */
export const gracePeriodCheck: CheckDefinition = {
  id: 'scale-in.grace-period',
  dimension: 'autoscaling',
  title: 'Termination grace period long enough',
  description:
    'Reads terminationGracePeriodSeconds of each pod template (unset = the Kubernetes default of 30 s, stated in the message). Fails when below thresholds.minGracePeriodSeconds (default 30).',
  severity: 'medium',
  evaluate(facts, ctx) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const min = ctx.thresholds.minGracePeriodSeconds;
    const parts: string[] = [];
    const short: WorkloadFacts[] = [];
    const evidence = g.workloads.map(w => {
      const t = w.terminationGracePeriodSeconds ?? 30;
      parts.push(
        `${w.kind}/${w.name} ${t} s${
          w.terminationGracePeriodSeconds === undefined
            ? ' (unset: Kubernetes default 30 s)'
            : ''
        }`,
      );
      if (t < min) short.push(w);
      return workloadEvidence(g.fact, w, {
        kind: w.kind,
        workload: w.name,
        terminationGracePeriodSeconds: w.terminationGracePeriodSeconds ?? null,
        effective: t,
      });
    });
    if (short.length === 0) {
      return {
        status: 'pass',
        message: `Grace period ≥ ${min} s: ${listLabels(parts)}.`,
        evidence,
      };
    }
    return {
      status: 'fail',
      message: `Grace period below ${min} s: ${listLabels(
        parts,
      )}. Pods are killed before in-flight requests finish.`,
      evidence,
      remediation: `Set terminationGracePeriodSeconds ≥ ${min} on ${listLabels(
        short.map(w => `${w.kind}/${w.name}`),
      )}, longer than the preStop delay plus the longest request.`,
    };
  },
};

/** Per-container boolean check shared by preStop and readiness-probe checks. */
function perContainer(
  facts: Parameters<CheckDefinition['evaluate']>[0],
  has: (c: WorkloadFacts['containers'][number]) => boolean,
  field: string,
  partialStatus: CheckStatus,
  why: string,
  fix: (w: WorkloadFacts, names: string[]) => string,
): CheckOutcome {
  const g = workloadGate(facts);
  if (!g.ok) return g.outcome;
  let status: CheckStatus = 'pass';
  const problems: string[] = [];
  const fixes: string[] = [];
  let containers = 0;
  const missingKey =
    field === 'preStop hook' ? 'withoutPreStopHook' : 'withoutReadinessProbe';
  const evidence = g.workloads.map(w => {
    const without = w.containers.filter(c => !has(c)).map(c => c.name);
    containers += w.containers.length;
    if (without.length > 0) {
      status = worst(
        status,
        without.length === w.containers.length ? 'fail' : partialStatus,
      );
      problems.push(
        `${w.kind}/${w.name} container${
          without.length > 1 ? 's' : ''
        } ${without.join(', ')}`,
      );
      fixes.push(fix(w, without));
    }
    return workloadEvidence(g.fact, w, {
      kind: w.kind,
      workload: w.name,
      containers: w.containers.length,
      [missingKey]: without,
    });
  });
  if (containers === 0) {
    return {
      status: 'unknown',
      message: 'The pod templates list no containers.',
      evidence,
      remediation:
        'Check that the manifests or live source expose the pod template.',
    };
  }
  if (status === 'pass')
    return { status, message: `Every container has a ${field}.`, evidence };
  return {
    status,
    message: `No ${field} on ${problems.join('; ')}. ${why}`,
    evidence,
    remediation: fixes.join(' '),
  };
}

/** `scale-in.prestop-hook` @public */
export const preStopHookCheck: CheckDefinition = {
  id: 'scale-in.prestop-hook',
  dimension: 'autoscaling',
  title: 'preStop hook lets endpoints drain',
  description:
    'Reads lifecycle.preStop of every container. Passes when all have one, warns when only some containers of a workload do, fails when a workload has none.',
  severity: 'medium',
  evaluate(facts) {
    return perContainer(
      facts,
      c => c.hasPreStopHook,
      'preStop hook',
      'warn',
      'Without a short preStop delay, pods stop while load balancers still route to them (errors on every scale-in).',
      (w, names) =>
        `Add lifecycle.preStop (e.g. exec sleep 5–10 s) to ${names.join(
          ', ',
        )} in ${w.kind}/${w.name}, shorter than terminationGracePeriodSeconds.`,
    );
  },
};

/** `scale-in.readiness-probe` @public */
export const readinessProbeCheck: CheckDefinition = {
  id: 'scale-in.readiness-probe',
  dimension: 'autoscaling',
  title: 'Readiness probe on every container',
  description:
    'Reads readinessProbe of every container. Fails when a container has none.',
  severity: 'high',
  evaluate(facts) {
    return perContainer(
      facts,
      c => c.hasReadinessProbe,
      'readiness probe',
      'fail',
      'New pods get traffic before they can serve it, and stopping pods are not removed from endpoints.',
      (w, names) =>
        `Add a readinessProbe to ${names.join(', ')} in ${w.kind}/${w.name}.`,
    );
  },
};

/** Graceful scale-in checks. @public */
export const SCALE_IN_CHECKS: readonly CheckDefinition[] = [
  pdbPresentCheck,
  pdbAllowsDisruptionCheck,
  pdbVsMinReplicasCheck,
  gracePeriodCheck,
  preStopHookCheck,
  readinessProbeCheck,
];
