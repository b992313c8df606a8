import type {
  CreatePlanRequest,
  Plan,
  PlanDetailResponse,
  PlanExportFormat,
  PlanItem,
  PlanSignOffRequest,
  PlanSignOffResponse,
  PlanSummary,
  UpdatePlanRequest,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { ReviewExportFile } from './ScaleReadinessApi';

/**
 * Launch plan calls of the Scale Readiness backend (see docs/launch-plans.md).
 * Waiving a plan's action item uses `createWaiver` of the main API.
 * @public
 */
export interface ScaleReadinessPlansApi {
  /** Every plan, as listed by `GET /plans`. */
  listPlans(): Promise<PlanSummary[]>;
  /** Creates a plan (champions and operators); resolves to the stored plan. */
  createPlan(request: CreatePlanRequest): Promise<Plan>;
  /** A plan with its evaluation, action items, sign-offs, teams and history. */
  getPlan(planId: string): Promise<PlanDetailResponse>;
  /** Changes some fields of an open plan (409 once frozen or archived). */
  updatePlan(planId: string, patch: UpdatePlanRequest): Promise<Plan>;
  /** Archives a plan. */
  archivePlan(planId: string): Promise<Plan>;
  /** Assigns an action item to a user (entity ref), or unassigns it with null. */
  assignPlanItem(
    planId: string,
    itemId: string,
    assignee: string | null,
  ): Promise<PlanItem>;
  /** Signs off one team of a plan as the current user. */
  signOffPlan(
    planId: string,
    request: PlanSignOffRequest,
  ): Promise<PlanSignOffResponse>;
  /** Downloads the plan as Markdown or CSV. */
  exportPlan(
    planId: string,
    format: PlanExportFormat,
  ): Promise<ReviewExportFile>;
}
