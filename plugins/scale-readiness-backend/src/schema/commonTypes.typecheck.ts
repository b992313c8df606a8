/**
 * Type-level contract between openapi.yaml and the hand-written response and
 * request types of `@scale-readiness/plugin-scale-readiness-common`, which
 * the frontend client and the CLI use. Checked by `tsc` (scripts/test runs
 * it): a field added, removed or retyped on one side and not the other makes
 * this file fail to compile. Nothing here runs.
 *
 * `Same` pairs are equivalent both ways. `Serves` pairs are checked one way
 * (the common type fits the spec): the spec describes some nested parts as
 * opaque (engine settings, facts, the compact rows, per-dimension changes)
 * and `[before, after]` pairs as arrays of two.
 */
import type {
  AccessRequestListResponse,
  AccessRequestResponse,
  CheckCatalogueResponse,
  CreateAccessRequestRequest,
  CreateGrantRequest,
  CreateGrantResponse,
  CreatePlanRequest,
  CreateReviewRequest,
  CreateWaiverRequest,
  EntityReadinessResponse,
  GrantAuditResponse,
  GrantListResponse,
  HistoryEntry,
  OverviewResponse,
  PlanDetailResponse,
  PlanListResponse,
  PlanSignOffResponse,
  ReviewDetailResponse,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SimulateRequest,
  SimulateResponse,
  TeamChampionsResponse,
  TeamScorecardResponse,
  TimeToAccess,
  TimeToAccessOverviewResponse,
  UnownedObjectsResponse,
  UpdatePlanRequest,
  UpdateWaiverRequest,
  WaiverDetailResponse,
  WaiverListResponse,
  WaiverRecord,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { TrendResponse } from '../trends/router';
import type { SpecSchema } from './specTypes';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Serves<A, B> = [A] extends [B] ? true : false;

/** Each entry must be `true`; `false` names the pair that drifted. */
export const commonTypesMatchTheSpec: {
  OverviewResponse: Same<OverviewResponse, SpecSchema<'OverviewResponse'>>;
  HistoryEntry: Serves<HistoryEntry, SpecSchema<'HistoryEntry'>>;
  SimulateRequest: Same<SimulateRequest, SpecSchema<'SimulateRequest'>>;
  SimulateResponse: Same<SimulateResponse, SpecSchema<'SimulateResponse'>>;
  UnownedObjectsResponse: Same<
    UnownedObjectsResponse,
    SpecSchema<'UnownedObjectsResponse'>
  >;
  CheckCatalogueResponse: Same<
    CheckCatalogueResponse,
    SpecSchema<'CheckCatalogueResponse'>
  >;
  EntityReadinessResponse: Serves<
    EntityReadinessResponse,
    SpecSchema<'EntityReadinessResponse'>
  >;
  TeamScorecardResponse: Serves<
    TeamScorecardResponse,
    SpecSchema<'TeamScorecardResponse'>
  >;
  TrendResponse: Same<TrendResponse, SpecSchema<'TrendResponse'>>;
  GrantListResponse: Same<GrantListResponse, SpecSchema<'GrantListResponse'>>;
  CreateGrantRequest: Same<
    CreateGrantRequest,
    SpecSchema<'CreateGrantRequest'>
  >;
  CreateAccessRequestRequest: Same<
    CreateAccessRequestRequest,
    SpecSchema<'CreateGrantRequest'>
  >;
  CreateGrantResponse: Same<
    CreateGrantResponse,
    SpecSchema<'CreateGrantResponse'>
  >;
  GrantAuditResponse: Serves<
    GrantAuditResponse,
    SpecSchema<'GrantAuditResponse'>
  >;
  TeamChampionsResponse: Same<
    TeamChampionsResponse,
    SpecSchema<'TeamChampionsResponse'>
  >;
  TimeToAccess: Same<TimeToAccess, SpecSchema<'TimeToAccess'>>;
  AccessRequestResponse: Same<
    AccessRequestResponse,
    SpecSchema<'AccessRequestResponse'>
  >;
  AccessRequestListResponse: Same<
    AccessRequestListResponse,
    SpecSchema<'AccessRequestListResponse'>
  >;
  TimeToAccessOverviewResponse: Same<
    TimeToAccessOverviewResponse,
    SpecSchema<'TimeToAccessOverviewResponse'>
  >;
  ReviewSummary: Same<ReviewSummary, SpecSchema<'ReviewSummary'>>;
  ReviewListResponse: Same<
    ReviewListResponse,
    SpecSchema<'ReviewListResponse'>
  >;
  ReviewDetailResponse: Same<
    ReviewDetailResponse,
    SpecSchema<'ReviewDetailResponse'>
  >;
  ReviewTeamResponse: Serves<
    ReviewTeamResponse,
    SpecSchema<'ReviewTeamResponse'>
  >;
  ReviewSignOff: Same<ReviewSignOff, SpecSchema<'ReviewSignOff'>>;
  CreateReviewRequest: Same<
    CreateReviewRequest,
    SpecSchema<'CreateReviewRequest'>
  >;
  WaiverRecord: Same<WaiverRecord, SpecSchema<'WaiverRecord'>>;
  WaiverListResponse: Same<
    WaiverListResponse,
    SpecSchema<'WaiverListResponse'>
  >;
  WaiverDetailResponse: Same<
    WaiverDetailResponse,
    SpecSchema<'WaiverDetailResponse'>
  >;
  CreateWaiverRequest: Same<
    CreateWaiverRequest,
    SpecSchema<'CreateWaiverRequest'>
  >;
  UpdateWaiverRequest: Same<
    UpdateWaiverRequest,
    SpecSchema<'UpdateWaiverRequest'>
  >;
  PlanListResponse: Same<PlanListResponse, SpecSchema<'PlanListResponse'>>;
  PlanDetailResponse: Same<
    PlanDetailResponse,
    SpecSchema<'PlanDetailResponse'>
  >;
  CreatePlanRequest: Same<CreatePlanRequest, SpecSchema<'CreatePlanRequest'>>;
  UpdatePlanRequest: Same<UpdatePlanRequest, SpecSchema<'UpdatePlanRequest'>>;
  PlanSignOffResponse: Same<
    PlanSignOffResponse,
    SpecSchema<'PlanSignOffResponse'>
  >;
  /** The check itself can fail: two different schemas are not the same. */
  sanity: Same<OverviewResponse, SpecSchema<'ReviewListResponse'>>;
  /** …and a spec type is not `any` (`any` would make every pair pass). */
  notAny: Same<SpecSchema<'Grant'>, { unrelated: string }>;
} = {
  OverviewResponse: true,
  HistoryEntry: true,
  SimulateRequest: true,
  SimulateResponse: true,
  UnownedObjectsResponse: true,
  CheckCatalogueResponse: true,
  EntityReadinessResponse: true,
  TeamScorecardResponse: true,
  TrendResponse: true,
  GrantListResponse: true,
  CreateGrantRequest: true,
  CreateAccessRequestRequest: true,
  CreateGrantResponse: true,
  GrantAuditResponse: true,
  TeamChampionsResponse: true,
  TimeToAccess: true,
  AccessRequestResponse: true,
  AccessRequestListResponse: true,
  TimeToAccessOverviewResponse: true,
  ReviewSummary: true,
  ReviewListResponse: true,
  ReviewDetailResponse: true,
  ReviewTeamResponse: true,
  ReviewSignOff: true,
  CreateReviewRequest: true,
  WaiverRecord: true,
  WaiverListResponse: true,
  WaiverDetailResponse: true,
  CreateWaiverRequest: true,
  UpdateWaiverRequest: true,
  PlanListResponse: true,
  PlanDetailResponse: true,
  CreatePlanRequest: true,
  UpdatePlanRequest: true,
  PlanSignOffResponse: true,
  sanity: false,
  notAny: false,
};
