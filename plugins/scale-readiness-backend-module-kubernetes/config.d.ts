export interface Config {
  scaleReadiness?: {
    /**
     * The live Kubernetes source of Scale Readiness
     * (`@scale-readiness/plugin-scale-readiness-backend-module-kubernetes`).
     * It reads clusters through the Backstage Kubernetes backend, so clusters,
     * their credentials and the service locator are configured under
     * `kubernetes:` as usual. See docs/kubernetes.md.
     */
    kubernetes?: {
      /**
       * Whether the module reads live clusters. When false it registers
       * nothing and the checks fall back to manifests and declared values.
       * Default true.
       */
      enabled?: boolean;

      /**
       * Days over which the observed peak replica count of each workload is
       * kept (the maximum of `spec.replicas` seen in that window). Default 14.
       */
      peakWindowDays?: number;

      /** Which objects beyond the Kubernetes backend's workload query are read. */
      customResources?: {
        /** `policy/v1` PodDisruptionBudgets (custom query). Default true. */
        podDisruptionBudgets?: boolean;
        /** `keda.sh/v1alpha1` ScaledObjects (custom query). Default true. */
        scaledObjects?: boolean;
        /**
         * Argo Rollouts `argoproj.io/v1alpha1` Rollouts (custom query), scale
         * targets like Deployments; a cluster without the CRD (404) is fine.
         * Default true.
         */
        rollouts?: boolean;
        /**
         * Flagger `flagger.app/v1beta1` Canaries (custom query): the rollout
         * strategy of the workload they target. Default true.
         */
        canaries?: boolean;
        /**
         * `autoscaling/v2` HorizontalPodAutoscalers through the custom query.
         * The workload query already returns them unless `kubernetes.objectTypes`
         * leaves them out; switch this on in that case. Default false.
         */
        horizontalPodAutoscalers?: boolean;
        /** Karpenter `karpenter.sh` NodePools (read through the proxy). Default true. */
        nodePools?: boolean;
        /** The cluster-autoscaler status ConfigMap (read through the proxy). Default true. */
        clusterAutoscalerStatus?: boolean;
      };

      /** Where cluster-autoscaler writes its status ConfigMap. */
      clusterAutoscalerStatus?: {
        /** Namespace of the ConfigMap. Default `kube-system`. */
        namespace?: string;
        /** Name of the ConfigMap. Default `cluster-autoscaler-status`. */
        name?: string;
      };

      /**
       * Also list PodDisruptionBudgets, HorizontalPodAutoscalers and
       * ScaledObjects of the workloads' namespaces through the Kubernetes
       * proxy, so objects that do not carry the entity's
       * `backstage.io/kubernetes-id` label still count when they select or
       * target its workloads. Default true.
       */
      namespaceLookups?: boolean;

      /** Entities queried in parallel. Default 4. */
      concurrency?: number;

      /** Page size (`limit`) of list calls made through the proxy. Default 500. */
      listPageSize?: number;

      /** Timeout of one HTTP call to the Kubernetes backend, in seconds. Default 30. */
      requestTimeoutSeconds?: number;

      /**
       * How long the node capacity of a cluster (NodePools, autoscaler status)
       * and the cluster list are reused between batches, in seconds. Default 300.
       */
      clusterCacheSeconds?: number;
    };
  };
}
