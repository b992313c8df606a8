import { parseEntityRef } from '@backstage/catalog-model';
import { expandTeamScorecard } from '@scale-readiness/plugin-scale-readiness-common';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  AccessRequestListResponse,
  AccessRequestState,
  CreateAccessRequestRequest,
  TeamAccessRequest,
  TimeToAccessOverviewResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  CreateGrantRequest,
  CreateGrantResponse,
  Grant,
  GrantAuditEntry,
  GrantState,
  TeamChampionsResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  EntityReadinessResponse,
  HistoryEntry,
  OverviewResponse,
  SimulateRequest,
  SimulateResponse,
  TeamScorecardResponse,
  UnownedObjectsResponse,
  CreateReviewRequest,
  CreateWaiverRequest,
  ReviewDetailResponse,
  ReviewExportFormat,
  ReviewListResponse,
  ReviewSignOff,
  ReviewSummary,
  ReviewTeamResponse,
  SignOffRequest,
  WaiverListResponse,
  WaiverRecord,
  WaiverStatus,
} from '@scale-readiness/plugin-scale-readiness-common';
import type {
  AccessRequestAuditEntry,
  OverviewQuery,
  ReviewExportFile,
  ScaleReadinessApi,
  ScaleReadinessHealth,
} from './ScaleReadinessApi';
import { AccessRequestsClient } from './AccessRequestsClient';
import { ApiTransport, JSON_HEADERS } from './ApiTransport';
import { entityPath } from './entityPaths';
import { GrantsClient } from './GrantsClient';
import { PlansClient } from './PlansClient';
import { ReviewsClient } from './ReviewsClient';
import { TrendsClient } from './TrendsClient';

/**
 * Default {@link ScaleReadinessApi}: calls the backend through the discovery
 * and fetch APIs (which add the user's token).
 *
 * The scores calls are here; each other area has its own client, over the
 * same `ApiTransport`: reviews and waivers (`ReviewsClient`), champion
 * grants (`GrantsClient`), access requests (`AccessRequestsClient`), trends
 * ({@link TrendsClient}) and launch plans ({@link PlansClient}).
 * @public
 */
