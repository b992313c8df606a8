import { parseQuantity } from '@scale-readiness/plugin-scale-readiness-common';

/** A Karpenter NodePool's CPU limit and usage. @public */
export interface NodePoolCapacity {
  name: string;
  /** `spec.limits.cpu` in cores; undefined when the pool has no CPU limit. */
  limitCpu?: number;
  /** `status.resources.cpu` in cores (0 when not reported). */
  usedCpu: number;
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
  return pool;
}
