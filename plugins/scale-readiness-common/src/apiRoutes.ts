import type {
  AccessRequestListResponse,
  AccessRequestResponse,
  CreateAccessRequestRequest,
  DecideAccessRequestRequest,
  TimeToAccessOverviewResponse,
} from './accessRequests';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
  UnownedObjectsResponse,
} from './api';
import type { CheckCatalogueResponse, CompactTeamScorecard } from './compact';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  Grant,
  GrantAuditResponse,
  GrantListResponse,
  TeamChampionsResponse,
  TimeToAccess,
} from './grants';
import type {
  AssignPlanItemRequest,
  CreatePlanRequest,
  Plan,
  PlanDetailResponse,
  PlanItem,
  PlanListResponse,
  PlanSignOffRequest,
  PlanSignOffResponse,
  UpdatePlanRequest,
} from './plans';
import type { EntityResult } from './results';
import type {
  CreateReviewRequest,
  CreateWaiverRequest,
  ReviewDetailResponse,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SignOffRequest,
  UpdateWaiverRequest,
  WaiverDetailResponse,
  WaiverListResponse,
  WaiverRecord,
} from './reviews';

/**
 * The JSON routes of the backend that the portal and the CLI call, keyed
 * `METHOD /path` exactly as in the backend's OpenAPI spec
 * (`plugins/scale-readiness-backend/src/schema/openapi.yaml`), with the body
 * of their success response and, for writes, of their request.
 *
 * The backend checks at compile time that every key is an operation of the
 * spec and that each type matches the spec's schema
 * (`src/schema/commonTypes.typecheck.ts` there), so a client typed from this
 * map is typed from the spec.
 * @public
 */
export interface ScaleReadinessRoutes {
  'GET /checks': { response: CheckCatalogueResponse };
  'GET /entities/{kind}/{namespace}/{name}': {
    response: EntityReadinessResponse;
  };
  'GET /entities/{kind}/{namespace}/{name}/history': {
    response: { items: HistoryEntry[] };
  };
  'POST /entities/{kind}/{namespace}/{name}/refresh': {
    response: { result: EntityResult };
  };
  'GET /teams/{namespace}/{name}': {
    response: TeamScorecardResponse | CompactTeamScorecard;
  };
  'GET /overview': { response: OverviewResponse };
  'GET /unowned-objects': { response: UnownedObjectsResponse };
  'POST /simulate': { request: SimulateRequest; response: SimulateResponse };
  'GET /reviews': { response: ReviewListResponse };
  'POST /reviews': { request: CreateReviewRequest; response: ReviewSummary };
  'GET /reviews/{id}': { response: ReviewDetailResponse };
  'GET /reviews/{id}/teams/{kind}/{namespace}/{name}': {
    response: ReviewTeamResponse;
  };
  'POST /reviews/{id}/teams/{kind}/{namespace}/{name}/sign-offs': {
    request: SignOffRequest;
    response: ReviewSignOff;
  };
  'GET /waivers': { response: WaiverListResponse };
  'POST /waivers': { request: CreateWaiverRequest; response: WaiverRecord };
  'GET /waivers/{id}': { response: WaiverDetailResponse };
  'PATCH /waivers/{id}': {
    request: UpdateWaiverRequest;
    response: WaiverRecord;
  };
  'POST /waivers/{id}/approve': { response: WaiverRecord };
  'DELETE /waivers/{id}': { response: WaiverRecord };
  'GET /champions/{namespace}/{name}': { response: TeamChampionsResponse };
  'GET /champions/{namespace}/{name}/audit': { response: GrantAuditResponse };
  'GET /champions/{namespace}/{name}/time-to-access': {
    response: TimeToAccess;
  };
  'GET /grants': { response: GrantListResponse };
  'POST /grants': {
    request: CreateGrantRequest;
    response: CreateGrantResponse;
  };
  'GET /grants/{id}': { response: { grant: Grant } };
  'POST /grants/{id}/revoke': {
    request: { reason?: string };
    response: { grant: Grant };
  };
  'GET /access-requests': { response: AccessRequestListResponse };
  'POST /access-requests': {
    request: CreateAccessRequestRequest;
    response: AccessRequestResponse;
  };
  'GET /access-requests/{id}': { response: AccessRequestResponse };
  'POST /access-requests/{id}/approve': {
    request: DecideAccessRequestRequest;
    response: AccessRequestResponse;
  };
  'POST /access-requests/{id}/deny': {
    request: { comment: string };
    response: AccessRequestResponse;
  };
  'POST /access-requests/{id}/cancel': {
    request: DecideAccessRequestRequest;
    response: AccessRequestResponse;
  };
  'GET /access-requests/time-to-access': {
    response: TimeToAccessOverviewResponse;
  };
  'GET /plans': { response: PlanListResponse };
  'POST /plans': { request: CreatePlanRequest; response: { plan: Plan } };
  'GET /plans/{id}': { response: PlanDetailResponse };
  'PATCH /plans/{id}': { request: UpdatePlanRequest; response: { plan: Plan } };
  'POST /plans/{id}/archive': { response: { plan: Plan } };
  'POST /plans/{id}/items/{itemId}/assign': {
    request: AssignPlanItemRequest;
    response: { item: PlanItem };
  };
  'POST /plans/{id}/sign-offs': {
    request: PlanSignOffRequest;
    response: PlanSignOffResponse;
  };
}

/** A key of {@link ScaleReadinessRoutes}. @public */
export type ScaleReadinessRoute = keyof ScaleReadinessRoutes;

/** The success body of a route. @public */
export type ScaleReadinessRouteResponse<K extends ScaleReadinessRoute> =
  ScaleReadinessRoutes[K]['response'];

/** The request body of a write route (`never` for routes without one). @public */
export type ScaleReadinessRouteRequest<K extends ScaleReadinessRoute> =
  ScaleReadinessRoutes[K] extends { request: infer R } ? R : never;

/** The HTTP method of a route. @public */
export function routeMethod(route: ScaleReadinessRoute): string {
  return route.slice(0, route.indexOf(' '));
}

/**
 * Whether a concrete path (with a query string or not) is an instance of
 * a route's template, e.g. `/grants/abc` of `GET /grants/{id}`.
 * @public
 */
export function routeMatches(
  route: ScaleReadinessRoute,
  path: string,
): boolean {
  const template = route.slice(route.indexOf(' ') + 1);
  const pattern = template
    .split(/\{[A-Za-z]+\}/)
    .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/?]+');
  return new RegExp(`^${pattern}(\\?.*)?$`).test(path);
}
