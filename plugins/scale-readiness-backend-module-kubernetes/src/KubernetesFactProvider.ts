import type { LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CustomResourceMatcher } from '@backstage/plugin-kubernetes-common';
import type {
  Fact,
  FactContribution,
  FactSectionName,
  WorkloadSetFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  type FactProvider,
  type FactProviderContext,
  mapWithConcurrency,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  ClusterCapacityReader,
  type ClusterCapacity,
} from './capacity/ClusterCapacityReader';
import { buildNodeCapacityFact } from './capacity/nodeCapacityFact';
import type { KubernetesBackendClient } from './client/KubernetesBackendClient';
import type { KubernetesSourceConfig } from './config';
import {
  PeakReplicaStore,
  utcDay,
  windowStartDay,
} from './database/PeakReplicaStore';
import { clustersNamedInCatalog, kubernetesSelector } from './entitySelection';
import { type ClusterReadout, readClusters } from './live/clusterReadout';
import { LIVE_ORIGIN, replicaSamples } from './live/liveWorkloads';
import { NamespaceLookups } from './live/NamespaceLookups';
import { buildWorkloadsFact } from './live/workloadsFact';

/** Id of the backend's manifests provider, whose facts drift is measured against. */
const MANIFESTS_PROVIDER_ID = 'manifests';

/** Options of {@link KubernetesFactProvider}. @public */
export interface KubernetesFactProviderOptions {
  client: KubernetesBackendClient;
  peaks: PeakReplicaStore;
  config: KubernetesSourceConfig;
  logger: LoggerService;
  /** Clock for the cluster-list cache, injected for tests. */
  now?: () => number;
}

/** What the entity queries returned for one entity. */
interface EntityReadout {
  readouts: ClusterReadout[];
  /** The Kubernetes backend refused or failed the query itself. */
  error?: string;
}

/**
 * Fact provider `kubernetes`: live workloads and node capacity read through
 * the Backstage Kubernetes backend.
 *
 * Per batch: the cluster list (`/clusters`; none configured → no facts, so
 * manifests and declared values are used); per Component with
 * `backstage.io/kubernetes-id` or `…/kubernetes-label-selector`, the workload
 * and custom-resource queries (PDBs, ScaledObjects), completed through the
 * proxy (see `NamespaceLookups`); replica samples are recorded and the window
 * peak applied; drift against the manifest facts stored by the last pass
 * (`FactProviderContext.storedFacts` of provider `manifests`) is attached. Node
 * capacity covers the clusters an entity runs in or names through a
 * `kubernetes-cluster` Resource (itself or a `dependsOn`).
 *
 * Never throws for one entity or cluster: failures become `error` sections
 * naming the cluster and the error, so the checks say unknown.
 * @public
 */
export class KubernetesFactProvider implements FactProvider {
  readonly id = LIVE_ORIGIN;
  readonly sections: FactSectionName[] = ['workloads', 'nodeCapacity'];
  readonly #options: KubernetesFactProviderOptions;
  readonly #capacity: ClusterCapacityReader;
  #clusters: { at: number; names: string[] } | undefined;
  #prunedDay: string | undefined;
  #warnedStoredFacts = false;

