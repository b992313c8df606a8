export interface Config {
  scaleReadiness?: {
    /** The dev portal's permission policy (packages/backend/src/policy). */
    permissions?: {
      /**
       * Group (or groups) whose members are Scale Readiness operators: they
       * run reconcile, start reviews by hand and hold any admin permission
       * of the plugin, and read every team's grants, audit and access
       * requests. A ref like `group:default/sre-team` (kind and namespace
       * default to `group` and `default`). Unset: nobody is an operator.
       */
      operatorGroup?: string | string[];
    };
  };
}
