import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { planRouteRef, plansRouteRef } from '../../routes';

/** Links between the launch plan pages (undefined when not mounted). */
export interface PlanLinks {
  list?: string;
  plan(planId: string): string | undefined;
}

/** Builds links to the launch plan pages from the mounted routes. */
export function usePlanLinks(): PlanLinks {
  const list = useOptionalRouteRef(plansRouteRef);
  const plan = useOptionalRouteRef(planRouteRef);
  return {
    list: list?.(),
    plan: planId => plan?.({ planId }),
  };
}