  constructor(options: KubernetesFactProviderOptions) {
    this.#options = options;
    const { config } = options;
    this.#capacity = new ClusterCapacityReader({
      client: options.client,
      nodePools: config.customResources.nodePools,
      clusterAutoscalerStatus: config.customResources.clusterAutoscalerStatus
        ? config.clusterAutoscalerStatus
        : false,
      cacheMs: config.clusterCacheMs,
      now: options.now,
    });
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  async #clusterNames(): Promise<string[]> {
    const cached = this.#clusters;
    if (
      cached &&
      this.#now() - cached.at < this.#options.config.clusterCacheMs
    ) {
      return cached.names;
    }
    const names = await this.#options.client.listClusters();
    this.#clusters = { at: this.#now(), names };
    return names;
  }

  #customResources(): CustomResourceMatcher[] {
    const toggles = this.#options.config.customResources;
    const out: CustomResourceMatcher[] = [];
    if (toggles.podDisruptionBudgets) {
      out.push({
        group: 'policy',
        apiVersion: 'v1',
        plural: 'poddisruptionbudgets',
      });
    }
    if (toggles.scaledObjects) {
      out.push({
        group: 'keda.sh',
        apiVersion: 'v1alpha1',
        plural: 'scaledobjects',
      });
    }
    if (toggles.rollouts) {
      out.push({
        group: 'argoproj.io',
        apiVersion: 'v1alpha1',
        plural: 'rollouts',
      });
    }
    if (toggles.canaries) {
      out.push({
        group: 'flagger.app',
        apiVersion: 'v1beta1',
        plural: 'canaries',
      });
    }
    if (toggles.horizontalPodAutoscalers) {
      out.push({
        group: 'autoscaling',
        apiVersion: 'v2',
        plural: 'horizontalpodautoscalers',
      });
    }
    return out;
  }

  async #readEntity(
    entityRef: string,
    lookups: NamespaceLookups,
  ): Promise<EntityReadout> {
    const { client } = this.#options;
    const custom = this.#customResources();
    try {
      const [workloads, customObjects] = await Promise.all([
        client.queryWorkloads(entityRef),
        custom.length > 0
          ? client.queryCustomResources(entityRef, custom)
          : undefined,
      ]);
      const readouts = readClusters([workloads, customObjects]);
      await Promise.all(readouts.map(r => lookups.complete(r)));
      return { readouts };
    } catch (e) {
      return { readouts: [], error: `Kubernetes backend: ${describeError(e)}` };
    }
  }

  async collect(
    entities: Entity[],
    ctx: FactProviderContext,
  ): Promise<Map<string, FactContribution>> {
    const result = new Map<string, FactContribution>();
    const refs = entities.map(e => stringifyEntityRef(e));
    const selectors = entities.map(kubernetesSelector);
    const selectorOf = new Map<string, string>();
    refs.forEach((ref, i) => {
      if (selectors[i] !== undefined) selectorOf.set(ref, selectors[i]!);
    });
    const linked = [...selectorOf.keys()];
    const meta = { source: this.id, collectedAt: ctx.now };

    let clusterNames: string[];
    try {
      clusterNames = await this.#clusterNames();
    } catch (e) {
      const error = `Kubernetes backend: cannot list clusters: ${describeError(
        e,
      )}`;
      ctx.logger.warn(error);
      // Every section this source supplies is unknown, with the reason.
      for (const ref of linked) {
        result.set(ref, {
          workloads: errorFact(error, meta),
          nodeCapacity: errorFact(error, meta),
        });
      }
      return result;
    }
    // No cluster configured (the embedded default): manifests and declared
    // values stay in charge.
    if (clusterNames.length === 0) return result;

    const named = await clustersNamedInCatalog(
      entities,
      refs,
      new Set(clusterNames),
      ctx.catalog,
    );
    if (named.lookupError) ctx.logger.warn(named.lookupError);
    if (linked.length === 0 && named.byEntity.size === 0) return result;

    const { config } = this.#options;
    const sinceDay = windowStartDay(ctx.now, config.peakWindowDays);
    const lookups = new NamespaceLookups(this.#options.client, {
      namespaceLookups: config.namespaceLookups,
      podDisruptionBudgets: config.customResources.podDisruptionBudgets,
      scaledObjects: config.customResources.scaledObjects,
    });
    const live = await mapWithConcurrency(linked, config.concurrency, ref =>
      this.#readEntity(ref, lookups),
    );
    const liveByRef = new Map(linked.map((ref, i) => [ref, live[i]]));

    const [seen, peakMap, manifests] = await this.#history(
      linked,
      liveByRef,
      ctx,
      sinceDay,
    );

    // Clusters each entity runs in (workloads found now) or names in the catalog.
    const clustersOf = new Map<string, Set<string>>();
    const workloadFacts = new Map<string, FactContribution['workloads']>();
    linked.forEach(ref => {
      const readout = liveByRef.get(ref)!;
      const known = new Set([
        ...(seen.get(ref) ?? []),
        ...(named.byEntity.get(ref) ?? []),
      ]);
      if (readout.error) {
        workloadFacts.set(ref, errorFact(readout.error, meta));
        return;
      }
      const fact = buildWorkloadsFact({
        readouts: readout.readouts,
        knownClusters: known,
        peaks: peakMap.get(ref) ?? new Map(),
        manifests: manifests.get(ref),
        selector: selectorOf.get(ref)!,
        now: ctx.now,
      });
      workloadFacts.set(ref, fact);
      const running = new Set<string>();
      for (const r of readout.readouts) {
        const hasWorkloads =
          r.objects.Deployment.length +
            r.objects.StatefulSet.length +
            (r.objects.Rollout?.length ?? 0) >
          0;
        const failedKnown = r.errors.length > 0 && known.has(r.cluster);
        if (hasWorkloads || failedKnown) running.add(r.cluster);
      }
      clustersOf.set(ref, running);
    });
    for (const [ref, names] of named.byEntity) {
      const set = clustersOf.get(ref) ?? new Set<string>();
      names.forEach(n => set.add(n));
      clustersOf.set(ref, set);
    }

    const capacities = await this.#readCapacities(clustersOf);
    for (const ref of refs) {
      const contribution: FactContribution = {};
      const workloads = workloadFacts.get(ref);
      if (workloads) contribution.workloads = workloads;
      const nodeCapacity = buildNodeCapacityFact(
        [...(clustersOf.get(ref) ?? [])],
        capacities,
        ctx.now,
      );
      if (nodeCapacity) contribution.nodeCapacity = nodeCapacity;
      if (Object.keys(contribution).length > 0) result.set(ref, contribution);
    }
    return result;
  }

  /** Records replica samples; reads peaks, clusters seen and stored manifests. */
  async #history(
    linked: string[],
    liveByRef: Map<string, EntityReadout>,
    ctx: FactProviderContext,
    sinceDay: string,
  ) {
    const { peaks } = this.#options;
    const samples = linked.flatMap(ref =>
      liveByRef.get(ref)!.readouts.flatMap(r => replicaSamples(ref, r)),
    );
    let seen = new Map<string, Set<string>>();
    let peakMap = new Map<string, Map<string, number>>();
    try {
      seen = await peaks.clustersSeen(linked, sinceDay);
      await peaks.record(samples, ctx.now);
      peakMap = await peaks.peaks(linked, sinceDay);
      const today = utcDay(ctx.now);
      if (this.#prunedDay !== today) {
        await peaks.prune(sinceDay);
        this.#prunedDay = today;
      }
    } catch (e) {
      // Without the store the current replica count is the peak.
      ctx.logger.warn(
        `Cannot update observed peak replicas: ${describeError(e)}`,
      );
    }
    return [seen, peakMap, await this.#storedManifests(linked, ctx)] as const;
  }

  /**
   * The `manifests` provider's workloads facts stored for these entities
   * (through the context, so drift lags the manifests by at most one pass).
   * None when the host stores no facts; a read failure is logged once and
   * only hides drift.
   */
  async #storedManifests(
    linked: string[],
    ctx: FactProviderContext,
  ): Promise<Map<string, Fact<WorkloadSetFacts>>> {
    const out = new Map<string, Fact<WorkloadSetFacts>>();
    if (!ctx.storedFacts || linked.length === 0) return out;
    try {
      const stored = await ctx.storedFacts(MANIFESTS_PROVIDER_ID, linked);
      for (const [ref, facts] of stored) {
        if (facts.workloads) out.set(ref, facts.workloads);
      }
    } catch (e) {
      if (!this.#warnedStoredFacts) {
        this.#warnedStoredFacts = true;
        ctx.logger.warn(
          `Cannot read stored manifest facts, drift is not reported: ${describeError(
            e,
          )}`,
        );
      }
    }
    return out;
  }

  async #readCapacities(clustersOf: Map<string, Set<string>>) {
    const all = new Set<string>();
    clustersOf.forEach(set => set.forEach(c => all.add(c)));
    const capacities = new Map<string, ClusterCapacity>();
    await Promise.all(
      [...all].map(async name =>
        capacities.set(name, await this.#capacity.get(name)),
      ),
    );
    return capacities;
  }
}
