/**
 * Node-level and serverless capacity checks.
 */
import type { NodeCapacityFacts, ServerlessFacts } from '../../facts';
import type { CheckDefinition } from '../types';
import {
  capacityOutcome,
  CapacityItem,
  describeEntity,
  factEvidence,
  fmt,
  gate,
  notApplicable,
  profileOf,
  ratio,
} from './helpers';

type Cluster = NodeCapacityFacts['clusters'][number];

/** Headroom of one cluster: node groups Σmax/Σcurrent, NodePools Σlimit/Σused; the better of both. */
function clusterItem(
  cluster: Cluster,
  evidence: CapacityItem['evidence'],
): CapacityItem {
  const groups = cluster.nodeGroups ?? [];
  const pools = cluster.nodePools ?? [];
  const parts: string[] = [];
  const fixes: Array<(factor: number) => string> = [];
  let groupHeadroom: number | null | undefined;
  let poolHeadroom: number | null | undefined;
  if (groups.length > 0) {
    const max = groups.reduce((n, g) => n + g.maxSize, 0);
    const cur = groups.reduce((n, g) => n + g.currentSize, 0);
    groupHeadroom = ratio(max, cur);
    parts.push(`node groups max ${max} / current ${cur} nodes`);
    fixes.push(factor => {
      const target = Math.ceil(cur * factor - 1e-9);
      return `Raise maxSize of the cluster-autoscaler node groups in cluster '${
        cluster.name
      }' (${groups
        .map(g => `${g.name} ${g.maxSize}`)
        .join(', ')}) to a total ≥ ${target} nodes (current ${cur} × ${fmt(
        factor,
      )}).`;
    });
  }
  if (pools.length > 0) {
    const unbounded = pools.filter(p => p.limitCpu === undefined);
    if (unbounded.length > 0) {
      poolHeadroom = null;
      parts.push(
        `NodePool ${unbounded.map(p => p.name).join(', ')} has no CPU limit`,
      );
    } else {
      const limit = pools.reduce((n, p) => n + (p.limitCpu as number), 0);
      const used = pools.reduce((n, p) => n + p.usedCpu, 0);
      poolHeadroom = ratio(limit, used);
      parts.push(`NodePools CPU limit ${fmt(limit)} / used ${fmt(used)}`);
      fixes.push(factor => {
        const target = Math.ceil(used * factor - 1e-9);
        return `Raise spec.limits.cpu of the Karpenter NodePools in cluster '${
          cluster.name
        }' (${pools
          .map(p => p.name)
          .join(', ')}) to a total ≥ ${target} (used ${fmt(used)} × ${fmt(
          factor,
        )}).`;
      });
    }
  }
  if (
    cluster.noNodeAutoscaler &&
    groupHeadroom === undefined &&
    poolHeadroom === undefined
  ) {
    return {
      label: `cluster '${cluster.name}'`,
      headroom: 1,
      detail:
        'no node autoscaler (neither cluster-autoscaler nor Karpenter found): the cluster cannot add nodes',
      evidence,
      fix: factor =>
        `Install cluster-autoscaler or Karpenter in cluster '${
          cluster.name
        }' with room for ${fmt(
          factor,
        )}× today's nodes (node group maxSize or NodePool spec.limits.cpu), or add the nodes by hand before the growth.`,
    };
  }
  let headroom: number | null | undefined;
  if (groupHeadroom === undefined) headroom = poolHeadroom;
  else if (poolHeadroom === undefined) headroom = groupHeadroom;
  else
    headroom =
      groupHeadroom === null || poolHeadroom === null
        ? null
        : Math.max(groupHeadroom, poolHeadroom);
  return {
    label: `cluster '${cluster.name}'`,
    headroom,
    detail:
      parts.length > 0 ? parts.join('; ') : 'no node group or NodePool known',
    evidence,
    fix: factor => fixes.map(f => f(factor)).join(' '),
    unknownFix: `Configure the cluster-autoscaler status or Karpenter NodePools for cluster '${cluster.name}' in the Kubernetes source, or declare 'scale-readiness.io/node-capacity' on its Resource.`,
  };
}

