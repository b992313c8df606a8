import type {
  Fact,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import { computeDrift, type LiveWorkloadSetFacts } from '../drift/computeDrift';
import type { ClusterReadout } from './clusterReadout';
import {
  applyPeaks,
  buildClusterWorkloads,
  concatWorkloadSets,
  LIVE_ORIGIN,
} from './liveWorkloads';

/** Inputs of {@link buildWorkloadsFact}. */
export interface WorkloadsFactInput {
  /** Readouts of every cluster the Kubernetes backend answered for. */
  readouts: ClusterReadout[];
  /**
   * Clusters the entity is known to run in besides those where it was found
   * now: seen there within the peak window, or named by a `dependsOn`
   * kubernetes-cluster Resource.
   */
  knownClusters: ReadonlySet<string>;
  /** Observed peaks by `cluster|namespace|kind|name`. */
  peaks: ReadonlyMap<string, number>;
  /** The entity's manifest facts, for drift. */
  manifests?: Fact<WorkloadSetFacts>;
  /** How the entity's objects are selected, for messages. */
  selector: string;
  now: Date;
}

function clusterErrors(r: ClusterReadout): string {
  return `cluster '${r.cluster}': ${r.errors.join('; ')}`;
}

/**
 * The `workloads` section of one entity from its live objects.
 *
 * - A cluster where the entity has objects, or is known to run, and whose
 *   objects could not all be read makes the section `error` (its checks are
 *   unknown rather than judged on part of the picture; manifests, if any,
 *   are used instead).
 * - No object anywhere: `error` as well (“not found”, or the unreachable
 *   clusters), so the manifests stay in charge and the message says why.
 * - Otherwise `ok` with the workloads of every cluster; clusters that failed
 *   but are not known to run the entity are listed in `error` as a note.
 * Peaks are applied per cluster, and drift against the manifests is attached
 * as `value.drift` when the manifests were read.
 */
export function buildWorkloadsFact(
  input: WorkloadsFactInput,
): Fact<LiveWorkloadSetFacts> {
  const { readouts, knownClusters, now } = input;
  const built = readouts.map(r => {
    const { facts, errors } = buildClusterWorkloads(r);
    const readout = { ...r, errors: [...r.errors, ...errors] };
    return { readout, facts: applyPeaks(r.cluster, facts, input.peaks) };
  });
  const found = built.filter(
    b => b.facts.workloads.length > 0 || b.facts.danglingScalers.length > 0,
  );
  const foundNames = new Set(found.map(b => b.readout.cluster));
  const failed = built.filter(b => b.readout.errors.length > 0);
  const fatal = failed.filter(
    b =>
      foundNames.has(b.readout.cluster) || knownClusters.has(b.readout.cluster),
  );
  const allNames = readouts.map(r => r.cluster);
  const meta = (location: string) => ({
    source: LIVE_ORIGIN,
    location,
    collectedAt: now,
  });

  if (fatal.length > 0) {
    return errorFact(
      `${fatal.map(b => clusterErrors(b.readout)).join('; ')}${
        found.length > 0
          ? ` (the workloads found in ${[...foundNames].join(
              ', ',
            )} are not scored alone)`
          : ''
      }`,
      meta(fatal.map(b => b.readout.cluster).join(', ')),
    );
  }
  if (found.length === 0) {
    const reason =
      failed.length > 0
        ? `not found in the clusters that answered, and ${failed
            .map(b => clusterErrors(b.readout))
            .join('; ')}`
        : `no Deployment, StatefulSet or autoscaler matches ${
            input.selector
          } in ${
            allNames.length > 0
              ? `clusters ${allNames.join(', ')}`
              : 'any cluster'
          }`;
    return errorFact(
      `Live workloads unknown: ${reason}`,
      meta(allNames.join(', ')),
    );
  }

  const value: LiveWorkloadSetFacts = concatWorkloadSets(
    found.map(b => b.facts),
  );
  const manifests = input.manifests;
  if (manifests?.status === 'ok' && manifests.value) {
    value.drift = {
      manifestsCollectedAt: manifests.collectedAt,
      workloads: computeDrift(value, manifests.value),
    };
    if (manifests.location) value.drift.comparedWith = manifests.location;
  }
  const fact = okFact(value, meta([...foundNames].join(', ')));
  const notes = [
    ...failed.map(
      b =>
        `${clusterErrors(
          b.readout,
        )} (not known to run this component; not included)`,
    ),
    ...found
      .filter(b => b.readout.notes.length > 0)
      .map(
        b => `cluster '${b.readout.cluster}': ${b.readout.notes.join('; ')}`,
      ),
  ];
  if (notes.length > 0) fact.error = notes.join('; ');
  return fact;
}
