/**
 * CPU and memory requests of containers, which utilisation-based autoscaling
 * depends on.
 */
import type { CheckDefinition, CheckOutcome } from '../types';
import { workloadEvidence } from './helpers';
import { resourceMetrics, workloadGate } from './workloads';

/** `autoscaling.resource-requests` @public */
export const resourceRequestsCheck: CheckDefinition = {
  id: 'autoscaling.resource-requests',
  dimension: 'autoscaling',
  title: 'CPU and memory requests on every container',
  description:
    'Reads the containers of each workload. Fails when a container has no CPU or memory request; the failure is critical when an autoscaler scales on that resource (utilisation is a percentage of the request, so the HPA cannot scale without it).',
  severity: 'high',
  evaluate(facts) {
    const g = workloadGate(facts);
    if (!g.ok) return g.outcome;
    const problems: string[] = [];
    const fixes: string[] = [];
    let critical = false;
    const evidence = [];
    for (const w of g.workloads) {
      const scaledOn = resourceMetrics(w);
      const missingByContainer: string[] = [];
      for (const c of w.containers) {
        const missing = (['cpu', 'memory'] as const).filter(
          r => !c.requests?.[r],
        );
        if (missing.length > 0) {
          missingByContainer.push(c.name);
          const hits = missing.filter(r => scaledOn.has(r));
          if (hits.length > 0) critical = true;
          problems.push(
            `${w.kind}/${w.name} container '${c.name}' has no ${missing.join(
              '/',
            )} request${
              hits.length > 0
                ? ` while its autoscaler scales on ${hits.join('/')}`
                : ''
            }`,
          );
        }
      }
      evidence.push(
        workloadEvidence(g.fact, w, {
          kind: w.kind,
          workload: w.name,
          containers: w.containers,
          scaledOn: scaledOn.size > 0 ? [...scaledOn] : [],
        }),
      );
      if (missingByContainer.length > 0) {
        fixes.push(
          `Set resources.requests.cpu and resources.requests.memory on container${
            missingByContainer.length > 1 ? 's' : ''
          } ${missingByContainer.join(', ')} of ${w.kind}/${w.name}.`,
        );
      }
    }
    if (problems.length === 0) {
      return {
        status: 'pass',
        message: 'Every container sets CPU and memory requests.',
        evidence,
      };
    }
    const outcome: CheckOutcome = {
      status: 'fail',
      message: `${problems.join('; ')}.${
        critical
          ? ' A utilisation target is a percentage of the request: without it the autoscaler cannot compute utilisation and never scales.'
          : ' The scheduler cannot place pods reliably without requests.'
      }`,
      evidence,
      remediation: fixes.join(' '),
    };
    if (critical) outcome.severity = 'critical';
    return outcome;
  },
};
