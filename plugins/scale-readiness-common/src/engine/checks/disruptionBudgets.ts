/**
 * PodDisruptionBudget checks (dimension `autoscaling`, ids `scale-in.pdb-*`):
 * a budget covers every workload, allows a disruption, and fits the autoscaler minimum.
 */
import type { PdbFacts, WorkloadFacts } from '../../facts';
import type { Evidence } from '../../results';
import type { CheckDefinition } from '../types';
import {
  listLabels,
  notApplicable,
  workloadEvidence,
  workloadLabel,
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
    'Reads the pdbs of each workload (PDBs whose selector matches the pod labels) and the orphanPdbs of the section. Fails when a workload has none: drains and scale-in may evict all its pods at once. Warns when every workload has one but a PDB of the component matches no pod (it protects nothing).',
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
    const orphans = g.value.orphanPdbs ?? [];
    const orphanText =
      orphans.length > 0
        ? ` ${listLabels(
            orphans.map(p => `PodDisruptionBudget/${p.name}`),
          )} matches no pod of this component: ${
            orphans.length === 1 ? 'it protects' : 'they protect'
          } nothing (a renamed workload or a selector typo).`
        : '';
    const orphanFix = orphans.map(
      p =>
        `Fix the selector of PodDisruptionBudget/${p.name} to match the pod labels of the workload it should protect, or delete it.`,
    );
    if (missing.length === 0) {
      return {
        status: orphans.length > 0 ? 'warn' : 'pass',
        message: `Every workload has a PodDisruptionBudget: ${listLabels(
          g.workloads.map(
            w => `${w.kind}/${w.name} ← ${w.pdbs.map(p => p.name).join(', ')}`,
          ),
        )}.${orphanText}`,
        evidence:
          orphans.length > 0
            ? [...evidence, orphanEvidence(g, orphans)]
            : evidence,
        remediation: orphanFix.length > 0 ? orphanFix.join(' ') : undefined,
      };
    }
    return {
      status: 'fail',
      message: `No PodDisruptionBudget matches the pods of ${listLabels(
        missing.map(workloadLabel),
      )}: a node drain or scale-in can evict every pod at once.${orphanText}`,
      evidence:
        orphans.length > 0
          ? [...evidence, orphanEvidence(g, orphans)]
          : evidence,
      remediation: [
        ...orphanFix,
        ...missing.map(w => {
          const labels = Object.entries(w.podLabels ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ');
          return `Add a PodDisruptionBudget with maxUnavailable: 1 selecting the pods of ${
            w.kind
          }/${w.name}${labels ? ` (${labels})` : ''}.`;
        }),
      ].join(' '),
    };
  },
};

function orphanEvidence(
  g: { fact: { source: string; location?: string; collectedAt: string } },
  orphans: unknown[],
): Evidence {
  return {
    source: g.fact.source,
    location: g.fact.location,
    at: g.fact.collectedAt,
    observed: { orphanPdbs: orphans },
  };
}

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