export class ScaleReadinessClient implements ScaleReadinessApi {
  readonly #transport: ApiTransport;
  readonly #reviews: ReviewsClient;
  readonly #grants: GrantsClient;
  readonly #accessRequests: AccessRequestsClient;
  readonly #plans: PlansClient;
  readonly #trends: TrendsClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#transport = new ApiTransport(options);
    this.#reviews = new ReviewsClient(this.#transport);
    this.#grants = new GrantsClient(this.#transport);
    this.#accessRequests = new AccessRequestsClient(this.#transport);
    this.#plans = new PlansClient(options);
    this.#trends = new TrendsClient(options);
  }

  getHealth(): Promise<ScaleReadinessHealth> {
    return this.#transport.request('/health');
  }

  getEntity(entityRef: string): Promise<EntityReadinessResponse> {
    return this.#transport.call(
      'GET /entities/{kind}/{namespace}/{name}',
      `/entities/${entityPath(entityRef)}`,
    );
  }

  async getEntityHistory(
    entityRef: string,
    limit = 50,
  ): Promise<HistoryEntry[]> {
    const body = await this.#transport.call(
      'GET /entities/{kind}/{namespace}/{name}/history',
      `/entities/${entityPath(entityRef)}/history?limit=${encodeURIComponent(
        String(limit),
      )}`,
    );
    return body.items;
  }

  async refreshEntity(entityRef: string): Promise<void> {
    await this.#transport.call(
      'POST /entities/{kind}/{namespace}/{name}/refresh',
      `/entities/${entityPath(entityRef)}/refresh`,
      { method: 'POST' },
    );
  }

  /**
   * Asks for the compact scorecard (check ids and repeated strings sent once,
   * about a third of the bytes) and expands it; a server without the compact
   * format answers the full one, which is returned as it is.
   */
  async getTeam(groupRef: string): Promise<TeamScorecardResponse> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    const body = await this.#transport.call(
      'GET /teams/{namespace}/{name}',
      `/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}?format=compact`,
    );
    return expandTeamScorecard(body);
  }

  getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return this.#transport.call(
      'GET /overview',
      `/overview${qs ? `?${qs}` : ''}`,
    );
  }

  getUnownedObjects(
    options: { entityRef?: string } = {},
  ): Promise<UnownedObjectsResponse> {
    const qs = options.entityRef
      ? `?${new URLSearchParams({ entityRef: options.entityRef })}`
      : '';
    return this.#transport.call(
      'GET /unowned-objects',
      `/unowned-objects${qs}`,
    );
  }

  simulate(request: SimulateRequest): Promise<SimulateResponse> {
    return this.#transport.call('POST /simulate', '/simulate', {
      method: 'POST',
      headers: JSON_HEADERS,
      json: request,
    });
  }

  // Readiness reviews and waivers: the calls live in ReviewsClient

  listReviews(query?: {
    offset?: number;
    limit?: number;
  }): Promise<ReviewListResponse> {
    return this.#reviews.listReviews(query);
  }

  startReview(request?: CreateReviewRequest): Promise<ReviewSummary> {
    return this.#reviews.startReview(request);
  }

  getReview(reviewId: string): Promise<ReviewDetailResponse> {
    return this.#reviews.getReview(reviewId);
  }

  getReviewTeam(
    reviewId: string,
    teamRef: string,
  ): Promise<ReviewTeamResponse> {
    return this.#reviews.getReviewTeam(reviewId, teamRef);
  }

  signOffReview(
    reviewId: string,
    teamRef: string,
    request?: SignOffRequest,
  ): Promise<ReviewSignOff> {
    return this.#reviews.signOffReview(reviewId, teamRef, request);
  }

  exportReview(
    reviewId: string,
    format: ReviewExportFormat,
    teamRef?: string,
  ): Promise<ReviewExportFile> {
    return this.#reviews.exportReview(reviewId, format, teamRef);
  }

  listWaivers(query?: {
    entityRef?: string;
    status?: WaiverStatus;
  }): Promise<WaiverListResponse> {
    return this.#reviews.listWaivers(query);
  }

  createWaiver(request: CreateWaiverRequest): Promise<WaiverRecord> {
    return this.#reviews.createWaiver(request);
  }

  approveWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#reviews.approveWaiver(waiverId);
  }

  revokeWaiver(waiverId: string): Promise<WaiverRecord> {
    return this.#reviews.revokeWaiver(waiverId);
  }

  // Champion actions: the calls live in GrantsClient

  getTeamChampions(groupRef: string): Promise<TeamChampionsResponse> {
    return this.#grants.getTeamChampions(groupRef);
  }

  listGrants(groupRef: string, states?: GrantState[]): Promise<Grant[]> {
    return this.#grants.listGrants(groupRef, states);
  }

  createGrant(
    request: CreateGrantRequest,
    idempotencyKey?: string,
  ): Promise<CreateGrantResponse> {
    return this.#grants.createGrant(request, idempotencyKey);
  }

  revokeGrant(grantId: string, reason?: string): Promise<Grant> {
    return this.#grants.revokeGrant(grantId, reason);
  }

  getGrantAuditLog(
    groupRef: string,
    limit?: number,
  ): Promise<GrantAuditEntry[]> {
    return this.#grants.getGrantAuditLog(groupRef, limit);
  }

  // Access requests: the calls live in AccessRequestsClient

  listAccessRequests(
    groupRef: string,
    query?: { states?: AccessRequestState[]; limit?: number },
  ): Promise<AccessRequestListResponse> {
    return this.#accessRequests.listAccessRequests(groupRef, query);
  }

  createAccessRequest(
    request: CreateAccessRequestRequest,
  ): Promise<{ request: TeamAccessRequest; created: boolean }> {
    return this.#accessRequests.createAccessRequest(request);
  }

  getAccessRequest(requestId: string): Promise<TeamAccessRequest> {
    return this.#accessRequests.getAccessRequest(requestId);
  }

  getAccessRequestAuditLog(
    requestId: string,
    limit?: number,
  ): Promise<AccessRequestAuditEntry[]> {
    return this.#accessRequests.getAccessRequestAuditLog(requestId, limit);
  }

  approveAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest> {
    return this.#accessRequests.approveAccessRequest(requestId, comment);
  }

  denyAccessRequest(
    requestId: string,
    comment: string,
  ): Promise<TeamAccessRequest> {
    return this.#accessRequests.denyAccessRequest(requestId, comment);
  }

  cancelAccessRequest(
    requestId: string,
    comment?: string,
  ): Promise<TeamAccessRequest> {
    return this.#accessRequests.cancelAccessRequest(requestId, comment);
  }

  getTimeToAccessOverview(): Promise<TimeToAccessOverviewResponse> {
    return this.#accessRequests.getTimeToAccessOverview();
  }

  // Trends (see docs/trends.md): the calls live in TrendsClient

  getEntityTrend: TrendsClient['getEntityTrend'] = (ref, window) =>
    this.#trends.getEntityTrend(ref, window);
  getTeamTrend: TrendsClient['getTeamTrend'] = (ref, window) =>
    this.#trends.getTeamTrend(ref, window);
  getOrgTrend: TrendsClient['getOrgTrend'] = window =>
    this.#trends.getOrgTrend(window);

  // Launch plans (see docs/launch-plans.md): the calls live in PlansClient

  listPlans: PlansClient['listPlans'] = () => this.#plans.listPlans();
  createPlan: PlansClient['createPlan'] = r => this.#plans.createPlan(r);
  getPlan: PlansClient['getPlan'] = id => this.#plans.getPlan(id);
  updatePlan: PlansClient['updatePlan'] = (id, patch) =>
    this.#plans.updatePlan(id, patch);
  archivePlan: PlansClient['archivePlan'] = id => this.#plans.archivePlan(id);
  assignPlanItem: PlansClient['assignPlanItem'] = (id, itemId, assignee) =>
    this.#plans.assignPlanItem(id, itemId, assignee);
  signOffPlan: PlansClient['signOffPlan'] = (id, r) =>
    this.#plans.signOffPlan(id, r);
  exportPlan: PlansClient['exportPlan'] = (id, format) =>
    this.#plans.exportPlan(id, format);
}
