import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  Plan,
  PlanSummary,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { PlanOutcome } from './evaluatePlan';
import type { EvaluationSummary, StoredPlan } from './PlanStore';

/** The acting user's ref, lower-cased (403 for services). */
export function userRefOf(credentials: BackstageCredentials): string {
  const ref = (credentials.principal as { userEntityRef?: string })
    .userEntityRef;
  if (!ref) throw new NotAllowedError('Only users may do this');
  return ref.toLowerCase();
}

/** The API shape of a stored plan. */
export function toPlan(p: StoredPlan): Plan {
  return {
    id: p.id,
    title: p.title,
    ...(p.occasion ? { occasion: p.occasion } : {}),
    date: p.date,
    growthFactor: p.growthFactor,
    status: p.status,
    verdict: p.verdict,
    openItems: p.openItems,
    teams: p.teams,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    entryPoints: p.entryPoints,
    factors: p.factors,
  };
}

/** The listed shape of a stored plan. */
export function toSummary(p: StoredPlan): PlanSummary {
  const { entryPoints: _e, factors: _f, ...summary } = toPlan(p);
  return summary;
}

/** The summary numbers of an evaluation. */
export function summaryOf(outcome: PlanOutcome): EvaluationSummary {
  return {
    verdict: outcome.evaluation.verdict,
    openItems: outcome.desired.filter(d => d.state === 'open').length,
    teams: outcome.teams.length,
  };
}

/** Factor keys must be entry points (400 otherwise). */
export function checkFactors(plan: {
  entryPoints: string[];
  factors: Record<string, number>;
}) {
  const entries = new Set(plan.entryPoints.map(e => e.toLowerCase()));
  for (const ref of Object.keys(plan.factors)) {
    if (!entries.has(ref.toLowerCase())) {
      throw new InputError(`factors: ${ref} is not an entry point`);
    }
  }
}
