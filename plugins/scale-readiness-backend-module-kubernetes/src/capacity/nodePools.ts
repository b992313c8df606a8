import { parseQuantity } from '@scale-readiness/plugin-scale-readiness-common';

/** A Karpenter NodePool's CPU limit and usage. @public */
export interface NodePoolCapacity {
  name: string;
  /** `spec.limits.cpu` in cores; undefined when the pool has no CPU limit. */
  limitCpu?: number;
  /** `status.resources.cpu` in cores (0 when not reported). */
  usedCpu: number;
  /** Why Karpenter may never remove a node of this pool, when it may not. */
  scaleInBlocked?: string;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};

/**
 * Reads a Karpenter NodePool (`karpenter.sh/v1` or `v1beta1`): CPU limit from
 * `spec.limits.cpu` and usage from `status.resources.cpu` (Kubernetes
 * quantities such as `"100"`, `"1500m"`). Throws on a limit that is not a
 * quantity, so a typo is reported instead of read as "unbounded".
 * @public
 */
export function readNodePool(obj: Obj): NodePoolCapacity {
  const name = String(asObj(obj.metadata).name ?? '');
  if (!name) throw new Error('NodePool without metadata.name');
  const limit = asObj(asObj(obj.spec).limits).cpu;
  const used = asObj(asObj(obj.status).resources).cpu;
  const pool: NodePoolCapacity = { name, usedCpu: 0 };
  if (limit !== undefined && limit !== null) {
    const parsed = parseQuantity(limit as string | number);
    if (parsed === undefined) {
      throw new Error(
        `NodePool ${name}: spec.limits.cpu ${JSON.stringify(
          limit,
        )} is not a quantity`,
      );
    }
    pool.limitCpu = parsed;
  }
  if (used !== undefined && used !== null) {
    const parsed = parseQuantity(used as string | number);
    if (parsed === undefined) {
      throw new Error(
        `NodePool ${name}: status.resources.cpu ${JSON.stringify(
          used,
        )} is not a quantity`,
      );
    }
    pool.usedCpu = parsed;
  }
  const blocked = blockingBudget(asObj(asObj(obj.spec).disruption).budgets);
  if (blocked) pool.scaleInBlocked = blocked;
  return pool;
}

/**
 * A `spec.disruption.budgets` entry without a schedule that allows no node
 * (`nodes: "0"` or `"0%"`): Karpenter then never consolidates or removes a
 * node of the pool, whatever the load.
 */
function blockingBudget(budgets: unknown): string | undefined {
  if (!Array.isArray(budgets)) return undefined;
  for (const b of budgets) {
    const budget = asObj(b);
    const nodes = String(budget.nodes ?? '').trim();
    if (budget.schedule === undefined && /^0%?$/.test(nodes)) {
      return `disruption budget nodes: '${nodes}' at all times`;
    }
  }
  return undefined;
}
