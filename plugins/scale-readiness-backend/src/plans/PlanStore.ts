import type {
  PlanEvaluation,
  PlanItem,
  PlanItemState,
  PlanSignOff,
  PlanStatus,
  PlanTeam,
  PlanVerdict,
  PlanHistoryPoint,
} from '@scale-readiness/plugin-scale-readiness-common';

/** What a frozen plan keeps: never recomputed afterwards. */
export interface FrozenPlanState {
  evaluation: PlanEvaluation;
  items: PlanItem[];
  teams: PlanTeam[];
}

/** A plan as stored. */
export interface StoredPlan {
  id: string;
  title: string;
  occasion?: string;
  date: string;
  growthFactor: number;
  entryPoints: string[];
  factors: Record<string, number>;
  status: PlanStatus;
  verdict: PlanVerdict;
  openItems: number;
  teams: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  frozenAt: Date | null;
  frozen?: FrozenPlanState;
}

/** A new plan. */
export type NewPlan = Pick<
  StoredPlan,
  | 'id'
  | 'title'
  | 'occasion'
  | 'date'
  | 'growthFactor'
  | 'entryPoints'
  | 'factors'
  | 'createdBy'
>;

/** Changes of the plan's inputs (PATCH). */
export type PlanChange = Partial<
  Pick<
    StoredPlan,
    'title' | 'occasion' | 'date' | 'growthFactor' | 'entryPoints' | 'factors'
  >
>;

/** What an evaluation is made from. */
export type PlanInputs = Pick<
  StoredPlan,
  'entryPoints' | 'factors' | 'growthFactor' | 'date'
>;

/** A finding that should have an item now (open or waived). */
export interface DesiredItem {
  team: string;
  entityRef: string;
  checkId: string;
  title: string;
  remediation?: string;
  dueDate: string;
  state: Exclude<PlanItemState, 'done'>;
  waiverId?: string;
}

/** Summary numbers of one evaluation. */
export interface EvaluationSummary {
  verdict: PlanVerdict;
  openItems: number;
  teams: number;
}

/**
 * Persistence of launch plans. Every change of an open plan is conditional on
 * the plan still being open, so a plan frozen (or archived) by another caller
 * is never changed afterwards.
 */
export interface PlanStore {
  /** Inserts a plan (open, verdict unknown). */
  create(plan: NewPlan, at: Date): Promise<StoredPlan>;
  get(id: string): Promise<StoredPlan | undefined>;
  /** Every plan, by date (soonest first), then creation. */
  list(): Promise<StoredPlan[]>;
  /**
   * Changes an open plan's inputs.
   * @throws NotFoundError for an unknown plan, ConflictError when not open
   */
  update(id: string, change: PlanChange, at: Date): Promise<StoredPlan>;
  /** Archives a plan (open or frozen); archiving twice is a no-op. */
  archive(id: string, at: Date): Promise<StoredPlan | undefined>;
  /**
   * Brings the items of an open plan in line with an evaluation: new
   * findings get an item, items whose finding no longer fails become
   * `done`, and the plan's summary numbers are updated. Safe to run by
   * several callers at once (one item per finding). No-op unless open.
   * @returns whether the plan was open
   */
  syncItems(
    id: string,
    desired: DesiredItem[],
    summary: EvaluationSummary,
    at: Date,
  ): Promise<boolean>;
  listItems(planId: string): Promise<PlanItem[]>;
  /** Sets or clears an item's assignee (undefined when there is no such item). */
  assign(
    planId: string,
    itemId: string,
    assignee: string | null,
    at: Date,
  ): Promise<PlanItem | undefined>;
  /**
   * Records a team's sign-off of an open plan; when every team in
   * `involvedTeams` has signed, freezes the plan with `frozen` in the same
   * transaction. `inputs` are the plan inputs the evaluation was made from:
   * when the plan changed since, nothing is written.
   * @throws NotFoundError, ConflictError (not open, changed since the
   * evaluation, or the team already signed)
   */
  signOff(
    planId: string,
    signOff: PlanSignOff,
    completion: {
      involvedTeams: string[];
      frozen: FrozenPlanState;
      summary: EvaluationSummary;
      inputs: PlanInputs;
    },
  ): Promise<StoredPlan>;
  listSignOffs(planId: string): Promise<PlanSignOff[]>;
  /** Writes (or overwrites) the snapshot of one day. */
  recordSnapshot(planId: string, point: PlanHistoryPoint): Promise<void>;
  history(planId: string): Promise<PlanHistoryPoint[]>;
}