/** `autoscaling.node-headroom` (capacity) @public */
export const nodeHeadroomCheck: CheckDefinition = {
  id: 'autoscaling.node-headroom',
  dimension: 'autoscaling',
  title: 'Clusters can add nodes for the growth factor',
  description:
    'Capacity check. Reads the nodeCapacity section: per cluster, cluster-autoscaler node groups Σ maxSize / Σ currentSize and Karpenter NodePools Σ spec.limits.cpu / Σ status.resources.cpu (no limit = unbounded); a cluster counts with the better of the two. Headroom = minimum over clusters. A cluster where the source found neither a cluster-autoscaler nor Karpenter (noNodeAutoscaler) cannot add nodes: 1×, so it fails above 1×. Unknown when a cluster has neither and that was not established.',
  severity: 'high',
  capacity: true,
  evaluate(facts, ctx) {
    const profile = profileOf(facts);
    const runsPods =
      profile.expectsWorkloads ||
      (facts.workloads?.status === 'ok' &&
        (facts.workloads.value?.workloads.length ?? 0) > 0);
    const g = gate<NodeCapacityFacts>(
      facts,
      'nodeCapacity',
      runsPods ? `a ${describeEntity(facts)} runs on Kubernetes nodes` : false,
    );
    if (!g.ok) return g.outcome;
    const clusters = g.value.clusters ?? [];
    if (clusters.length === 0) {
      if (!runsPods)
        return notApplicable('No cluster is known for this entity.');
      return {
        status: 'unknown',
        message:
          'No cluster is known for this workload, so node-level capacity cannot be checked.',
        evidence: [factEvidence(g.fact, { clusters: 0 })],
        remediation:
          "Configure the Kubernetes source for the cluster the component runs in, or declare 'scale-readiness.io/node-capacity' on the cluster's Resource.",
      };
    }
    const items = clusters.map(c =>
      clusterItem(c, {
        source: g.fact.source,
        location: g.fact.location ?? c.name,
        at: g.fact.collectedAt,
        observed: c,
      }),
    );
    return capacityOutcome(items, ctx, 'node');
  },
};

/** `autoscaling.serverless-concurrency` (capacity) @public */
export const serverlessConcurrencyCheck: CheckDefinition = {
  id: 'autoscaling.serverless-concurrency',
  dimension: 'autoscaling',
  title: 'Serverless concurrency absorbs the growth factor',
  description:
    'Capacity check. Reads the serverless section: per function, (reserved concurrency, else account concurrency) / peak concurrent executions; minimum over functions. Not applicable without serverless facts unless the Component type is function/lambda/serverless (then unknown).',
  severity: 'high',
  capacity: true,
  evaluate(facts, ctx) {
    const profile = profileOf(facts);
    const reason = profile.isServerless
      ? `a ${describeEntity(facts)} runs as serverless functions`
      : false;
    const g = gate<ServerlessFacts>(facts, 'serverless', reason);
    if (!g.ok) return g.outcome;
    const functions = g.value.functions ?? [];
    if (functions.length === 0) {
      if (!reason)
        return notApplicable(
          'No serverless function is known for this entity.',
        );
      return {
        status: 'unknown',
        message: 'No function was found for this serverless component.',
        evidence: [factEvidence(g.fact, { functions: 0 })],
        remediation:
          "Declare the function with 'scale-readiness.io/serverless' or check the AWS source's function mapping.",
      };
    }
    const items: CapacityItem[] = functions.map(fn => {
      const evidence = { ...factEvidence(g.fact, fn) };
      const limit = fn.reservedConcurrency ?? fn.accountConcurrency;
      const kind =
        fn.reservedConcurrency !== undefined
          ? 'reserved concurrency'
          : 'account concurrency';
      if (limit === undefined) {
        return {
          label: `function '${fn.functionName}'`,
          headroom: undefined,
          detail: `no reserved or account concurrency known (the AWS default is 1,000 per region), peak ${fn.peakConcurrency}`,
          evidence,
          unknownFix:
            "Configure the AWS source (lambda:GetAccountSettings) or declare accountConcurrency in 'scale-readiness.io/serverless'.",
        };
      }
      return {
        label: `function '${fn.functionName}'`,
        headroom: ratio(limit, fn.peakConcurrency),
        detail: `${kind} ${limit} / peak ${fn.peakConcurrency} concurrent executions`,
        evidence,
        fix: (factor: number) => {
          const target = Math.ceil(fn.peakConcurrency * factor - 1e-9);
          return fn.reservedConcurrency !== undefined
            ? `Raise the reserved concurrency of '${
                fn.functionName
              }' to ≥ ${target} (peak ${fn.peakConcurrency} × ${fmt(
                factor,
              )}); the account's unreserved pool must still cover it.`
            : `Request an increase of the Lambda 'Concurrent executions' quota (L-B99A9384) to ≥ ${target} (peak ${
                fn.peakConcurrency
              } × ${fmt(factor)}), or reserve concurrency for '${
                fn.functionName
              }'.`;
        },
      };
    });
    return capacityOutcome(items, ctx, 'concurrency');
  },
};

/** Node-level and serverless capacity checks. @public */
export const CAPACITY_AUTOSCALING_CHECKS: readonly CheckDefinition[] = [
  nodeHeadroomCheck,
  serverlessConcurrencyCheck,
];
