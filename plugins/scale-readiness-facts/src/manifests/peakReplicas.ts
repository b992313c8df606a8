import type { WorkloadSetFacts } from '@scale-readiness/plugin-scale-readiness-common';

function parseCount(text: string, annotation: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) {
    throw new Error(
      `${annotation} must be a non-negative integer, got '${text.trim()}'`,
    );
  }
  return value;
}

/**
 * Reads the `scale-readiness.io/peak-replicas` value: either one count applied
 * to every workload (`"4"`), or per workload name (`"api=4, worker=2"`).
 * Throws on anything else.
 * @public
 */
export function parsePeakReplicas(
  value: string,
  annotation: string,
): number | Record<string, number> {
  if (!value.includes('=')) return parseCount(value, annotation);
  const byName: Record<string, number> = {};
  for (const part of value
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const [name, count, ...rest] = part.split('=');
    if (!name?.trim() || count === undefined || rest.length > 0) {
      throw new Error(`${annotation} entry '${part}' is not name=count`);
    }
    byName[name.trim()] = parseCount(count, annotation);
  }
  return byName;
}

/**
 * Returns the facts with `peakReplicas` set on workloads that have none yet
 * (a live source's observed peak is never overwritten).
 * @public
 */
export function applyPeakReplicas(
  facts: WorkloadSetFacts,
  peak: number | Record<string, number>,
): WorkloadSetFacts {
  return {
    ...facts,
    workloads: facts.workloads.map(w => {
      const value = typeof peak === 'number' ? peak : peak[w.name];
      return value === undefined || w.peakReplicas !== undefined
        ? w
        : { ...w, peakReplicas: value };
    }),
  };
}
