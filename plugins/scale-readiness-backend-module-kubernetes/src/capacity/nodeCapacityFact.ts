import type {
  Fact,
  NodeCapacityFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import { LIVE_ORIGIN } from '../live/liveWorkloads';
import type { ClusterCapacity } from './ClusterCapacityReader';

/**
 * The `nodeCapacity` section for an entity running in `clusters`.
 *
 * Every cluster is listed with its node groups and NodePools plus `readFrom`
 * (what was read). A cluster whose capacity could not be read is listed empty
 * with its `error`, which the node-headroom check reports as unknown for that
 * cluster while the other clusters still count (a failing cluster still
 * fails). When no cluster could be read the section is `error`. Undefined
 * when the entity runs in no known cluster.
 */
export function buildNodeCapacityFact(
  clusters: string[],
  capacities: ReadonlyMap<string, ClusterCapacity>,
  now: Date,
): Fact<NodeCapacityFacts> | undefined {
  if (clusters.length === 0) return undefined;
  const names = [...new Set(clusters)].sort((a, b) => a.localeCompare(b, 'en'));
  const entries = names.map(
    (name): ClusterCapacity =>
      capacities.get(name) ?? {
        name,
        nodeGroups: [],
        nodePools: [],
        readFrom: [],
        error: 'capacity was not read',
      },
  );
  const meta = {
    source: LIVE_ORIGIN,
    location: names.join(', '),
    collectedAt: now,
  };
  const failed = entries.filter(e => e.error);
  const describe = failed
    .map(e => `cluster '${e.name}': ${e.error}`)
    .join('; ');
  if (failed.length === entries.length) return errorFact(describe, meta);
  const fact = okFact<NodeCapacityFacts>({ clusters: entries }, meta);
  if (failed.length > 0) fact.error = describe;
  return fact;
}
