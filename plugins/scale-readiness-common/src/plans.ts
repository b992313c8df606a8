/**
 * Shapes of the launch plan routes of the Scale Readiness API
 * (`/api/scale-readiness/plans…`), shared by the backend, the frontend client
 * and the CLI.
 */

/** Lifecycle of a launch plan. @public */
export type PlanStatus = 'open' | 'frozen' | 'archived';

/** Go/no-go verdict of a plan: `unknown` when a member could not be scored. @public */
export type PlanVerdict = 'go' | 'no-go' | 'unknown';

/** One launch plan as listed (`GET /plans`). @public */
export interface PlanSummary {
  id: string;
  title: string;
  /** Free text, e.g. `Black Friday`. */
  occasion?: string;
  /** Launch day, `YYYY-MM-DD`. */
  date: string;
  /** Default growth factor of every member. */
  growthFactor: number;
  status: PlanStatus;
  verdict: PlanVerdict;
  /** Action items still open. */
  openItems: number;
  /** Teams owning at least one member. */
  teams: number;
  /** User entity ref of the creator. */
  createdBy: string;
  /** ISO time of creation. */
  createdAt: string;
}

/** A launch plan with its inputs. @public */
export interface Plan extends PlanSummary {
  /** Entity refs of Components, APIs or Systems the launch starts from. */
  entryPoints: string[];
  /** Growth factor per entry point ref, overriding `growthFactor` for what it reaches. */
  factors: Record<string, number>;
}

/** Body of `POST /plans`. @public */
export interface CreatePlanRequest {
  title: string;
  occasion?: string;
  /** `YYYY-MM-DD`. */
  date: string;
  growthFactor: number;
  entryPoints: string[];
  factors?: Record<string, number>;
}

/** Body of `PATCH /plans/:id`: any subset of the creation fields. @public */
export type UpdatePlanRequest = Partial<CreatePlanRequest>;

/** Relation that pulled a member into a plan. @public */
export type PlanEdgeRelation =
  | 'dependsOn'
  | 'consumesApi'
  | 'providesApi'
  | 'hasPart';

/** One edge of the plan's request chain. @public */
export interface PlanEdge {
  from: string;
  to: string;
  relation: PlanEdgeRelation;
}

/** State of one member at its factor. @public */
export type PlanMemberState = 'survives' | 'breaks' | 'unknown' | 'waived';

/** One entity reached from the entry points. @public */
export interface PlanMember {
  entityRef: string;
  title: string;
  kind: string;
  /** Owning group ref, `null` when the catalog names none. */
  owner: string | null;
  ownerTitle?: string;
  /** Growth factor it is scored at. */
  factor: number;
  /** Headroom multiple, `null` when unknown. */
  headroom: number | null;
  state: PlanMemberState;
  /** First check that breaks at the factor. */
  firstBreak?: {
    checkId: string;
    title: string;
    message: string;
    remediation?: string;
  };
  /** On the path from an entry point to the weakest link. */
  onWeakestPath: boolean;
  entryPoint: boolean;
}

/** The weakest member of a plan. @public */
export interface PlanWeakestLink {
  entityRef: string;
  headroom: number | null;
  reason: string;
}

/** Evaluation of a plan over its request chain. @public */
export interface PlanEvaluation {
  verdict: PlanVerdict;
  /** ISO time. */
  evaluatedAt: string;
  members: PlanMember[];
  edges: PlanEdge[];
  weakestLink: PlanWeakestLink | null;
  /** Entry points the catalog does not know (any more). */
  missingEntryPoints: string[];
}

/** State of an action item. @public */
export type PlanItemState = 'open' | 'done' | 'waived';

/** One action item: a failing check of a member. @public */
export interface PlanItem {
  id: string;
  /** Owning group ref. */
  team: string;
  entityRef: string;
  checkId: string;
  title: string;
  remediation?: string;
  /** Plan date minus the check's lead time, `YYYY-MM-DD`. */
  dueDate: string;
  state: PlanItemState;
  /** User entity ref. */
  assignee?: string;
  /** Waiver covering the finding when `waived`. */
  waiverId?: string;
}

/** A team's sign-off of a plan. @public */
export interface PlanSignOff {
  /** Group ref. */
  team: string;
  /** User entity ref. */
  by: string;
  /** ISO time. */
  at: string;
  comment?: string;
}

/** One team involved in a plan. @public */
export interface PlanTeam {
  ref: string;
  title: string;
  openItems: number;
  signedOff: boolean;
}

/** One daily snapshot of a plan. @public */
export interface PlanHistoryPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  openItems: number;
  weakestHeadroom: number | null;
}

/** Response of `GET /plans`. @public */
export interface PlanListResponse {
  plans: PlanSummary[];
}

/** Response of `GET /plans/:id`. @public */
export interface PlanDetailResponse {
  plan: Plan;
  evaluation: PlanEvaluation;
  items: PlanItem[];
  signOffs: PlanSignOff[];
  teams: PlanTeam[];
  history: PlanHistoryPoint[];
}

/** Body of `POST /plans/:id/items/:itemId/assign`. @public */
export interface AssignPlanItemRequest {
  assignee: string | null;
}

/** Body of `POST /plans/:id/sign-offs`. @public */
export interface PlanSignOffRequest {
  team: string;
  comment?: string;
}

/** Response of `POST /plans/:id/sign-offs`. @public */
export interface PlanSignOffResponse {
  signOff: PlanSignOff;
  plan: Plan;
}

/** Export formats of `GET /plans/:id/export`. @public */
export type PlanExportFormat = 'markdown' | 'csv';
